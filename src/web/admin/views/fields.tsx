import type { Child } from 'hono/jsx';

/**
 * The dashboard's form controls, drawn one way on every screen: the label, the hint, the control
 * with what was typed kept, and the refusal in place (`aria-invalid`, `aria-describedby`).
 */

/** A message after a change (`status`) or a refusal (`alert`), at the top of a screen or form. */
export interface NoticeText {
  text: string;
  error?: boolean | undefined;
}

export function Notice({ notice }: { notice?: NoticeText | undefined }) {
  if (!notice) return null;
  return (
    <p class={notice.error ? 'notice error' : 'notice'} role={notice.error ? 'alert' : 'status'}>
      {notice.text}
    </p>
  );
}

/**
 * How a control names its notes: invalid when refused, described by its error first (what to fix),
 * then its hint (`<id>-hint`, when it has one) and any other notes it shares with other fields.
 */
function describedBy(id: string, error: string | undefined, notes: { hint?: boolean; also?: string | undefined } = {}) {
  const ids = [error ? `${id}-error` : '', notes.hint ? `${id}-hint` : '', notes.also ?? ''].filter(Boolean).join(' ');
  return {
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': ids || undefined,
  } as const;
}

/**
 * A control's error in place, `<of>-error`, which the control names in `aria-describedby`; `alert`
 * announces one that belongs to no single control (a whole form's).
 */
export function FieldError({ of, text, alert }: { of: string; text: string | undefined; alert?: boolean }) {
  return text ? (
    <p id={`${of}-error`} class="field-error" role={alert ? 'alert' : undefined}>
      {text}
    </p>
  ) : null;
}

/** What every field has: `id` is unique on the page and names its hint (`<id>-hint`) and error (`<id>-error`). */
export interface FieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  /** Ids of notes outside the field that also describe the control (one note for several fields). */
  also?: string | undefined;
  required?: boolean | undefined;
}

/** A labelled field: the hint before the control (read before typing), the error after it. */
function Field({ id, label, hint, error, children }: Pick<FieldProps, 'id' | 'label' | 'hint' | 'error'> & { children: Child }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {children}
      <FieldError of={id} text={error} />
    </div>
  );
}

const ariaOf = (props: FieldProps) => describedBy(props.id, props.error, { hint: Boolean(props.hint), also: props.also });

export function TextField(
  props: FieldProps & {
    type?: 'text' | 'datetime-local' | 'email' | 'search';
    maxlength?: number | undefined;
    list?: string | undefined;
    /** Off by default: the dashboard's fields name things, and a browser's old entries would only be noise. */
    autocomplete?: string;
    /** More attributes for a script that enhances the field (`data-*`, `spellcheck`). */
    attrs?: Record<string, string>;
  },
) {
  return (
    <Field {...props}>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        maxlength={props.maxlength}
        required={props.required}
        list={props.list}
        autocomplete={props.autocomplete ?? 'off'}
        {...props.attrs}
        {...ariaOf(props)}
      />
    </Field>
  );
}

export function TextArea(props: FieldProps & { maxlength?: number | undefined; rows?: number; attrs?: Record<string, string> }) {
  return (
    <Field {...props}>
      <textarea
        id={props.id}
        name={props.name}
        maxlength={props.maxlength}
        rows={props.rows ?? 3}
        required={props.required}
        {...props.attrs}
        {...ariaOf(props)}
      >
        {props.value}
      </textarea>
    </Field>
  );
}

/** One choice of a select: its value and what staff read. */
export interface SelectOption {
  value: string;
  label: string;
}

/** Options whose label is the value itself. */
export const plainOptions = (values: readonly string[]): SelectOption[] => values.map((value) => ({ value, label: value }));

export function SelectField(props: FieldProps & { options: readonly SelectOption[] }) {
  return (
    <Field {...props}>
      <select id={props.id} name={props.name} required={props.required} {...ariaOf(props)}>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A ticked-or-not choice with its label around it; its error, if any, follows (`<id>-error`). */
export function Checkbox(props: {
  name: string;
  value: string;
  label: Child;
  checked: boolean;
  id?: string;
  error?: string | undefined;
  required?: boolean;
}) {
  const aria = props.id ? describedBy(props.id, props.error) : {};
  return (
    <>
      <label class="check">
        <input
          id={props.id}
          type="checkbox"
          name={props.name}
          value={props.value}
          checked={props.checked}
          required={props.required}
          {...aria}
        />{' '}
        {props.label}
      </label>
      {props.id && <FieldError of={props.id} text={props.error} />}
    </>
  );
}

/** The fields of "Notify subscribers": the checkbox, and a marker telling a form sent unticked from one not sent yet. */
export const NOTIFY_FIELDS = ['notify', 'notifyShown'] as const;

/** Whether the sent form asks to notify: ticked, or a form that never showed the box (on by default). */
export const notifyChosen = (values: Readonly<Record<string, unknown>>): boolean => values.notifyShown !== '1' || values.notify === '1';

/** "Notify subscribers", ticked by default and as sent on a form shown again (a review, a refusal). */
export function NotifyField({ id, checked }: { id: string; checked: boolean }) {
  return (
    <>
      <input type="hidden" name="notifyShown" value="1" />
      <Checkbox id={id} name="notify" value="1" checked={checked} label="Notify subscribers (email and webhooks)" />
    </>
  );
}

/** An address field (`id="email"`, `name="email"`), the same control as on the sign-in page. */
export function EmailField(props: { label: string; value: string; error?: string | undefined; autocomplete: string }) {
  return (
    <TextField
      id="email"
      name="email"
      type="email"
      label={props.label}
      value={props.value}
      error={props.error}
      autocomplete={props.autocomplete}
      maxlength={254}
      required
    />
  );
}
