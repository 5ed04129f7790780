import type { ComponentChoiceItem } from './subscription-scopes.js';
import { type ScopeHeader, SubscriptionLayout } from './form-views.js';
import { ComponentChoicesField } from './component-choices.js';

/** A confirmation link opened: a button that posts (RED-1: opening changes nothing; scanners open links). */
export function ConfirmPage({ header, action }: { header: ScopeHeader; action: string }) {
  return (
    <SubscriptionLayout title="Confirm your subscription" header={header}>
      <p>Press the button to start getting email updates from {header.pageName}.</p>
      <form method="post" action={action}>
        <button class="button" type="submit">
          Confirm my subscription
        </button>
      </form>
    </SubscriptionLayout>
  );
}

export function ConfirmedPage({ header, unsubscribeHref }: { header: ScopeHeader; unsubscribeHref: string }) {
  return (
    <SubscriptionLayout title="You are subscribed" header={header}>
      <p>You will get an email when there is news on {header.pageName}. Every email has a link to unsubscribe.</p>
      <p class="secondary">
        Changed your mind? <a href={unsubscribeHref}>Unsubscribe</a>
      </p>
    </SubscriptionLayout>
  );
}

/** Every unusable link, whatever the reason (as RED-8; the audit log has it). */
export function LinkFailedPage({ header, again }: { header: ScopeHeader; again: string | null }) {
  return (
    <SubscriptionLayout title="This link cannot be used" header={header}>
      <p>The link may have expired or been used already, or the code did not match.</p>
      {again !== null && (
        <p>
          <a class="button" href={again}>
            Start again
          </a>
        </p>
      )}
    </SubscriptionLayout>
  );
}

export interface ManagePageProps {
  header: ScopeHeader;
  /** Where both forms post: the manage link's own path. */
  action: string;
  choices: readonly ComponentChoiceItem[];
  selected: readonly string[] | null;
  email: string;
  notice?: string;
  error?: string;
}

/** The manage screen: what the subscription covers, and its end. */
export function ManagePage({ header, action, choices, selected, email, notice, error }: ManagePageProps) {
  return (
    <SubscriptionLayout title="Your subscription" header={header}>
      <p>
        Email updates from {header.pageName} go to <strong>{email}</strong>.
      </p>
      {notice && (
        <p role="status">
          <strong>{notice}</strong>
        </p>
      )}
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      <form method="post" action={action}>
        <input type="hidden" name="action" value="update" />
        <ComponentChoicesField choices={choices} selected={selected} />
        <button class="button" type="submit">
          Save
        </button>
      </form>
      <form class="secondary" method="post" action={action}>
        <input type="hidden" name="action" value="unsubscribe" />
        <button class="link-button" type="submit">
          Unsubscribe from {header.pageName}
        </button>
      </form>
    </SubscriptionLayout>
  );
}

/** An unsubscribe link opened: a button that posts (SUB-3: a GET changes nothing). */
export function UnsubscribePage({ header, action, subscribed }: { header: ScopeHeader; action: string; subscribed: boolean }) {
  return (
    <SubscriptionLayout title="Unsubscribe" header={header}>
      {subscribed ? (
        <p>Press the button to stop getting email updates from {header.pageName}.</p>
      ) : (
        <p>This address gets no email updates from {header.pageName}.</p>
      )}
      {subscribed && (
        <form method="post" action={action}>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button class="button" type="submit">
            Unsubscribe
          </button>
        </form>
      )}
    </SubscriptionLayout>
  );
}

export function UnsubscribedPage({ header }: { header: ScopeHeader }) {
  return (
    <SubscriptionLayout title="You are unsubscribed" header={header}>
      <p>You will get no more email updates from {header.pageName}.</p>
    </SubscriptionLayout>
  );
}
