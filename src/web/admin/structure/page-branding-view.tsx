import type { Page } from '../../../domain/pages/page.js';
import { LOGO_MAX_BYTES } from '../../../domain/pages/logo-image.js';
import { type UptimeDisplay, UPTIME_DISPLAYS } from '../../../domain/pages/page-branding.js';
import { logoPath } from '../../views/brand-assets.js';
import { TextField } from '../views/fields.js';

export type BrandingField = 'supportUrl' | 'brandColor' | 'uptimeDisplay';

/** The branding part of the settings form, as sent. */
interface BrandingForm {
  supportUrl: string;
  brandColor: string;
  uptimeDisplay: string;
  errors: Partial<Record<BrandingField, string>>;
}

const UPTIME_LABELS: Readonly<Record<UptimeDisplay, string>> = {
  bars_and_percentage: 'Bars and percentage',
  bars_only: 'Bars only',
  hidden: 'Hidden (no bars, whatever the structure says)',
};

/** The page's branding as the form shows it before any edit. */
export const brandingFormOf = (page: Page): Omit<BrandingForm, 'errors'> => ({
  supportUrl: page.branding.supportUrl ?? '',
  brandColor: page.branding.brandColor ?? '',
  uptimeDisplay: page.branding.uptimeDisplay,
});

/** Support link, brand colour and uptime display, in the page's settings form. */
export function BrandingFields({ form }: { form: BrandingForm }) {
  const uptimeError = form.errors.uptimeDisplay;
  return (
    <>
      <TextField
        id="supportUrl"
        name="supportUrl"
        label="Support link (optional)"
        hint="An https:// or mailto: address, shown as “Contact support” at the foot of the page."
        value={form.supportUrl}
        error={form.errors.supportUrl}
        maxlength={2000}
      />
      <TextField
        id="brandColor"
        name="brandColor"
        label="Brand colour (optional)"
        hint="#rrggbb, for links and a bar above the header. Where it would be hard to read, the page uses a darker (light mode) or lighter (dark mode) shade of it."
        value={form.brandColor}
        error={form.errors.brandColor}
        maxlength={20}
      />
      <div class="field">
        <label for="uptimeDisplay">Uptime display</label>
        <select
          id="uptimeDisplay"
          name="uptimeDisplay"
          aria-invalid={uptimeError ? 'true' : undefined}
          aria-describedby={uptimeError ? 'uptimeDisplay-error' : undefined}
        >
          {UPTIME_DISPLAYS.map((display) => (
            <option value={display} selected={form.uptimeDisplay === display}>
              {UPTIME_LABELS[display]}
            </option>
          ))}
        </select>
        {uptimeError && (
          <p id="uptimeDisplay-error" class="field-error">
            {uptimeError}
          </p>
        )}
      </div>
    </>
  );
}

/** The page's logo: shown, replaced by an upload (PNG, JPEG or WebP), or removed. */
export function PageLogoSection(props: { page: Page; action: string; canWrite: boolean; error?: string | undefined }) {
  const { logo } = props.page.branding;
  return (
    <section class="card" aria-labelledby="logo">
      <h2 id="logo">Logo</h2>
      {logo ? (
        <img class="page-logo" src={logoPath(logo)} alt={`Logo of ${props.page.name}`} />
      ) : (
        <p>No logo: the header shows the page’s name alone.</p>
      )}
      {props.canWrite && (
        <>
          <form method="post" action={props.action} enctype="multipart/form-data" novalidate>
            <div class="field">
              <label for="logo-file">{logo ? 'Replace the logo' : 'Upload a logo'}</label>
              <input
                id="logo-file"
                name="logo"
                type="file"
                accept="image/png,image/jpeg,image/webp"
                aria-describedby={props.error ? 'logo-file-hint logo-file-error' : 'logo-file-hint'}
                aria-invalid={props.error ? 'true' : undefined}
              />
              <p id="logo-file-hint" class="hint">
                PNG, JPEG or WebP, at most {LOGO_MAX_BYTES / 1024} KiB. Shown in the header beside the page’s name.
              </p>
              {props.error && (
                <p id="logo-file-error" class="field-error">
                  {props.error}
                </p>
              )}
            </div>
            <button type="submit" class="primary spaced">
              Save logo
            </button>
          </form>
          {logo && (
            <form method="post" action={`${props.action}/remove`}>
              <button type="submit" class="spaced">
                Remove the logo
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
