import type { ZodError } from 'zod';
import { BeaconError, type ErrorCode, type FieldIssue } from '../domain/errors.js';

export const STATUS_BY_CODE: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 415 | 422 | 429 | 503> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  busy: 503,
  unavailable: 503,
};

const TITLE_BY_CODE: Record<ErrorCode, string> = {
  validation: 'Invalid request',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  unsupported_media_type: 'Unsupported media type',
  unprocessable: 'Refused',
  rate_limited: 'Too many requests',
  busy: 'Busy, try again',
  unavailable: 'Service unavailable',
};

/** An RFC 9457 problem document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldIssue[];
}

export function toProblem(error: BeaconError): Problem {
  const problem: Problem = {
    type: `https://beacon.dev/problems/${error.code}`,
    title: TITLE_BY_CODE[error.code],
    status: STATUS_BY_CODE[error.code],
    detail: error.message,
  };
  if (error.issues.length > 0) problem.errors = error.issues;
  return problem;
}

/** `components[2].impact` from zod's path array. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out || '(body)';
}

/** Turns a zod failure into one validation error naming every offending field. */
export function fromZodError(error: ZodError, where?: string): BeaconError {
  const prefix = where ? [where] : [];
  // An unknown key is reported at the key itself, so clients can point at the exact field.
  const issues = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatIssuePath([...prefix, ...issue.path, key]), message: 'Unknown field' }))
      : [{ path: formatIssuePath([...prefix, ...issue.path]), message: issue.message }],
  );
  const detail = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return new BeaconError('validation', detail, issues);
}
