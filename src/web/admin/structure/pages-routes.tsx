import type { Context, Hono } from 'hono';
import { roleMay } from '../../../domain/access/staff-role.js';
import { invalid } from '../../../domain/errors.js';
import { z } from 'zod';
import { getMailDetail, setMailDetail } from '../../../services/subscriptions/mail-detail.js';
import type { Page, PageItem } from '../../../domain/pages/page.js';
import { listCatalogTypes } from '../../../services/catalog/catalog-types.js';
import { bindCustomerPageSet, bindParentPage, unbindParentPage } from '../../../services/pages/page-kinds.js';
import { removePageLogo, setPageLogo } from '../../../services/pages/page-logos.js';
import { createPage, getPage, listPages, setPageStructure, updatePage } from '../../../services/pages/pages.js';
import { staffActor } from '../../../services/staff/staff-audit.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';
import { findComponentsById, findComponentsPage } from '../../../services/status/components.js';
import { findGroupsArchivedAt, getGroup, listGroups } from '../../../services/status/groups.js';
import { type FormFields, readForm } from '../../customer/form-body.js';
import { sendSeeOther } from '../../customer/respond.js';
import { type AdminKit, viewerOf } from '../admin-kit.js';
import { ADMIN_ASSETS, toAdminHtml } from '../render.js';
import { fieldText } from './form-input.js';
import type { OrderedEntry } from './ordered-list.js';
import type { KindFormState } from './page-kind-view.js';
import { type PageForm, PageScreen, PagesScreen } from './pages-view.js';
import { type Refusal, refusalOf } from './refusal.js';
import { moveItem, targetOf } from './reorder.js';
import { auditedContext } from './structure-audit.js';
import { afterMove, movedOf, sendReorderScreen } from './structure-screen.js';

/** A customer page set's notification mail detail, as its form sends it. */
const MailDetailSchema = z.enum(['full', 'notice']);

const READS = { resource: 'pages', writes: false } as const;
/** STF-3: admins only. */
const WRITES = { resource: 'pages', writes: true } as const;

const NOTICES: Readonly<Record<string, string>> = {
  created: 'Page created. Add components and groups to its structure below.',
  saved: 'Settings saved.',
  moved: 'Order saved.',
  added: 'Added to the page.',
  removed: 'Taken off the page.',
  uptime: 'Uptime display changed.',
  logo: 'Logo saved.',
  'logo-removed': 'Logo removed.',
  parent: 'The page is now a parent: each catalog entry has a sub-page.',
  standalone: 'The page is standalone again.',
  'customer-set': 'The page is now a customer page set.',
};

/** The service's field paths → the form's. */
const SETTINGS_FIELDS: Readonly<Record<string, keyof PageForm['errors']>> = {
  name: 'name',
  slug: 'slug',
  time_zone: 'timeZone',
  description: 'description',
  is_default: 'isDefault',
  support_url: 'supportUrl',
  brand_color: 'brandColor',
  uptime_display: 'uptimeDisplay',
};
const PICKS = 20;

const formOf = (fields: FormFields | null): PageForm => ({
  name: fieldText(fields, 'name', 400),
  slug: fieldText(fields, 'slug', 200),
  timeZone: fieldText(fields, 'timeZone', 100).trim() || 'UTC',
  description: fieldText(fields, 'description', 4000),
  isDefault: fieldText(fields, 'isDefault', 10) === '1',
  supportUrl: fieldText(fields, 'supportUrl', 4000),
  brandColor: fieldText(fields, 'brandColor', 100),
  uptimeDisplay: fieldText(fields, 'uptimeDisplay', 100),
  errors: {},
});

/** An item's key in the forms: `component:<id>` or `group:<id>`. */
const keyOf = (item: PageItem): string => (item.kind === 'component' ? `component:${item.componentId}` : `group:${item.groupId}`);

/** The item a form names, from its key; null for anything else. */
function itemOf(key: string): PageItem | null {
  const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  if (!id) return null;
  if (kind === 'component') return { kind: 'component', componentId: id, showUptime: true };
  if (kind === 'group') return { kind: 'group', groupId: id, showUptime: true };
  return null;
}

/** `/admin/pages`: list and create pages; a page's settings, structure and kind. */
export function mountPageScreens(routes: Hono, kit: AdminKit): void {
  const { ctx } = kit.deps;
  const pathOf = (id: string) => `/admin/pages/${encodeURIComponent(id)}`;
  const base = (c: Context, who: StaffIdentity) => ({
    viewer: viewerOf(who),
    assets: ADMIN_ASSETS,
    canWrite: roleMay(who.member.role, WRITES),
    notice: ((text) => (text ? { text } : undefined))(kit.notice(c, NOTICES)),
  });

  const listScreen = async (c: Context, who: StaffIdentity, status: 200 | 400 | 409 | 422, form?: PageForm) => {
    const pages = await listPages(ctx);
    return kit.html(c, status, toAdminHtml(<PagesScreen {...base(c, who)} pages={pages} {...(form ? { form } : {})} />));
  };

  /** The structure's rows: each item with its name, archived ones marked (they show nowhere until restored). */
  const entriesOf = async (page: Page, canWrite: boolean): Promise<OrderedEntry[]> => {
    const components = await findComponentsById(
      ctx,
      page.items.flatMap((item) => (item.kind === 'component' ? [item.componentId] : [])),
    );
    const groupIds = page.items.flatMap((item) => (item.kind === 'group' ? [item.groupId] : []));
    const archived = await findGroupsArchivedAt(ctx, groupIds);
    const groups = new Map(await Promise.all(groupIds.map(async (id) => [id, await getGroup(ctx, id)] as const)));
    return page.items.map((item) => {
      const key = keyOf(item);
      const group = item.kind === 'group' ? groups.get(item.groupId) : undefined;
      const component = item.kind === 'component' ? components.get(item.componentId) : undefined;
      const label = group?.name ?? component?.name ?? key;
      const notes = [
        group ? `group of ${group.componentIds.length}` : '',
        component?.archivedAt || (item.kind === 'group' && archived.get(item.groupId)) ? 'archived: hidden' : '',
        item.showUptime ? 'uptime bar shown' : 'no uptime bar',
      ].filter(Boolean);
      const extra = canWrite ? (
        <form class="inline" method="post" action={`${pathOf(page.id)}/structure/uptime`}>
          <input type="hidden" name="item" value={key} />
          <button type="submit" aria-label={`${item.showUptime ? 'Hide uptime' : 'Show uptime'}: ${label}`}>
            {item.showUptime ? 'Hide uptime' : 'Show uptime'}
          </button>
        </form>
      ) : undefined;
      return { key, label, note: notes.join(' · '), ...(extra ? { extra } : {}) };
    });
  };

  const pageScreen = async (
    c: Context,
    who: StaffIdentity,
    status: 200 | 400 | 409 | 422,
    refused?: { form?: PageForm; kindState?: KindFormState; logoError?: string; refusal: Refusal },
  ) => {
    const page = await getPage(ctx, c.req.param('id') ?? '');
    const screen = base(c, who);
    const placed = new Set(page.items.map(keyOf));
    const text = (c.req.query('find') ?? '').slice(0, 200);
    const matches = text
      ? (await findComponentsPage(ctx, { text, archived: false, limit: PICKS * 2 })).items
          .filter((m) => !placed.has(`component:${m.id}`))
          .slice(0, PICKS)
      : [];
    const groups = screen.canWrite ? (await listGroups(ctx)).filter((group) => !placed.has(`group:${group.id}`)) : [];
    const types = await listCatalogTypes(ctx);
    const structureError =
      refused && !refused.form && !refused.kindState && refused.logoError === undefined
        ? refused.refusal.message || Object.values(refused.refusal.fields)[0]
        : undefined;
    const settingsError = refused?.form && refused.refusal.message ? { text: refused.refusal.message, error: true } : undefined;
    const props = {
      ...screen,
      ...(settingsError ? { notice: settingsError } : {}),
      page,
      entries: await entriesOf(page, screen.canWrite),
      groups,
      types,
      find: { text, matches, error: structureError },
      moved: movedOf(c),
      kindState: refused?.kindState,
      logoError: refused?.logoError,
      mailDetail: page.kind === 'customer_set' ? (await getMailDetail(ctx, page.id)).mailDetail : undefined,
      ...(refused?.form ? { form: refused.form } : {}),
    };
    return sendReorderScreen(c, status, screen.canWrite, (script) => toAdminHtml(<PageScreen {...props} script={script} />));
  };

  routes.get(
    '/admin/pages',
    kit.allowed(READS, (c, who) => listScreen(c, who, 200)),
  );
  routes.post(
    '/admin/pages',
    kit.allowed(WRITES, async (c, who) => {
      const form = formOf(await readForm(c));
      let page: Page;
      try {
        page = await createPage(auditedContext(ctx, who, { action: 'page.created', subjectType: 'page' }), {
          name: form.name,
          slug: form.slug,
          timeZone: form.timeZone,
        });
      } catch (error) {
        const refusal = refusalOf(error, (path) => SETTINGS_FIELDS[path]);
        return listScreen(c, who, refusal.status === 404 ? 400 : refusal.status, { ...form, errors: refusal.fields });
      }
      return sendSeeOther(c, `${pathOf(page.id)}?notice=created`);
    }),
  );
  routes.get(
    '/admin/pages/:id',
    kit.allowed(READS, async (c, who) => {
      try {
        return await pageScreen(c, who, 200);
      } catch (error) {
        if (refusalOf(error).status === 404) return kit.notFound(c);
        throw error;
      }
    }),
  );

  /**
   * A change to one page, audited as `action`: on success to where `change` says (null: the page's
   * screen), else the page's screen with the refusal where the form was (`refusedAs`).
   */
  const pageChange = (
    suffix: string,
    action: string,
    change: (audited: typeof ctx, page: Page, fields: FormFields | null, who: StaffIdentity) => Promise<string | null>,
    refusedAs: (
      fields: FormFields | null,
      refusal: Refusal,
    ) => { form?: PageForm; kindState?: KindFormState; logoError?: string } = () => ({}),
  ) =>
    routes.post(
      `/admin/pages/:id${suffix}`,
      kit.allowed(WRITES, async (c, who) => {
        const id = c.req.param('id') ?? '';
        const fields = await readForm(c);
        let destination: string | null;
        try {
          const page = await getPage(ctx, id);
          destination = await change(auditedContext(ctx, who, { action, subjectType: 'page', subjectId: id }), page, fields, who);
        } catch (error) {
          const refusal = refusalOf(error, (path) => SETTINGS_FIELDS[path] ?? path);
          // Only the page itself can be missing: an unknown component, group or catalog type is a validation refusal.
          if (refusal.status === 404) return kit.notFound(c);
          return pageScreen(c, who, refusal.status, { ...refusedAs(fields, refusal), refusal });
        }
        return sendSeeOther(c, destination ?? pathOf(id));
      }),
    );

  pageChange('/mail-detail', 'page.mail_detail_set', async (audited, page, fields) => {
    const chosen = MailDetailSchema.safeParse(fields?.mailDetail);
    if (!chosen.success) throw invalid('mailDetail', 'Choose what the mails carry.');
    await setMailDetail(audited, page.id, chosen.data);
    return null;
  });

  pageChange(
    '',
    'page.updated',
    async (audited, page, fields) => {
      const form = formOf(fields);
      await updatePage(audited, page.id, {
        name: form.name,
        slug: form.slug,
        timeZone: form.timeZone,
        description: form.description,
        supportUrl: form.supportUrl,
        brandColor: form.brandColor,
        // An absent choice (an old form) leaves the page's as it is.
        ...(form.uptimeDisplay ? { uptimeDisplay: form.uptimeDisplay } : {}),
        ...(form.isDefault ? { isDefault: true } : {}),
      });
      return `${pathOf(page.id)}?notice=saved`;
    },
    (fields, refusal) => ({
      form: {
        ...formOf(fields),
        errors: Object.fromEntries(Object.entries(refusal.fields).filter(([key]) => Object.values(SETTINGS_FIELDS).includes(key as never))),
      },
    }),
  );

  const structureChange = (
    suffix: string,
    notice: string,
    next: (items: readonly PageItem[], key: string, fields: FormFields | null) => readonly PageItem[] | null,
  ) =>
    pageChange(`/structure/${suffix}`, 'page.structure_changed', async (audited, page, fields) => {
      const key = fieldText(fields, 'item', 300);
      const items = next(page.items, key, fields);
      if (items === null || items === page.items) return null;
      await setPageStructure(audited, page.id, [...items]);
      // No fragment after a move: a document with a target element skips `autofocus`, which keeps the focus on the moved row.
      return notice === 'moved'
        ? afterMove(pathOf(page.id), key, fieldText(fields, 'direction', 10))
        : `${pathOf(page.id)}?notice=${notice}#structure`;
    });

  structureChange('move', 'moved', (items, key, fields) => {
    const from = items.findIndex((item) => keyOf(item) === key);
    const to = from < 0 ? null : targetOf(from, { direction: fieldText(fields, 'direction', 10), to: fieldText(fields, 'to', 10) });
    return to === null ? null : moveItem(items, from, to);
  });
  structureChange('remove', 'removed', (items, key) => {
    const kept = items.filter((item) => keyOf(item) !== key);
    return kept.length === items.length ? null : kept;
  });
  structureChange('uptime', 'uptime', (items, key) =>
    items.some((item) => keyOf(item) === key)
      ? items.map((item) => (keyOf(item) === key ? { ...item, showUptime: !item.showUptime } : item))
      : null,
  );
  // The service refuses an unknown component or group, or one the page already shows (directly or in a group).
  structureChange('add', 'added', (items, key) => {
    const item = itemOf(key);
    return item === null ? null : [...items, item];
  });

  pageChange(
    '/logo',
    'page.logo_changed',
    async (audited, page, fields) => {
      const file = fields?.['logo'];
      if (!(file instanceof File) || file.size === 0) throw invalid('logo', 'choose an image file');
      await setPageLogo(audited, page.id, new Uint8Array(await file.arrayBuffer()));
      return `${pathOf(page.id)}?notice=logo#logo`;
    },
    (_fields, refusal) => ({ logoError: refusal.fields['logo'] ?? refusal.message }),
  );
  pageChange('/logo/remove', 'page.logo_removed', async (audited, page) => {
    await removePageLogo(audited, page.id);
    return `${pathOf(page.id)}?notice=logo-removed#logo`;
  });

  /** The binding a kind form chose: its ids, split from `typeId/attributeId[/attributeId]`. */
  const chosen = (fields: FormFields | null) => fieldText(fields, 'binding', 500).split('/');
  const kindState = (form: KindFormState['form']) => (fields: FormFields | null, refusal: Refusal) => ({
    kindState: {
      form,
      binding: fieldText(fields, 'binding', 500),
      newType: fieldText(fields, 'newType', 200),
      errors: {
        ...(refusal.fields['new_type.name'] ? { newType: refusal.fields['new_type.name'] } : {}),
        ...(refusal.fields['new_type.name'] ? {} : { binding: Object.values(refusal.fields)[0] ?? refusal.message }),
      },
    },
  });

  pageChange(
    '/parent',
    'page.made_parent',
    async (audited, page, fields) => {
      const [catalogTypeId = '', componentAttributeId = ''] = chosen(fields);
      await bindParentPage(audited, page.id, { catalogTypeId, componentAttributeId });
      return `${pathOf(page.id)}?notice=parent`;
    },
    kindState('parent'),
  );
  pageChange('/standalone', 'page.made_standalone', async (audited, page) => {
    await unbindParentPage(audited, page.id);
    return `${pathOf(page.id)}?notice=standalone`;
  });
  pageChange(
    '/customer-set',
    'page.made_customer_set',
    async (audited, page, fields, who) => {
      const [catalogTypeId = '', allowlistAttributeId = '', componentAttributeId = ''] = chosen(fields);
      const newType = fieldText(fields, 'newType', 400);
      const input = catalogTypeId ? { catalogTypeId, allowlistAttributeId, componentAttributeId } : { newType: { name: newType } };
      await bindCustomerPageSet(audited, page.id, input, staffActor(who.member.email));
      return `${pathOf(page.id)}?notice=customer-set`;
    },
    kindState('customer-set'),
  );
}
