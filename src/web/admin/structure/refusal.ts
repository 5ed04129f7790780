import { BeaconError } from '../../../domain/errors.js';

/** A refused write as a form shows it: the status to answer, a message per field, and one for the rest. */
export interface Refusal {
  status: 400 | 404 | 409 | 422;
  fields: Record<string, string>;
  message: string;
}

const STATUS: Partial<Record<BeaconError['code'], Refusal['status']>> = {
  validation: 400,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
};

/**
 * The refusal a service's error means for a form, with each issue under the form field it names
 * (`fieldOf` maps the service's paths, e.g. `time_zone` → `timeZone`). Anything but a refusal (a
 * bug, the database gone) is thrown on, to the error page.
 */
export function refusalOf(error: unknown, fieldOf: (path: string) => string | undefined = (path) => path): Refusal {
  if (!(error instanceof BeaconError)) throw error;
  const status = STATUS[error.code];
  if (status === undefined) throw error;
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const issue of error.issues) {
    const field = fieldOf(issue.path);
    if (field !== undefined && fields[field] === undefined) fields[field] = issue.message;
    else if (field === undefined) rest.push(issue.message);
  }
  const message = error.issues.length === 0 ? error.message : rest.join('; ');
  return { status, fields, message };
}
