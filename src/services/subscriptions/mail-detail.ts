import { BeaconError, notFound } from '../../domain/errors.js';
import { findPage } from '../../store/pages/pages.js';
import { type MailDetail, findMailDetail, saveMailDetail } from '../../store/subscriptions/subscription-page-settings.js';
import { type ServiceContext, write } from '../context.js';
import { isPlausibleId } from '../status/component-refs.js';

export type { MailDetail };

export interface MailDetailSetting {
  pageId: string;
  /** `full`: mails carry the update; `notice`: only that there is one, and a link to sign in to read it. */
  mailDetail: MailDetail;
}

/** Only a customer page set's pages hold what a mail might leak; other pages are public anyway. */
async function requireCustomerSet(ctx: ServiceContext, pageId: string): Promise<void> {
  const page = isPlausibleId(pageId) ? await findPage(ctx.database.db, pageId) : null;
  if (!page) throw notFound('Page', pageId);
  if (page.kind !== 'customer_set') {
    throw new BeaconError('unprocessable', 'Only a customer page set has a mail detail setting: other pages are public.');
  }
}

export async function getMailDetail(ctx: ServiceContext, pageId: string): Promise<MailDetailSetting> {
  await requireCustomerSet(ctx, pageId);
  return { pageId, mailDetail: await findMailDetail(ctx.database.db, pageId) };
}

/**
 * Sets what a customer page set's notification mails carry. Read again as each mail is sent, so it
 * applies to mails already queued.
 */
export async function setMailDetail(ctx: ServiceContext, pageId: string, mailDetail: MailDetail): Promise<MailDetailSetting> {
  await requireCustomerSet(ctx, pageId);
  return write(ctx, async (tx) => {
    await saveMailDetail(tx, { pageId, mailDetail, at: ctx.clock() });
    return { pageId, mailDetail };
  });
}
