/** Every failure the application reports on purpose; `app.onError` maps `code` to an HTTP status. */
export type ErrorCode =
  | 'validation' // 400: input is malformed; `issues` names the fields
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'method_not_allowed' // 405: the path exists, the method does not
  | 'conflict' // 409: e.g. a slug already taken, an idempotency key reused with another body
  | 'precondition_failed' // 412: an If-Match names a version the resource is no longer at; nothing changed
  | 'payload_too_large' // 413: a body over the size limit, refused before it is parsed
  | 'unsupported_media_type' // 415: a body in a format the endpoint does not read
  | 'unprocessable' // 422: well-formed but refused by a rule
  | 'rate_limited' // 429
  | 'busy' // 503: the database's lock was not to be had in time; the same request may succeed shortly
  | 'unavailable'; // 503

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `components[2].impact`. */
  path: string;
  message: string;
}

export class BeaconError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  constructor(code: ErrorCode, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'BeaconError';
    this.code = code;
    this.issues = issues;
  }
}

export const notFound = (what: string, id: string): BeaconError =>
  new BeaconError('not_found', `${what} ${JSON.stringify(id)} does not exist`);

export const invalid = (path: string, message: string): BeaconError =>
  new BeaconError('validation', `${path}: ${message}`, [{ path, message }]);
