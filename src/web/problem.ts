import type { ZodError } from 'zod';
import { BeaconError, type ErrorCode, type FieldIssue } from '../domain/errors.js';

/** What a problem document can report: every domain error code, and the failure nobody meant. */
export type ProblemCode = ErrorCode | 'internal';

export const STATUS_BY_CODE: Record<ProblemCode, 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 422 | 429 | 500 | 503> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  busy: 503,
  unavailable: 503,
};

const TITLE_BY_CODE: Record<ProblemCode, string> = {
  validation: 'Invalid request',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  precondition_failed: 'Precondition failed',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  unprocessable: 'Refused',
  rate_limited: 'Too many requests',
  internal: 'Internal error',
  busy: 'Busy, try again',
  unavailable: 'Service unavailable',
};

/** How many field issues a document lists; the rest are counted in `omitted_errors`. */
export const MAX_LISTED_ISSUES = 20;
/** How much of one value from the request (an unknown key, say) an error quotes. */
export const MAX_QUOTED = 100;
// Backstops for text built elsewhere (services join every issue into their message).
const MAX_DETAIL = 1000;
const MAX_ISSUE_PATH = 300;
const MAX_ISSUE_MESSAGE = 500;

/** An RFC 9457 problem document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldIssue[];
  /** How many more issues there were than `errors` lists. */
  omitted_errors?: number;
}

/** `text`, cut to `max` characters with an ellipsis when longer. */
export function clip(text: string, max = MAX_QUOTED): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The one builder of problem documents. Bounded whatever the input: at most `MAX_LISTED_ISSUES`
 * issues (and a count of the rest), each path and message and the detail cut to a fixed length, so
 * a request cannot make its own error document large.
 */
export function buildProblem(code: ProblemCode, detail: string, issues: readonly FieldIssue[] = []): Problem {
  const problem: Problem = {
    type: `https://beacon.dev/problems/${code}`,
    title: TITLE_BY_CODE[code],
    status: STATUS_BY_CODE[code],
    detail: clip(detail, MAX_DETAIL),
  };
  if (issues.length > 0) {
    problem.errors = issues
      .slice(0, MAX_LISTED_ISSUES)
      .map((issue) => ({ path: clip(issue.path, MAX_ISSUE_PATH), message: clip(issue.message, MAX_ISSUE_MESSAGE) }));
    if (issues.length > MAX_LISTED_ISSUES) problem.omitted_errors = issues.length - MAX_LISTED_ISSUES;
  }
  return problem;
}

export function toProblem(error: BeaconError): Problem {
  return buildProblem(error.code, error.message, error.issues);
}

/** The 500 every unexpected failure gets: it says nothing of the failure, which is logged instead. */
export const INTERNAL_PROBLEM: Readonly<Problem> = buildProblem('internal', 'Something went wrong on our side; it has been logged.');

/**
 * A problem as an `application/problem+json` response, with any `headers` (e.g. `WWW-Authenticate`).
 *
 * @example return problemResponse(toProblem(new BeaconError('not_found', 'No such path')))
 */
export function problemResponse(problem: Problem, headers: Readonly<Record<string, string>> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { ...headers, 'Content-Type': 'application/problem+json' },
  });
}

/** `components[2].impact` from zod's path array; keys taken from the request are quoted at most `MAX_QUOTED` characters. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? clip(String(part)) : `.${clip(String(part))}`;
  }
  return out || '(body)';
}

/** Turns a zod failure into one validation error naming every offending field (the document lists the first few). */
export function fromZodError(error: ZodError, where?: string): BeaconError {
  const prefix = where ? [where] : [];
  // An unknown key is reported at the key itself, so clients can point at the exact field.
  const issues = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatIssuePath([...prefix, ...issue.path, key]), message: 'Unknown field' }))
      : [{ path: formatIssuePath([...prefix, ...issue.path]), message: issue.message }],
  );
  return new BeaconError('validation', summariseIssues(issues), issues);
}

/** `a: …; b: …; and 12 more`: as many issues as fit in a detail, then how many did not. */
function summariseIssues(issues: readonly FieldIssue[]): string {
  let detail = '';
  let listed = 0;
  for (const issue of issues) {
    const piece = `${listed === 0 ? '' : '; '}${issue.path}: ${issue.message}`;
    if (listed === MAX_LISTED_ISSUES || detail.length + piece.length > MAX_DETAIL - 20) break;
    detail += piece;
    listed++;
  }
  if (listed === 0 && issues[0]) detail = clip(`${issues[0].path}: ${issues[0].message}`, MAX_DETAIL - 20);
  const more = issues.length - Math.max(listed, 1);
  return more > 0 ? `${detail}; and ${more} more` : detail;
}
