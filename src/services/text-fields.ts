import { invalid } from '../domain/errors.js';

/** Size caps shared by the services and the API schemas, so both refuse the same inputs. */
export const NAME_MAX_LENGTH = 200;
export const MESSAGE_MAX_LENGTH = 10_000;
export const DESCRIPTION_MAX_LENGTH = 10_000;

/**
 * The trimmed text, or a validation error naming `path`. NUL is refused because PostgreSQL
 * cannot store it in a text column.
 */
export function checkText(path: string, value: string, maxLength: number): string {
  const text = value.trim();
  if (text.length === 0) throw invalid(path, 'must not be empty');
  if (text.length > maxLength) throw invalid(path, `must be at most ${maxLength} characters`);
  if (text.includes('\u0000')) throw invalid(path, 'must not contain NUL characters');
  return text;
}

/** Like `checkText`, but empty (or null) becomes null. */
export function checkOptionalText(path: string, value: string | null, maxLength: number): string | null {
  if (value === null || value.trim() === '') return null;
  return checkText(path, value, maxLength);
}

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * A valid instant between 1970 and 9999, or a validation error naming `path`. The range keeps
 * stored ISO text at four-digit years, where text order is time order.
 */
export function checkTime(path: string, value: Date): Date {
  const time = value.getTime();
  if (Number.isNaN(time)) throw invalid(path, 'is not a valid time');
  if (time < EARLIEST || time > LATEST) throw invalid(path, 'must be between 1970 and 9999');
  return value;
}
