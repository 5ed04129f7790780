import type { Context } from 'hono';
import type { RouteKit } from '../customer/route-kit.js';
import { readForm } from '../customer/form-body.js';
import { sendSeeOther } from '../customer/respond.js';
import { signedInViewer } from '../customer/viewer.js';
import { type FormPlace, createRequestHandlers } from './request-handlers.js';
import { createSubscriptionKit } from './subscription-kit.js';
import { customerScopeKey } from './subscription-scopes.js';

/**
 * A customer page's subscription forms, under its own `/c/<token>/subscribe` (SUB-4): only a
 * signed-in viewer sees or sends them (anyone else is sent to the page, which asks them to sign in),
 * and only addresses on the page's allowlist get a mail. The answers are the public forms' (SUB-1),
 * with the customer pages' private headers. The mailed links are the public ones (routes.ts).
 */
export function createCustomerSubscribeHandlers(kit: RouteKit) {
  const subscriptions = createSubscriptionKit(kit.deps);
  const forms = createRequestHandlers(subscriptions);

  /** Runs `handle` for a signed-in viewer of the page; a 404 for no page, the page itself for anyone else. */
  const forViewer = (handle: (c: Context, place: FormPlace) => Promise<Response>) => async (c: Context) => {
    const located = await kit.locate(c);
    if (!located) return kit.notFound(c);
    const viewer = await signedInViewer(kit, c, located);
    if (!viewer) return sendSeeOther(c, located.path);
    const scope = await subscriptions.scope(customerScopeKey(located.page.customerPage.id));
    if (!scope) return kit.notFound(c);
    const base = `${located.path}/subscribe`;
    return handle(c, {
      scope,
      subscribeAction: base,
      subscribeHref: base,
      manageAction: `${base}/manage`,
      manageHref: `${base}/manage`,
      carriesScope: false,
      email: viewer.email,
    });
  };

  return {
    form: forViewer(async (c, place) => forms.subscribeForm(c, place)),
    subscribe: forViewer(async (c, place) => forms.subscribe(c, place, await readForm(c))),
    manageForm: forViewer(async (c, place) => forms.manageForm(c, place)),
    requestManage: forViewer(async (c, place) => forms.requestManage(c, place, await readForm(c))),
  };
}
