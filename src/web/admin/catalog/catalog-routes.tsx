import type { Context, Hono } from 'hono';
import { judgeAllowlistDomain } from '../../../domain/access/domain-verdict.js';
import { BeaconError } from '../../../domain/errors.js';
import { listCatalogTypesWithCounts, nameReferences, searchCatalogEntries } from '../../../services/catalog/catalog-browse.js';
import { createCatalogEntry, getCatalogEntry, updateCatalogEntry } from '../../../services/catalog/catalog-entries.js';
import { createCatalogType, getCatalogType, listCatalogTypes, updateCatalogType } from '../../../services/catalog/catalog-types.js';
import { staffActor } from '../../../services/staff/staff-audit.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';
import { readForm } from '../../customer/form-body.js';
import { sendPrivateHtml, sendSeeOther } from '../../customer/respond.js';
import { routeHashedAssets } from '../../hashed-assets.js';
import { contentSecurityPolicy } from '../../middleware/csp.js';
import { type AdminKit, viewerOf } from '../admin-kit.js';
import { ADMIN_ASSETS, renderMessage, toAdminHtml } from '../render.js';
import { roleMay } from '../../../domain/access/staff-role.js';
import { DOMAIN_CHECK_SCRIPT } from './catalog-assets.js';
import { CatalogEntriesPage } from './catalog-entries-page.js';
import { type EntryForm, emptyEntryForm, entryErrors, entryFormOf, readEntryForm, toEntryInput } from './catalog-entry-form.js';
import { CatalogEntryPage, type CatalogEntryPageProps } from './catalog-entry-page.js';
import { textField } from './catalog-form-fields.js';
import { type SchemaForm, readSchemaForm, schemaErrors, schemaFormOf, toAttributeInputs } from './catalog-schema-form.js';
import { CatalogSchemaPage } from './catalog-schema-page.js';
import { CatalogTypesPage, type CatalogTypesPageProps, type TypeForm } from './catalog-types-page.js';

/** STF-3: everyone signed in reads the catalog; only admins change it. Checked on every route. */
const READS = { resource: 'catalog', writes: false } as const;
const WRITES = { resource: 'catalog', writes: true } as const;

const PAGE_SIZE = 50;
/** Longest search kept from the address. */
const MAX_SEARCH = 200;

const NOTICES: Readonly<Record<string, string>> = {
  'type-added': 'Type added. Give it attributes, then add its entries.',
  'schema-saved': 'Attributes saved.',
  'entry-added': 'Entry added.',
  'entry-saved': 'Entry saved.',
};

type Status = 200 | 400 | 404 | 409 | 422;

const idOf = (c: Context): string => c.req.param('id') ?? '';

/** The status a refused catalog write answers with, or null for an error that is not a refusal. */
function refusalStatus(error: unknown): Status | null {
  if (!(error instanceof BeaconError)) return null;
  return ({ validation: 400, not_found: 404, conflict: 409, unprocessable: 422 } as const)[error.code as string] ?? null;
}

/**
 * `/admin/catalog`: browse types and their entries (searched and paged in the store), edit a type's
 * attributes and an entry's values. Allowlist domains are vetted on the server on every post, and
 * as staff type through `/admin/catalog/domain-check`, which asks the same verdict (DOM-8, DOM-10);
 * "Allow anyway" with a reason is an audited override. Entries a sync owns are read-only, refused
 * by the service too. Every write goes through the catalog services with the staff actor, which
 * audit it in the write's transaction (STF-7).
 */
export function mountCatalogScreens(routes: Hono, kit: AdminKit): void {
  const { ctx } = kit.deps;
  routeHashedAssets(routes, [DOMAIN_CHECK_SCRIPT]);
  const notice = (c: Context) => {
    const text = kit.notice(c, NOTICES);
    return text ? { notice: { text } } : {};
  };
  const missing = (c: Context, who: StaffIdentity, what: string) =>
    kit.html(c, 404, renderMessage(viewerOf(who), 'Not found', `There is no such ${what}.`));
  /** Runs `load`; a missing type or entry answers 404 instead. */
  const orMissing = async <T,>(load: () => Promise<T>): Promise<T | null> => {
    try {
      return await load();
    } catch (error) {
      if (error instanceof BeaconError && error.code === 'not_found') return null;
      throw error;
    }
  };

  // ---- Types ------------------------------------------------------------------------------------

  const typesScreen = async (c: Context, who: StaffIdentity, status: Status, extra: Partial<CatalogTypesPageProps> = {}) => {
    const types = await listCatalogTypesWithCounts(ctx);
    const canWrite = roleMay(who.member.role, WRITES);
    const props = { viewer: viewerOf(who), types, canWrite, ...notice(c), ...extra };
    return kit.html(c, status, toAdminHtml(<CatalogTypesPage {...props} assets={ADMIN_ASSETS} />));
  };

  routes.get(
    '/admin/catalog',
    kit.allowed(READS, (c, who) => typesScreen(c, who, 200)),
  );

  routes.post(
    '/admin/catalog/types',
    kit.allowed(WRITES, async (c, who) => {
      const fields = await readForm(c);
      const form: TypeForm = { name: textField(fields, 'name'), description: textField(fields, 'description'), errors: {} };
      try {
        const description = form.description.trim() === '' ? null : form.description;
        const type = await createCatalogType(ctx, { name: form.name, description }, { actor: staffActor(who.member.email) });
        return sendSeeOther(c, `/admin/catalog/types/${type.id}/schema?notice=type-added`);
      } catch (error) {
        const status = refusalStatus(error);
        if (status === null) throw error;
        const issues = (error as BeaconError).issues;
        const errors = Object.fromEntries(issues.map((i) => [i.path === 'description' ? 'description' : 'name', i.message]));
        return typesScreen(c, who, status, { form: { ...form, errors: issues.length > 0 ? errors : { name: (error as Error).message } } });
      }
    }),
  );

  // ---- Entries of a type ------------------------------------------------------------------------

  routes.get(
    '/admin/catalog/types/:id',
    kit.allowed(READS, async (c, who) => {
      const search = (c.req.query('q') ?? '').slice(0, MAX_SEARCH);
      const page = Math.min(Math.max(Number.parseInt(c.req.query('page') ?? '1', 10) || 1, 1), 1_000_000);
      const found = await orMissing(() => searchCatalogEntries(ctx, idOf(c), { search, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));
      if (!found) return missing(c, who, 'catalog type');
      const names = await nameReferences(ctx, found.type.attributes.slice(0, 3), found.entries);
      const props = {
        viewer: viewerOf(who),
        type: found.type,
        entries: found.entries,
        names,
        search,
        page,
        pages: Math.ceil(found.total / PAGE_SIZE),
        total: found.total,
        canWrite: roleMay(who.member.role, WRITES),
        ...notice(c),
      };
      return kit.html(c, 200, toAdminHtml(<CatalogEntriesPage {...props} assets={ADMIN_ASSETS} />));
    }),
  );

  // ---- Schema -----------------------------------------------------------------------------------

  const schemaScreen = async (c: Context, who: StaffIdentity, status: Status, typeId: string, form?: SchemaForm) => {
    const type = await orMissing(() => getCatalogType(ctx, typeId));
    if (!type) return missing(c, who, 'catalog type');
    const types = await listCatalogTypes(ctx);
    const props = {
      viewer: viewerOf(who),
      type,
      types,
      form: form ?? schemaFormOf(type),
      canWrite: roleMay(who.member.role, WRITES),
      ...notice(c),
    };
    return kit.html(c, status, toAdminHtml(<CatalogSchemaPage {...props} assets={ADMIN_ASSETS} />));
  };

  routes.get(
    '/admin/catalog/types/:id/schema',
    kit.allowed(READS, (c, who) => schemaScreen(c, who, 200, idOf(c))),
  );

  routes.post(
    '/admin/catalog/types/:id/schema',
    kit.allowed(WRITES, async (c, who) => {
      const typeId = idOf(c);
      const form = readSchemaForm(await readForm(c));
      const { attributes, rowOf } = toAttributeInputs(form);
      try {
        const description = form.description.trim() === '' ? null : form.description;
        await updateCatalogType(
          ctx,
          typeId,
          { name: form.name, description, attributes },
          { actor: staffActor(who.member.email), force: form.force },
        );
        return sendSeeOther(c, `/admin/catalog/types/${typeId}/schema?notice=schema-saved`);
      } catch (error) {
        const status = refusalStatus(error);
        if (status === null || status === 404) {
          if (status === 404) return missing(c, who, 'catalog type');
          throw error;
        }
        const issues = (error as BeaconError).issues;
        // Entries (422) and pages (409) the change would break are listed together; field issues go on their rows.
        const broken = issues.filter((i) => i.path.startsWith('entries') || i.path.startsWith('pages.') || i.path === 'referenced_by');
        const onFields = issues.filter((i) => !broken.includes(i));
        const errors = onFields.length > 0 || broken.length > 0 ? schemaErrors(onFields, rowOf) : { form: (error as Error).message };
        return schemaScreen(c, who, status, typeId, { ...form, errors, breakage: broken.map((i) => i.message) });
      }
    }),
  );

  // ---- One entry --------------------------------------------------------------------------------

  /** The entry screen, with the as-you-type script under this response's nonce. */
  const entryScreen = (c: Context, status: Status, props: Omit<CatalogEntryPageProps, 'assets' | 'script'>) => {
    const nonce = c.get('cspNonce');
    const script = props.editable ? { src: DOMAIN_CHECK_SCRIPT.path, nonce } : undefined;
    const html = toAdminHtml(<CatalogEntryPage {...props} assets={ADMIN_ASSETS} script={script} />);
    const response = sendPrivateHtml(c, status, html, script ? nonce : null);
    // HDR-1 as on every private page, plus the one connection the script makes: the domain check on this origin.
    if (script) response.headers.set('Content-Security-Policy', `${contentSecurityPolicy(nonce)}; connect-src 'self'`);
    return response;
  };

  /** A refused entry write: the form again, as typed, with each field's error in place. */
  const refusedEntry = (c: Context, error: unknown, props: Omit<CatalogEntryPageProps, 'assets' | 'script'>, form: EntryForm) => {
    const status = refusalStatus(error);
    if (status === null) throw error;
    const issues = (error as BeaconError).issues;
    const errors = issues.length > 0 ? entryErrors(issues) : { form: (error as Error).message };
    return entryScreen(c, status, { ...props, form: { ...form, errors } });
  };

  const writeOptions = (who: StaffIdentity, form: EntryForm) => ({
    actor: staffActor(who.member.email),
    allowUnsafeDomains: form.allow,
    overrideNote: form.overrideNote,
    refuseSyncedEntries: true,
    via: 'dashboard' as const,
  });

  routes.get(
    '/admin/catalog/types/:id/entries/new',
    kit.allowed(WRITES, async (c, who) => {
      const type = await orMissing(() => getCatalogType(ctx, idOf(c)));
      if (!type) return missing(c, who, 'catalog type');
      return entryScreen(c, 200, {
        viewer: viewerOf(who),
        type,
        entry: null,
        names: new Map(),
        form: emptyEntryForm(type),
        editable: true,
      });
    }),
  );

  routes.post(
    '/admin/catalog/types/:id/entries',
    kit.allowed(WRITES, async (c, who) => {
      const type = await orMissing(() => getCatalogType(ctx, idOf(c)));
      if (!type) return missing(c, who, 'catalog type');
      const form = readEntryForm(await readForm(c), type);
      const props = { viewer: viewerOf(who), type, entry: null, names: new Map<string, string>(), form, editable: true };
      try {
        const entry = await createCatalogEntry(ctx, type.id, toEntryInput(form, type, true), writeOptions(who, form));
        return sendSeeOther(c, `/admin/catalog/entries/${entry.id}?notice=entry-added`);
      } catch (error) {
        return refusedEntry(c, error, props, form);
      }
    }),
  );

  /** The entry, its type and the names its references point at; null when there is no such entry. */
  const loadEntry = async (id: string) => {
    const entry = await orMissing(() => getCatalogEntry(ctx, id));
    if (!entry) return null;
    const type = await getCatalogType(ctx, entry.typeId);
    return { entry, type, names: await nameReferences(ctx, type.attributes, [entry]) };
  };

  routes.get(
    '/admin/catalog/entries/:id',
    kit.allowed(READS, async (c, who) => {
      const found = await loadEntry(idOf(c));
      if (!found) return missing(c, who, 'catalog entry');
      const editable = roleMay(who.member.role, WRITES) && found.entry.source.kind === 'manual';
      const form = entryFormOf(found.entry, found.type, found.names);
      return entryScreen(c, 200, { viewer: viewerOf(who), ...found, form, editable, ...notice(c) });
    }),
  );

  routes.post(
    '/admin/catalog/entries/:id',
    kit.allowed(WRITES, async (c, who) => {
      const found = await loadEntry(idOf(c));
      if (!found) return missing(c, who, 'catalog entry');
      const form = readEntryForm(await readForm(c), found.type);
      const editable = found.entry.source.kind === 'manual';
      const props = { viewer: viewerOf(who), ...found, form, editable };
      try {
        // The service refuses an entry a sync owns (refuseSyncedEntries), whatever the screen offered.
        await updateCatalogEntry(ctx, found.entry.id, toEntryInput(form, found.type, false), writeOptions(who, form));
        return sendSeeOther(c, `/admin/catalog/entries/${found.entry.id}?notice=entry-saved`);
      } catch (error) {
        if (!editable && error instanceof BeaconError && error.code === 'conflict') {
          return entryScreen(c, 409, {
            ...props,
            form: entryFormOf(found.entry, found.type, found.names),
            notice: { text: error.message, error: true },
          });
        }
        return refusedEntry(c, error, props, form);
      }
    }),
  );

  // ---- As-you-type domain vetting ---------------------------------------------------------------

  /**
   * The verdict on one allowlist domain as JSON, for the entry form's script: the same function the
   * server's value check uses (judgeAllowlistDomain). A GET with no side effect; signed-in staff only.
   */
  routes.get(
    '/admin/catalog/domain-check',
    kit.allowed(READS, async (c) => {
      c.header('Cache-Control', 'no-store');
      const domain = c.req.query('domain');
      if (domain === undefined || domain.trim() === '') return c.json({ error: 'give the domain to check as ?domain=' }, 400);
      const verdict = judgeAllowlistDomain(domain.trim().slice(0, 300));
      return c.json(
        verdict.ok
          ? { written: verdict.written, ok: true, ascii: verdict.ascii, unicode: verdict.unicode }
          : {
              written: verdict.written,
              ok: false,
              ascii: verdict.ascii,
              unicode: verdict.unicode,
              reason: verdict.reason,
              message: verdict.message,
              overridable: verdict.overridable,
            },
        200,
      );
    }),
  );
}
