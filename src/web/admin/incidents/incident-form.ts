import { z } from 'zod';
import { BeaconError } from '../../../domain/errors.js';
import { IMPACTS, type Impact } from '../../../domain/status/impact.js';
import { INCIDENT_STATUSES, type ImpactChange, type IncidentStatus } from '../../../domain/status/incident.js';
import type { FormFields } from '../../customer/form-body.js';

/** What a form's fields were, as typed, and what was wrong with each (shown in place). */
export interface FormState {
  values: Record<string, string>;
  /** The impact select of each component, by component id, as sent ('' = no change). */
  impacts: Record<string, string>;
  errors: Record<string, string>;
}

export const emptyForm = (values: Record<string, string> = {}, impacts: Record<string, string> = {}): FormState => ({
  values,
  impacts,
  errors: {},
});

/** Most components a grid may send: more than any organisation's (500 at the bench's scale). */
const MAX_GRID_ROWS = 2_000;
const IMPACT_PREFIX = 'impact.';
/** `none` clears a component (the API's word); '' leaves it as it is (updates only). */
const GridValueSchema = z.enum(['', 'none', ...IMPACTS]);
const StatusSchema = z.enum(INCIDENT_STATUSES);
const VersionSchema = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
/** `datetime-local` as browsers send it (to the minute or second), read as UTC. */
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The form's text fields (a file or a repeated field counts as empty), and its impact grid. */
export function readFormState(fields: FormFields, names: readonly string[]): FormState {
  const values: Record<string, string> = {};
  for (const name of names) values[name] = text(fields[name]);
  const impacts: Record<string, string> = {};
  const errors: Record<string, string> = {};
  let rows = 0;
  for (const [key, value] of Object.entries(fields)) {
    if (!key.startsWith(IMPACT_PREFIX)) continue;
    if (++rows > MAX_GRID_ROWS) {
      errors.impacts = `At most ${MAX_GRID_ROWS} components at once.`;
      break;
    }
    impacts[key.slice(IMPACT_PREFIX.length)] = text(value);
  }
  return { values, impacts, errors };
}

export const impactFieldName = (componentId: string): string => `${IMPACT_PREFIX}${componentId}`;

/** The status, or a field error. */
export function parseStatus(state: FormState, field = 'status'): IncidentStatus | undefined {
  const parsed = StatusSchema.safeParse(state.values[field]);
  if (parsed.success) return parsed.data;
  state.errors[field] = `Choose one of: ${INCIDENT_STATUSES.join(', ')}.`;
  return undefined;
}

/** The version the form was rendered at (a hidden field), or a form-level error. */
export function parseVersion(state: FormState): number | undefined {
  const parsed = VersionSchema.safeParse(state.values.version);
  if (parsed.success) return parsed.data;
  state.errors.form = 'This form is missing the version of the incident it was made for; reload the page.';
  return undefined;
}

/** An optional back-dated time (`datetime-local`, UTC): null when empty, undefined with a field error. */
export function parseDisplayAt(state: FormState, field = 'displayAt'): Date | null | undefined {
  const raw = (state.values[field] ?? '').trim();
  if (raw === '') return null;
  const match = LOCAL_TIME.exec(raw);
  const at = match ? new Date(`${raw.length === 16 ? `${raw}:00` : raw}Z`) : null;
  if (at && !Number.isNaN(at.getTime())) return at;
  state.errors[field] = 'Enter a date and time such as 2025-03-01T09:30 (UTC).';
  return undefined;
}

/**
 * The grid's impacts. Declaring: `none` and '' leave a component out.
 * Updating: '' leaves it as it is, `none` sets it back to no impact.
 */
export function parseImpacts(state: FormState, mode: 'declare' | 'update'): ImpactChange[] | undefined {
  const changes: ImpactChange[] = [];
  for (const [componentId, value] of Object.entries(state.impacts)) {
    const parsed = GridValueSchema.safeParse(value);
    if (!parsed.success) {
      state.errors.impacts = `The impact of a component must be one of: none, ${IMPACTS.join(', ')}.`;
      return undefined;
    }
    if (parsed.data === '' || (parsed.data === 'none' && mode === 'declare')) continue;
    changes.push({ componentId, impact: parsed.data === 'none' ? null : (parsed.data as Impact) });
  }
  return changes;
}

/** The fields a service's validation error names, as this screen's fields ('form' when it names none of them). */
export function placeServiceError(state: FormState, error: BeaconError): void {
  const fieldOf = (path: string): string => {
    if (path === 'display_at') return 'displayAt';
    if (path.startsWith('components[')) return 'impacts';
    return path in state.values ? path : 'form';
  };
  if (error.issues.length === 0) state.errors.form = error.message;
  for (const issue of error.issues) state.errors[fieldOf(issue.path)] ??= capitalise(issue.message);
}

const capitalise = (message: string): string => `${message.charAt(0).toUpperCase()}${message.slice(1)}${message.endsWith('.') ? '' : '.'}`;

/** Whether `error` is one this screen answers in place (a bad field, a stale version, a missing row), not a 500. */
export const isExpectedRefusal = (error: unknown): error is BeaconError =>
  error instanceof BeaconError && ['validation', 'conflict', 'not_found', 'unprocessable'].includes(error.code);
