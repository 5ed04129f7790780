import { type AuthAssets, AuthLayout } from './auth-layout.js';

interface LinkPageProps {
  pageName: string;
  homePath: string;
  assets: AuthAssets;
  /** Where the form posts. */
  action: string;
}

/**
 * What the emailed link opens (RED-1/RED-2/RED-4): changes nothing by being loaded. The script
 * (nonce'd) moves the token from the fragment into the form; the viewer presses Continue. Without
 * JavaScript, the viewer pastes the link into the field instead.
 */
export function ContinuePage({ script, ...props }: LinkPageProps & { script: { src: string; nonce: string } }) {
  return (
    <AuthLayout title="Sign in" pageName={props.pageName} homePath={props.homePath} assets={props.assets} script={script}>
      <h1>Sign in to {props.pageName}</h1>
      <p>Press Continue to sign in.</p>
      <form method="post" action={props.action}>
        <div class="field" id="link-field">
          <label for="link">Sign-in link from your email</label>
          <input id="link" name="link" type="text" autocomplete="off" spellcheck={false} maxlength={2048} />
          <span class="hint">Paste the whole link here if this field is empty.</span>
        </div>
        <button class="button" type="submit">
          Continue
        </button>
      </form>
    </AuthLayout>
  );
}

/** "That code is not right. You have 4 more attempts." */
function wrongCodeMessage(attemptsLeft: number): string {
  return `That code is not right. You have ${attemptsLeft === 1 ? 'one more attempt' : `${attemptsLeft} more attempts`}.`;
}

/**
 * RED-5/REQ-6: the link was opened in another browser than the one that asked: the code is needed too.
 * After a wrong code (`wrongCode`) the form comes back saying so, with the attempts left (TOK-8).
 */
export function CodePage({ link, wrongCode, ...props }: LinkPageProps & { link: string; wrongCode?: { attemptsLeft: number } }) {
  return (
    <AuthLayout title="Enter your code" pageName={props.pageName} homePath={props.homePath} assets={props.assets}>
      <h1>Enter the code from your email</h1>
      <p>This link was asked for in another browser. To sign in here, enter the 8-digit code from the same email.</p>
      <form method="post" action={props.action}>
        <input type="hidden" name="link" value={link} />
        <div class="field">
          <label for="code">Code</label>
          <input
            id="code"
            class="code-input"
            name="code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            pattern="[0-9 \-]*"
            maxlength={16}
            required
            aria-invalid={wrongCode ? 'true' : undefined}
            aria-describedby={wrongCode ? 'code-error' : undefined}
          />
          {wrongCode && (
            <p id="code-error" class="field-error">
              {wrongCodeMessage(wrongCode.attemptsLeft)}
            </p>
          )}
        </div>
        <button class="button" type="submit">
          Sign in
        </button>
      </form>
    </AuthLayout>
  );
}
