import { type AuthAssets, AuthLayout } from './auth-layout.js';

export interface SignInPageProps {
  pageName: string;
  homePath: string;
  assets: AuthAssets;
  /** Where the form posts: `/c/<token>/sign-in`. */
  action: string;
  /** Where to go once signed in (checked again on the server, NXT-1/2). */
  next: string;
  /** Set when the address was malformed: what was typed, and why it was refused. */
  error?: { email: string; message: string };
}

/** What a visitor without a session sees: the page's name and an address field, nothing of its status. */
export function SignInPage({ pageName, homePath, assets, action, next, error }: SignInPageProps) {
  return (
    <AuthLayout title="Sign in" pageName={pageName} homePath={homePath} assets={assets}>
      <h1>Sign in to {pageName}</h1>
      <p>This status page is private. Enter your work email address and we will send you a sign-in link.</p>
      <form method="post" action={action} novalidate>
        <input type="hidden" name="next" value={next} />
        <div class="field">
          <label for="email">Work email</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            required
            maxlength={254}
            value={error?.email ?? ''}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'email-error' : undefined}
          />
          {error && (
            <p id="email-error" class="field-error">
              {error.message}
            </p>
          )}
        </div>
        <button class="button" type="submit">
          Email me a sign-in link
        </button>
      </form>
    </AuthLayout>
  );
}
