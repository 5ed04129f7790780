import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiKeyActor } from '../../../../domain/access/audit-event.js';
import {
  createCatalogEntry,
  deleteCatalogEntry,
  getCatalogEntry,
  listCatalogEntries,
  updateCatalogEntry,
  upsertCatalogEntries,
} from '../../../../services/catalog/catalog-entries.js';
import {
  createCatalogEntryRoute,
  deleteCatalogEntryRoute,
  getCatalogEntryRoute,
  listCatalogEntriesRoute,
  updateCatalogEntryRoute,
  upsertCatalogEntriesRoute,
} from './catalog-entries-schema.js';
import type { ApiEnv } from '../openapi-app.js';
import { presentCatalogEntry } from '../presenters/catalog-entry.js';

/** `/catalog/types/{id}/entries` and `/catalog/entries/{id}`: the records of each type. */
export function registerCatalogEntryRoutes(api: OpenAPIHono<ApiEnv>): void {
  api.openapi(listCatalogEntriesRoute, async (c) => {
    const entries = await listCatalogEntries(c.var.ctx, c.req.valid('param').id);
    return c.json({ data: entries.map(presentCatalogEntry) }, 200);
  });

  api.openapi(createCatalogEntryRoute, async (c) => {
    const body = c.req.valid('json');
    const entry = await createCatalogEntry(c.var.ctx, c.req.valid('param').id, entryFields(body), writeOptions(c.get('apiKeyId'), body));
    return c.json(presentCatalogEntry(entry), 201);
  });

  api.openapi(upsertCatalogEntriesRoute, async (c) => {
    const body = c.req.valid('json');
    const result = await upsertCatalogEntries(
      c.var.ctx,
      c.req.valid('param').id,
      body.entries.map(entryFields),
      writeOptions(c.get('apiKeyId'), body),
    );
    return c.json(
      { data: result.entries.map(presentCatalogEntry), created: result.created, updated: result.updated, unchanged: result.unchanged },
      200,
    );
  });

  api.openapi(getCatalogEntryRoute, async (c) => {
    const entry = await getCatalogEntry(c.var.ctx, c.req.valid('param').id);
    return c.json(presentCatalogEntry(entry), 200);
  });

  api.openapi(updateCatalogEntryRoute, async (c) => {
    const body = c.req.valid('json');
    const entry = await updateCatalogEntry(c.var.ctx, c.req.valid('param').id, entryFields(body), writeOptions(c.get('apiKeyId'), body));
    return c.json(presentCatalogEntry(entry), 200);
  });

  api.openapi(deleteCatalogEntryRoute, async (c) => {
    const force = c.req.valid('query').force === 'true';
    await deleteCatalogEntry(c.var.ctx, c.req.valid('param').id, { actor: apiKeyActor(c.get('apiKeyId')), force, keepSyncOwned: true });
    return c.body(null, 204);
  });
}

/** The entry fields of a request body (snake_case) as the services take them, each as required or optional as in the body. */
type EntryBody = {
  name?: string;
  external_id?: string | null;
  aliases?: string[];
  rank?: number;
  slug?: string;
  values?: Record<string, unknown>;
};

function entryFields<B extends EntryBody>(
  body: B,
): { name: B['name']; externalId: B['external_id']; aliases: B['aliases']; rank: B['rank']; slug: B['slug']; values: B['values'] } {
  return { name: body.name, externalId: body.external_id, aliases: body.aliases, rank: body.rank, slug: body.slug, values: body.values };
}

/**
 * Who writes, and whether they override the domain vetting (recorded in the audit log). What a sync
 * owns stays its own: syncs write through `beacon catalog sync`, never through this API.
 */
const writeOptions = (apiKeyId: string, body: { allow_unsafe_domains?: boolean }) => ({
  actor: apiKeyActor(apiKeyId),
  keepSyncOwned: true,
  allowUnsafeDomains: body.allow_unsafe_domains ?? false,
});
