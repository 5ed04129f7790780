import { INCIDENT_STATUSES } from '../../../domain/status/incident.js';
import { incidentStatusLabel } from '../../../domain/status/status-labels.js';
import { SelectField, Notice as SharedNotice, TextArea as SharedTextArea, TextField as SharedTextField } from '../views/fields.js';
import type { FormState } from './incident-form.js';

/** "2025-03-01 12:00 UTC": staff across time zones read one clock. */
export const utcTime = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A `datetime-local` value (UTC) for `at`. */
export const localInputValue = (at: Date): string => at.toISOString().slice(0, 16);

/** A form-level refusal, or a notice after a change: announced, at the top of its form. */
export const Notice = ({ text, error }: { text: string | undefined; error?: boolean }) => (
  <SharedNotice notice={text ? { text, error } : undefined} />
);

/** An incident form's field: its value and error are the form state's under its `name`. */
interface FormFieldProps {
  id: string;
  name: string;
  label: string;
  form: FormState;
  hint?: string;
  required?: boolean;
}

const bound = ({ form, ...props }: FormFieldProps) => ({ ...props, value: form.values[props.name] ?? '', error: form.errors[props.name] });

export const TextField = (props: FormFieldProps & { type?: 'text' | 'datetime-local'; maxlength?: number }) => (
  <SharedTextField {...bound(props)} type={props.type} maxlength={props.maxlength} />
);

export const TextArea = (props: FormFieldProps) => <SharedTextArea {...bound(props)} rows={4} />;

const STATUS_OPTIONS = INCIDENT_STATUSES.map((status) => ({ value: status, label: incidentStatusLabel(status) }));

export const StatusField = (props: FormFieldProps) => <SelectField {...bound(props)} options={STATUS_OPTIONS} />;

/** The hidden version every incident form carries (a write based on an older one is refused). */
export const VersionInput = ({ version }: { version: number }) => <input type="hidden" name="version" value={String(version)} />;
