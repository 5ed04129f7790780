import type { Child } from 'hono/jsx';
import { INCIDENT_STATUSES } from '../../../domain/status/incident.js';
import { incidentStatusLabel } from '../../views/models/status-labels.js';
import type { FormState } from './incident-form.js';

/** "2025-03-01 12:00 UTC": staff across time zones read one clock. */
export const utcTime = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A `datetime-local` value (UTC) for `at`. */
export const localInputValue = (at: Date): string => at.toISOString().slice(0, 16);

/** A form-level refusal, or a notice after a change: announced, at the top of its form. */
export function Notice({ text, error }: { text: string | undefined; error?: boolean }) {
  if (!text) return null;
  return (
    <p class={error ? 'notice error' : 'notice'} role={error ? 'alert' : 'status'}>
      {text}
    </p>
  );
}

interface FieldProps {
  /** Unique on the page: the control's id, and its error's `<id>-error`. */
  id: string;
  name: string;
  label: string;
  form: FormState;
  hint?: string;
}

/** A labelled control with its error in place (`aria-invalid`, `aria-describedby`) and its hint. */
function Field({
  id,
  name,
  label,
  form,
  hint,
  control,
}: FieldProps & { control: (described: string | undefined, invalid: boolean) => Child }) {
  const error = form.errors[name];
  const described = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {control(described, Boolean(error))}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField(props: FieldProps & { type?: 'text' | 'datetime-local'; maxlength?: number; required?: boolean }) {
  return (
    <Field
      {...props}
      control={(described, invalid) => (
        <input
          id={props.id}
          name={props.name}
          type={props.type ?? 'text'}
          value={props.form.values[props.name] ?? ''}
          maxlength={props.maxlength}
          required={props.required}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={described}
        />
      )}
    />
  );
}

export function TextArea(props: FieldProps & { required?: boolean }) {
  return (
    <Field
      {...props}
      control={(described, invalid) => (
        <textarea
          id={props.id}
          name={props.name}
          rows={4}
          required={props.required}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={described}
        >
          {props.form.values[props.name] ?? ''}
        </textarea>
      )}
    />
  );
}

export function StatusField(props: FieldProps & { statuses?: readonly string[] }) {
  const value = props.form.values[props.name] ?? '';
  return (
    <Field
      {...props}
      control={(described, invalid) => (
        <select id={props.id} name={props.name} aria-invalid={invalid ? 'true' : undefined} aria-describedby={described}>
          {(props.statuses ?? INCIDENT_STATUSES).map((status) => (
            <option value={status} selected={status === value}>
              {incidentStatusLabel(status as (typeof INCIDENT_STATUSES)[number])}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** The hidden version every incident form carries (a write based on an older one is refused). */
export const VersionInput = ({ version }: { version: number }) => <input type="hidden" name="version" value={String(version)} />;
