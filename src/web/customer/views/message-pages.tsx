import type { Child } from 'hono/jsx';
import { type AuthAssets, AuthLayout } from './auth-layout.js';

interface MessagePageProps {
  pageName: string;
  homePath: string;
  assets: AuthAssets;
}

function MessagePage({ title, children, ...page }: MessagePageProps & { title: string; children?: Child }) {
  return (
    <AuthLayout title={title} {...page}>
      <h1>{title}</h1>
      {children}
    </AuthLayout>
  );
}

/**
 * REQ-1: the answer to every well-formed address, allowlisted or not, limited or not. It must not
 * depend on the address in any way, so it does not repeat it.
 */
export function CheckEmailPage(props: MessagePageProps) {
  return (
    <MessagePage title="Check your email" {...props}>
      <p>If this address may see this page, a sign-in link is on its way. It works once and expires soon.</p>
      <p>Open the link in this browser to sign in straight away; in another browser you will be asked for the code in the email.</p>
      <p class="aside">
        Nothing arrived? Check your spam folder, or <a href={props.homePath}>try again</a> in a minute.
      </p>
    </MessagePage>
  );
}

/** REQ-4: the client IP is over its limit; the same for every address. */
export function TooManyRequestsPage(props: MessagePageProps) {
  return (
    <MessagePage title="Too many requests" {...props}>
      <p>Too many sign-in links were asked for from your network. Please wait a while and try again.</p>
    </MessagePage>
  );
}

/** RED-8: every failed link or code, whatever the reason (the audit log has it). */
export function LinkFailedPage(props: MessagePageProps) {
  return (
    <MessagePage title="This sign-in link cannot be used" {...props}>
      <p>The link may have expired or been used already, or the code did not match.</p>
      <p>If you mistyped the code, open the link from your email again. Otherwise, ask for a new link.</p>
      <p>
        <a class="button" href={props.homePath}>
          Ask for a new link
        </a>
      </p>
    </MessagePage>
  );
}

/** REQ-5: a form posted from somewhere else. */
export function ForbiddenPage(props: MessagePageProps) {
  return (
    <MessagePage title="Request refused" {...props}>
      <p>This form was sent from another site, so it was refused. Go back to the page and try again.</p>
      <p>
        <a class="button" href={props.homePath}>
          Go to the page
        </a>
      </p>
    </MessagePage>
  );
}
