import { toDbTime } from '../codec.js';
import type { Queryable, Tx } from '../transaction.js';

/** What a customer page set's notification mails carry: the update itself, or only that there is one. */
export type MailDetail = 'full' | 'notice';

/** A set without a row sends `full` mails. */
export async function findMailDetail(db: Queryable, pageId: string): Promise<MailDetail> {
  const row = await db.selectFrom('subscription_page_settings').select('mail_detail').where('page_id', '=', pageId).executeTakeFirst();
  return row?.mail_detail === 'notice' ? 'notice' : 'full';
}

export async function saveMailDetail(tx: Tx, input: { pageId: string; mailDetail: MailDetail; at: Date }): Promise<void> {
  const updatedAt = toDbTime(input.at);
  await tx
    .insertInto('subscription_page_settings')
    .values({ page_id: input.pageId, mail_detail: input.mailDetail, updated_at: updatedAt })
    .onConflict((conflict) => conflict.column('page_id').doUpdateSet({ mail_detail: input.mailDetail, updated_at: updatedAt }))
    .execute();
}
