import { type AuthAssets, AuthLayout } from './auth-layout.js';
import { EmailField } from './email-field.js';

export interface SignInPageProps {
  pageName: string;
  homePath: string;
  assets: AuthAssets;
  /** Where the form posts: `/c/<token>/sign-in`. */
  action: string;
  /** Where to go once signed in (checked again on the server, NXT-1/2). */
  next: string;
  /** What the form is for, above it; a customer page's wording when not given. */
  intro?: string;
  /** Set when the address was malformed: what was typed, and why it was refused. */
  error?: { email: string; message: string };
}

/** What a visitor without a session sees: the page's name and an address field, nothing of its status. */
export function SignInPage({ pageName, homePath, assets, action, next, intro, error }: SignInPageProps) {
  return (
    <AuthLayout title="Sign in" pageName={pageName} homePath={homePath} assets={assets}>
      <h1>Sign in to {pageName}</h1>
      <p>{intro ?? 'This status page is private. Enter your work email address and we will send you a sign-in link.'}</p>
      <form method="post" action={action} novalidate>
        <input type="hidden" name="next" value={next} />
        <EmailField label="Work email" autocomplete="email" value={error?.email ?? ''} {...(error ? { error: error.message } : {})} />
        <button class="button" type="submit">
          Email me a sign-in link
        </button>
      </form>
    </AuthLayout>
  );
}
