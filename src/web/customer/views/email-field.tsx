/**
 * An address field (`id="email"`, `name="email"`) with its label, and, after a refusal, the reason
 * below it (`aria-describedby`) and what was typed kept in it.
 */
export function EmailField({ label, value, error, autocomplete }: { label: string; value: string; error?: string; autocomplete: string }) {
  return (
    <div class="field">
      <label for="email">{label}</label>
      <input
        id="email"
        name="email"
        type="email"
        autocomplete={autocomplete}
        required
        maxlength={254}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'email-error' : undefined}
      />
      {error && (
        <p id="email-error" class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
