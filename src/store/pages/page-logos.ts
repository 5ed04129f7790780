import type { PageLogo } from '../../domain/pages/page-branding.js';
import { LOGO_CONTENT_TYPES } from '../../domain/pages/page-branding.js';
import { toDbTime } from '../codec.js';
import type { Queryable, Tx } from '../transaction.js';

/** A logo's bytes with their type, as served. */
export interface LogoImage {
  contentType: PageLogo['contentType'];
  bytes: Buffer;
}

/** Gives the page `logo` (its bytes `bytes`), replacing any it had: its row and the bytes in one go. */
export async function replacePageLogo(tx: Tx, pageId: string, logo: PageLogo, bytes: Uint8Array, now: Date): Promise<void> {
  await tx
    .updateTable('pages')
    .set({ logo_sha256: logo.sha256, logo_content_type: logo.contentType, updated_at: toDbTime(now) })
    .where('id', '=', pageId)
    .execute();
  await tx.deleteFrom('page_logos').where('page_id', '=', pageId).execute();
  await tx
    .insertInto('page_logos')
    .values({
      page_id: pageId,
      sha256: logo.sha256,
      content_type: logo.contentType,
      data_base64: Buffer.from(bytes).toString('base64'),
      created_at: toDbTime(now),
    })
    .execute();
}

/** Takes the page's logo away, bytes and all. */
export async function deletePageLogo(tx: Tx, pageId: string, now: Date): Promise<void> {
  await tx
    .updateTable('pages')
    .set({ logo_sha256: null, logo_content_type: null, updated_at: toDbTime(now) })
    .where('id', '=', pageId)
    .execute();
  await tx.deleteFrom('page_logos').where('page_id', '=', pageId).execute();
}

/** The logo whose bytes hash to `sha256`, on any page; null when no page has it. */
export async function findLogoImage(db: Queryable, sha256: string): Promise<LogoImage | null> {
  const row = await db
    .selectFrom('page_logos')
    .select(['content_type', 'data_base64'])
    .where('sha256', '=', sha256)
    .limit(1)
    .executeTakeFirst();
  const contentType = LOGO_CONTENT_TYPES.find((type) => type === row?.content_type);
  if (!row || contentType === undefined) return null;
  return { contentType, bytes: Buffer.from(row.data_base64, 'base64') };
}
