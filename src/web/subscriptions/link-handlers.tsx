import type { Context } from 'hono';
import { confirmSubscriptionLink, inspectConfirmLink } from '../../services/subscriptions/subscription-confirm.js';
import { SUBSCRIPTION_PATHS } from '../../services/subscriptions/subscription-links.js';
import { type ManageView, changeSubscription, enterManageCode, openManageLink } from '../../services/subscriptions/subscription-manage.js';
import { inspectUnsubscribeLink, unsubscribeWithToken } from '../../services/subscriptions/subscription-unsubscribe.js';
import { readForm } from '../customer/form-body.js';
import { ManageCodePage } from './form-views.js';
import { ConfirmPage, ConfirmedPage, LinkFailedPage, ManagePage, UnsubscribePage, UnsubscribedPage } from './link-views.js';
import { headerOf, sendPage } from './render.js';
import { ManageCodeFormSchema, ManageFormSchema, parseForm, readComponentChoice } from './subscription-forms.js';
import { MANAGE_CODE_PATH, type SubscriptionKit } from './subscription-kit.js';
import type { ScopePage } from './subscription-scopes.js';

/**
 * What the mailed links open (SUB-2, SUB-3). Opening one (GET) changes nothing (RED-1): each shows a
 * button that posts. Every unusable link shows one generic page (as RED-8).
 */
export function createLinkHandlers(kit: SubscriptionKit) {
  const token = (c: Context): string => c.req.param('token') ?? '';
  const scopeOf = async (key: string | null): Promise<ScopePage | null> => (key === null ? null : kit.scope(key));
  const failed = async (c: Context, scopeKey: string | null = null): Promise<Response> =>
    sendPage(c, 400, <LinkFailedPage header={headerOf(await scopeOf(scopeKey))} again={null} />);

  const manageScreen = async (
    c: Context,
    view: ManageView,
    status: 200 | 400,
    state: { notice?: string; error?: string; selected?: string[] | null } = {},
  ) => {
    const scope = await kit.scope(view.subscription.scope);
    if (!scope) return failed(c);
    return sendPage(
      c,
      status,
      <ManagePage
        header={headerOf(scope)}
        action={`${SUBSCRIPTION_PATHS.manage}/${view.token}`}
        choices={scope.choices}
        selected={state.selected === undefined ? view.subscription.componentIds : state.selected}
        email={view.subscription.email}
        {...(state.notice ? { notice: state.notice } : {})}
        {...(state.error ? { error: state.error } : {})}
      />,
    );
  };

  return {
    async openConfirm(c: Context): Promise<Response> {
      const state = await inspectConfirmLink(kit.services, token(c));
      if (!state.valid) return failed(c);
      const header = headerOf(await kit.scope(state.scope));
      return sendPage(c, 200, <ConfirmPage header={header} action={`${SUBSCRIPTION_PATHS.confirm}/${token(c)}`} />);
    },

    async confirm(c: Context): Promise<Response> {
      const result = await confirmSubscriptionLink(kit.services, token(c));
      if (!result.ok) return failed(c);
      const header = headerOf(await kit.scope(result.scope));
      const unsubscribeHref = `${SUBSCRIPTION_PATHS.unsubscribe}/${result.unsubscribeToken}`;
      return sendPage(c, 200, <ConfirmedPage header={header} unsubscribeHref={unsubscribeHref} />);
    },

    async openManage(c: Context): Promise<Response> {
      const view = await openManageLink(kit.services, token(c));
      return view ? manageScreen(c, view, 200) : failed(c);
    },

    async enterCode(c: Context): Promise<Response> {
      const form = parseForm(ManageCodeFormSchema, await readForm(c));
      if (form === null) return failed(c);
      const result = await enterManageCode(kit.services, { linkId: form.link, code: form.code });
      if (result.ok) return manageScreen(c, result.view, 200);
      if (result.attemptsLeft === null) return failed(c);
      // A wrong code on a live link keeps the form, until its attempts are spent.
      const page = (
        <ManageCodePage header={headerOf(null)} action={MANAGE_CODE_PATH} linkId={form.link} attemptsLeft={result.attemptsLeft} />
      );
      return sendPage(c, 400, page);
    },

    async manage(c: Context): Promise<Response> {
      const form = parseForm(ManageFormSchema, await readForm(c));
      const view = await openManageLink(kit.services, token(c));
      if (view === null) return failed(c);
      if (form === null || (form.action !== 'update' && form.action !== 'unsubscribe'))
        return manageScreen(c, view, 400, { error: 'The form could not be read. Please try again.' });
      if (form.action === 'unsubscribe') {
        const ended = await changeSubscription(kit.services, { token: token(c), change: { kind: 'unsubscribe' } });
        if (!ended) return failed(c);
        return sendPage(c, 200, <UnsubscribedPage header={headerOf(await kit.scope(ended.scope))} />);
      }
      const scope = await kit.scope(view.subscription.scope);
      if (!scope) return failed(c);
      const choice = readComponentChoice(form, scope.componentIds);
      if (!choice.ok) return manageScreen(c, view, 400, { error: choice.message, selected: choice.selected });
      const changed = await changeSubscription(kit.services, {
        token: token(c),
        change: { kind: 'components', componentIds: choice.componentIds },
      });
      if (!changed) return failed(c);
      return manageScreen(c, { ...view, subscription: changed }, 200, { notice: 'Saved.' });
    },

    async openUnsubscribe(c: Context): Promise<Response> {
      const state = await inspectUnsubscribeLink(kit.services, token(c));
      if (!state.valid) return failed(c);
      const header = headerOf(await scopeOf(state.scope));
      const page = (
        <UnsubscribePage header={header} action={`${SUBSCRIPTION_PATHS.unsubscribe}/${token(c)}`} subscribed={state.subscribed} />
      );
      return sendPage(c, 200, page);
    },

    /** SUB-3 (RFC 8058): no cookie, no CSRF token, no other step; the body (`List-Unsubscribe=One-Click`) is not even read. */
    async unsubscribe(c: Context): Promise<Response> {
      const state = await unsubscribeWithToken(kit.services, token(c));
      if (!state.valid) return failed(c);
      return sendPage(c, 200, <UnsubscribedPage header={headerOf(await scopeOf(state.scope))} />);
    },
  };
}
