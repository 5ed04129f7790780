import type { Context } from 'hono';
import { timeZones } from '../../time-zones.js';
import { readForm } from '../../customer/form-body.js';
import { z } from 'zod';
import { BeaconError } from '../../../domain/errors.js';
import { instantFromLocal, isValidTimeZone, localDateTime } from '../../../domain/time-zone.js';
import type { Maintenance } from '../../../domain/status/maintenance.js';
import type { MaintenanceChanges, ScheduleMaintenanceInput } from '../../../services/status/maintenances.js';
import { notifyChosen } from '../views/fields.js';

/** The schedule and edit form's fields as typed (kept on a refusal), with the components ticked. */
export interface MaintenanceForm {
  name: string;
  message: string;
  start: string;
  end: string;
  zone: string;
  componentIds: string[];
  /** "Notify subscribers". */
  notify: boolean;
}

type MaintenanceField = 'name' | 'message' | 'start' | 'end' | 'zone' | 'components';
export type FieldErrors = Partial<Record<MaintenanceField, string>>;

// Form fields arrive as strings, repeated for checkboxes; a file or a repeat of a one-value field is junk, read as empty.
const one = (max: number) => z.preprocess((value) => (typeof value === 'string' ? value.slice(0, max) : ''), z.string());
const many = z.preprocess(
  (value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === 'string'),
  z.array(z.string().max(128)).max(1000),
);

/**
 * The form as posted. Texts are cut at twice their service limits (the service then names the
 * field); a form with a thousand components or a 128-character id is junk and gets null.
 */
const MaintenanceFormSchema = z.object({
  name: one(400),
  message: one(20_000),
  start: one(32),
  end: one(32),
  zone: one(64),
  components: many,
  notify: one(8),
  notifyShown: one(8),
});

/** The posted form, or null when it cannot be read (malformed body, absurd component list): a 400. */
export async function readMaintenanceForm(c: Context): Promise<MaintenanceForm | null> {
  const parsed = MaintenanceFormSchema.safeParse(await readForm(c));
  if (!parsed.success) return null;
  const { components, notify, notifyShown, ...rest } = parsed.data;
  return { ...rest, componentIds: [...new Set(components)], notify: notifyChosen({ notify, notifyShown }) };
}

/** The form filled in from a window, its times read in `zone`. */
export const formOf = (maintenance: Maintenance, zone: string): MaintenanceForm => ({
  name: maintenance.name,
  message: maintenance.description ?? '',
  start: localDateTime(maintenance.scheduledStart, zone, timeZones),
  end: localDateTime(maintenance.scheduledEnd, zone, timeZones),
  zone,
  componentIds: maintenance.componentIds,
  notify: true,
});

/** A refusal of the form: the fields and what is wrong with each. */
export class FormRefusal {
  constructor(readonly errors: FieldErrors) {}
}

/** Reads the zone and both times; what does not read is a field error, the rest the service checks. */
function readTimes(form: MaintenanceForm): { start: Date; end: Date } | FormRefusal {
  if (!isValidTimeZone(form.zone)) return new FormRefusal({ zone: 'Choose a time zone from the list.' });
  const errors: FieldErrors = {};
  const read = (field: 'start' | 'end', text: string) => {
    if (text.trim() === '') errors[field] = 'Enter a date and time.';
    else {
      try {
        return instantFromLocal(text.trim(), form.zone, timeZones);
      } catch {
        errors[field] = 'Enter a date and time as YYYY-MM-DD HH:MM.';
      }
    }
    return new Date(Number.NaN);
  };
  const start = read('start', form.start);
  const end = read('end', form.end);
  return Object.keys(errors).length > 0 ? new FormRefusal(errors) : { start, end };
}

/** What `scheduleMaintenance` takes, or the fields that do not read. */
export function toScheduleInput(form: MaintenanceForm): ScheduleMaintenanceInput | FormRefusal {
  const times = readTimes(form);
  if (times instanceof FormRefusal) return times;
  return {
    name: form.name,
    description: form.message,
    componentIds: form.componentIds,
    scheduledStart: times.start,
    scheduledEnd: times.end,
    notify: form.notify,
  };
}

/**
 * What `updateMaintenance` takes. A time shown to the minute and sent back unchanged keeps its
 * exact instant (a window started early starts at the second it was started).
 */
export function toChanges(form: MaintenanceForm, current: Maintenance): MaintenanceChanges | FormRefusal {
  const times = readTimes(form);
  if (times instanceof FormRefusal) return times;
  const unchanged = (text: string, at: Date) => text.trim() === localDateTime(at, form.zone, timeZones);
  return {
    name: form.name,
    description: form.message,
    componentIds: form.componentIds,
    ...(unchanged(form.start, current.scheduledStart) ? {} : { scheduledStart: times.start }),
    ...(unchanged(form.end, current.scheduledEnd) ? {} : { scheduledEnd: times.end }),
    notify: form.notify,
  };
}

const FIELD_OF_PATH: Readonly<Record<string, MaintenanceField>> = {
  name: 'name',
  description: 'message',
  scheduled_start: 'start',
  scheduled_end: 'end',
  component_ids: 'components',
};

/** A service's validation refusal as field errors (`component_ids[2]` is the components field), or null for any other error. */
export function fieldErrorsOf(error: unknown): FieldErrors | null {
  if (!(error instanceof BeaconError) || error.code !== 'validation') return null;
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = FIELD_OF_PATH[issue.path.replace(/\[\d+\]$/, '')];
    if (field === undefined) continue;
    const message = field === 'end' ? issue.message.replace('scheduled_start', 'the start') : issue.message;
    errors[field] ??= `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
  }
  return Object.keys(errors).length > 0 ? errors : null;
}
