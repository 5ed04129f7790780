import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiKeyActor } from '../../../domain/audit-event.js';
import {
  createCatalogEntry,
  deleteCatalogEntry,
  getCatalogEntry,
  listCatalogEntries,
  updateCatalogEntry,
  upsertCatalogEntries,
} from '../../../services/catalog-entries.js';
import type { AppDeps } from '../../app-deps.js';
import {
  createCatalogEntryRoute,
  deleteCatalogEntryRoute,
  getCatalogEntryRoute,
  listCatalogEntriesRoute,
  updateCatalogEntryRoute,
  upsertCatalogEntriesRoute,
} from './catalog-entries-schema.js';
import type { ApiEnv } from './openapi-app.js';
import { presentCatalogEntry } from './presenters/catalog-entry.js';

/** `/catalog/types/{id}/entries` and `/catalog/entries/{id}`: the records of each type. */
export function registerCatalogEntryRoutes(api: OpenAPIHono<ApiEnv>, { ctx }: AppDeps): void {
  api.openapi(listCatalogEntriesRoute, async (c) => {
    const entries = await listCatalogEntries(ctx, c.req.valid('param').id);
    return c.json({ data: entries.map(presentCatalogEntry) }, 200);
  });

  api.openapi(createCatalogEntryRoute, async (c) => {
    const body = c.req.valid('json');
    const entry = await createCatalogEntry(
      ctx,
      c.req.valid('param').id,
      { name: body.name, externalId: body.external_id, aliases: body.aliases, rank: body.rank, slug: body.slug, values: body.values },
      { actor: apiKeyActor(c.get('apiKeyId')), allowUnsafeDomains: body.allow_unsafe_domains ?? false },
    );
    return c.json(presentCatalogEntry(entry), 201);
  });

  api.openapi(upsertCatalogEntriesRoute, async (c) => {
    const body = c.req.valid('json');
    const result = await upsertCatalogEntries(
      ctx,
      c.req.valid('param').id,
      body.entries.map((entry) => ({ externalId: entry.external_id, name: entry.name, aliases: entry.aliases, rank: entry.rank, slug: entry.slug, values: entry.values })),
      { actor: apiKeyActor(c.get('apiKeyId')), allowUnsafeDomains: body.allow_unsafe_domains ?? false },
    );
    return c.json({ data: result.entries.map(presentCatalogEntry), created: result.created, updated: result.updated, unchanged: result.unchanged }, 200);
  });

  api.openapi(getCatalogEntryRoute, async (c) => {
    const entry = await getCatalogEntry(ctx, c.req.valid('param').id);
    return c.json(presentCatalogEntry(entry), 200);
  });

  api.openapi(updateCatalogEntryRoute, async (c) => {
    const body = c.req.valid('json');
    const entry = await updateCatalogEntry(
      ctx,
      c.req.valid('param').id,
      { name: body.name, externalId: body.external_id, aliases: body.aliases, rank: body.rank, slug: body.slug, values: body.values },
      { actor: apiKeyActor(c.get('apiKeyId')), allowUnsafeDomains: body.allow_unsafe_domains ?? false },
    );
    return c.json(presentCatalogEntry(entry), 200);
  });

  api.openapi(deleteCatalogEntryRoute, async (c) => {
    const force = c.req.valid('query').force === 'true';
    await deleteCatalogEntry(ctx, c.req.valid('param').id, { actor: apiKeyActor(c.get('apiKeyId')), force });
    return c.body(null, 204);
  });
}
