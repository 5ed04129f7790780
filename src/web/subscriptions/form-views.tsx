import type { Child } from 'hono/jsx';
import { type AuthAssets, AuthLayout } from '../customer/views/auth-layout.js';
import { EmailField } from '../customer/views/email-field.js';
import { ComponentChoicesField } from './component-choices.js';
import type { ComponentChoiceItem } from './subscription-scopes.js';

/** What every subscription page shows of its page: the name, and where the name links. */
export interface ScopeHeader {
  pageName: string;
  homePath: string;
  assets: AuthAssets;
}

export function SubscriptionLayout({ title, header, children }: { title: string; header: ScopeHeader; children?: Child }) {
  return (
    <AuthLayout title={title} pageName={header.pageName} homePath={header.homePath} assets={header.assets}>
      <div class="subscription">
        <h1>{title}</h1>
        {children}
      </div>
    </AuthLayout>
  );
}

export interface SubscribeFormProps {
  header: ScopeHeader;
  /** Where the form posts. */
  action: string;
  /** The scope key, as a hidden field (null where the action's path names the page). */
  scope: string | null;
  choices: readonly ComponentChoiceItem[];
  /** What the form holds: prefilled, or as sent after a refusal. */
  email: string;
  selected: readonly string[] | null;
  error?: string;
  /** The "manage my subscription" way. */
  manageAction: string;
}

/** "Get email updates": the address, and the whole page or chosen components. Works without scripts. */
export function SubscribePage(props: SubscribeFormProps) {
  const { header, action, scope, choices, email, selected, error, manageAction } = props;
  return (
    <SubscriptionLayout title={`Get email updates from ${header.pageName}`} header={header}>
      <p>We will email you when there is an incident or maintenance. First we send a link to confirm the address.</p>
      <form method="post" action={action} novalidate>
        {scope !== null && <input type="hidden" name="scope" value={scope} />}
        <EmailField label="Email address" autocomplete="email" value={email} {...(error ? { error } : {})} />
        <ComponentChoicesField choices={choices} selected={selected} />
        <button class="button" type="submit">
          Subscribe
        </button>
      </form>
      <p class="secondary">
        Already subscribed? <a href={manageAction}>Manage your subscription</a>
      </p>
    </SubscriptionLayout>
  );
}

/** "Manage my subscription": the address the manage link goes to (SUB-2). */
export function ManageRequestPage(props: { header: ScopeHeader; action: string; scope: string | null; email: string; error?: string }) {
  const { header, action, scope, email, error } = props;
  return (
    <SubscriptionLayout title="Manage your subscription" header={header}>
      <p>Enter the address you subscribed with. We will email it a link and a code to change or end the subscription.</p>
      <form method="post" action={action} novalidate>
        {scope !== null && <input type="hidden" name="scope" value={scope} />}
        <EmailField label="Email address" autocomplete="email" value={email} {...(error ? { error } : {})} />
        <button class="button" type="submit">
          Email me a link
        </button>
      </form>
    </SubscriptionLayout>
  );
}

/**
 * SUB-1: the answer to every well-formed address, whether it was new, pending, subscribed, limited or
 * not admitted. It must not depend on the address, so it does not repeat it.
 */
export function CheckInboxPage({ header, again }: { header: ScopeHeader; again: string }) {
  return (
    <SubscriptionLayout title="Check your inbox" header={header}>
      <p>If this address can subscribe, an email is on its way with a link to confirm. Nothing is sent until you do.</p>
      <p class="aside">
        Nothing arrived? Check your spam folder, or <a href={again}>try again</a> in a few minutes.
      </p>
    </SubscriptionLayout>
  );
}

/**
 * The answer to "manage my subscription", the same for every address (SUB-1), with the form for the
 * mailed code. `linkId` is made for every request; only a real link ever gets it.
 */
export function ManageCodePage(props: { header: ScopeHeader; action: string; linkId: string; attemptsLeft?: number }) {
  const { header, action, linkId, attemptsLeft } = props;
  return (
    <SubscriptionLayout title="Check your inbox" header={header}>
      <p>If this address is subscribed, an email is on its way with a link and a code. Open the link, or enter the code here.</p>
      <form method="post" action={action} novalidate>
        <input type="hidden" name="link" value={linkId} />
        <div class="field">
          <label for="code">Code from the email</label>
          <input
            id="code"
            name="code"
            class="code-input"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength={32}
            required
            aria-invalid={attemptsLeft === undefined ? undefined : 'true'}
            aria-describedby={attemptsLeft === undefined ? undefined : 'code-error'}
          />
          {attemptsLeft !== undefined && (
            <p id="code-error" class="field-error">
              That code did not match. {attemptsLeft} {attemptsLeft === 1 ? 'attempt' : 'attempts'} left.
            </p>
          )}
        </div>
        <button class="button" type="submit">
          Continue
        </button>
      </form>
    </SubscriptionLayout>
  );
}

export function TooManyRequestsPage({ header }: { header: ScopeHeader }) {
  return (
    <SubscriptionLayout title="Too many requests" header={header}>
      <p>Too many subscription requests came from your network. Please wait a while and try again.</p>
    </SubscriptionLayout>
  );
}
