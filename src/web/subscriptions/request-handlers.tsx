import type { Context } from 'hono';
import { BeaconError } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import { requestManageLink } from '../../services/subscriptions/subscription-manage-request.js';
import { requestSubscription } from '../../services/subscriptions/subscription-request.js';
import type { FormFields } from '../customer/form-body.js';
import { CheckInboxPage, ManageCodePage, ManageRequestPage, SubscribePage, TooManyRequestsPage } from './form-views.js';
import { headerOf, sendPage } from './render.js';
import { SubscribeFormSchema, parseForm, readComponentChoice } from './subscription-forms.js';
import { MANAGE_CODE_PATH, type SubscriptionKit } from './subscription-kit.js';
import type { ScopePage } from './subscription-scopes.js';

/** Where a scope's forms live: the public `/subscriptions/…` forms, or a customer page's own. */
export interface FormPlace {
  scope: ScopePage;
  /** Where the subscribe form posts. */
  subscribeAction: string;
  /** Where the subscribe form is (the "try again" link). */
  subscribeHref: string;
  /** Where the manage request form is, and where it posts. */
  manageHref: string;
  manageAction: string;
  /** Whether the forms carry the scope key (the public ones; a customer page's path names its page). */
  carriesScope: boolean;
  /** The address to offer (a signed-in viewer's). */
  email?: string;
}

/** The subscribe and manage request forms, and their answers (SUB-1, SUB-5), wherever they live. */
export function createRequestHandlers(kit: SubscriptionKit) {
  const scopeField = (place: FormPlace): string | null => (place.carriesScope ? place.scope.key : null);
  const header = (place: FormPlace) => headerOf(place.scope, { showCustomerPath: true });

  /** What both forms show alike: the page, the hidden scope, the address, and why it was refused. */
  const common = (place: FormPlace, state: { email?: string; error?: string }) => ({
    header: header(place),
    scope: scopeField(place),
    email: state.email ?? place.email ?? '',
    ...(state.error ? { error: state.error } : {}),
  });

  const subscribeForm = (
    c: Context,
    place: FormPlace,
    status: 200 | 400 = 200,
    state: { email?: string; selected?: string[] | null; error?: string } = {},
  ) =>
    sendPage(
      c,
      status,
      <SubscribePage
        {...common(place, state)}
        action={place.subscribeAction}
        choices={place.scope.choices}
        selected={state.selected ?? null}
        manageAction={place.manageHref}
      />,
    );

  const manageForm = (c: Context, place: FormPlace, status: 200 | 400 = 200, state: { email?: string; error?: string } = {}) =>
    sendPage(c, status, <ManageRequestPage {...common(place, state)} action={place.manageAction} />);

  /** A service's refusal as the form's answer: a malformed address (the only visible difference) or the IP limit (429). */
  const refused = (c: Context, place: FormPlace, error: unknown, again: (message: string) => Response): Response => {
    if (!(error instanceof BeaconError)) throw error;
    if (error.code === 'rate_limited') return sendPage(c, 429, <TooManyRequestsPage header={header(place)} />);
    if (error.code === 'validation') return again(error.issues[0]?.message ?? 'That does not look like an email address.');
    throw error;
  };

  return {
    subscribeForm,
    manageForm,

    /** `fields`: the posted form, read once by the route (null when unreadable). */
    async subscribe(c: Context, place: FormPlace, fields: FormFields | null): Promise<Response> {
      const form = parseForm(SubscribeFormSchema, fields);
      if (form === null)
        return subscribeForm(c, place, 400, {
          error: 'The form could not be read. Please enter your address again (254 characters at most).',
        });
      const choice = readComponentChoice(form, place.scope.componentIds);
      if (!choice.ok) return subscribeForm(c, place, 400, { email: form.email, selected: choice.selected, error: choice.message });
      try {
        await requestSubscription(
          kit.services,
          { scope: place.scope, rawEmail: form.email, componentIds: choice.componentIds, clientIp: kit.clientIp(c) },
          c.get('logger') ?? kit.logger,
        );
      } catch (error) {
        return refused(c, place, error, (message) =>
          subscribeForm(c, place, 400, { email: form.email, selected: choice.componentIds, error: message }),
        );
      }
      return sendPage(c, 200, <CheckInboxPage header={header(place)} again={place.subscribeHref} />);
    },

    async requestManage(c: Context, place: FormPlace, fields: FormFields | null): Promise<Response> {
      const form = parseForm(SubscribeFormSchema.pick({ email: true }), fields);
      if (form === null)
        return manageForm(c, place, 400, {
          error: 'The form could not be read. Please enter your address again (254 characters at most).',
        });
      const linkId = newId();
      try {
        await requestManageLink(
          kit.services,
          { scope: place.scope, rawEmail: form.email, clientIp: kit.clientIp(c), linkId },
          c.get('logger') ?? kit.logger,
        );
      } catch (error) {
        return refused(c, place, error, (message) => manageForm(c, place, 400, { email: form.email, error: message }));
      }
      return sendPage(c, 200, <ManageCodePage header={header(place)} action={MANAGE_CODE_PATH} linkId={linkId} />);
    },
  };
}
