/** A form's text fields as the dashboard draws them: label, what was typed, and the refusal in place. */
interface FieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string;
  maxlength: number;
  required?: boolean;
}

const described = (props: FieldProps) => {
  const ids = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  return {
    'aria-invalid': props.error ? 'true' : undefined,
    'aria-describedby': ids || undefined,
  } as const;
};

function FieldNotes({ id, hint, error }: Pick<FieldProps, 'id' | 'hint' | 'error'>) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </>
  );
}

export function TextField(props: FieldProps & { list?: string }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type="text"
        value={props.value}
        maxlength={props.maxlength}
        required={props.required}
        list={props.list}
        autocomplete="off"
        {...described(props)}
      />
      <FieldNotes {...props} />
    </div>
  );
}

export function TextArea(props: FieldProps) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <textarea id={props.id} name={props.name} maxlength={props.maxlength} rows={3} {...described(props)}>
        {props.value}
      </textarea>
      <FieldNotes {...props} />
    </div>
  );
}

/** A message above a form or list: a success (`status`) or a refusal (`alert`). */
export function Notice({ notice }: { notice?: { text: string; error?: boolean } | undefined }) {
  if (!notice) return null;
  return (
    <p class={notice.error ? 'notice error' : 'notice'} role={notice.error ? 'alert' : 'status'}>
      {notice.text}
    </p>
  );
}
