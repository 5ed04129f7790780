import type { Context, Hono } from 'hono';
import { roleMay } from '../../../domain/access/staff-role.js';
import {
  archiveComponent,
  createComponent,
  findComponentsById,
  findComponentsPage,
  restoreComponent,
  updateComponent,
} from '../../../services/status/components.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';
import { readForm } from '../../customer/form-body.js';
import { sendSeeOther } from '../../customer/respond.js';
import { type AdminKit, viewerOf } from '../admin-kit.js';
import { ADMIN_ASSETS, toAdminHtml } from '../render.js';
import { type ComponentForm, ComponentScreen, ComponentsScreen } from './components-view.js';
import { fieldText, listQueryOf, nextPageHref } from './form-input.js';
import { refusalOf } from './refusal.js';
import { auditedContext } from './structure-audit.js';

const READS = { resource: 'components', writes: false } as const;
/** STF-3: admins only. */
const WRITES = { resource: 'components', writes: true } as const;

const NOTICES: Readonly<Record<string, string>> = {
  created: 'Component created. Place it on a page from the Pages screen.',
  saved: 'Component saved.',
  archived: 'Component archived: it is on no page now.',
  restored: 'Component restored.',
};

const formOf = (fields: Awaited<ReturnType<typeof readForm>>): ComponentForm => ({
  name: fieldText(fields, 'name', 400),
  description: fieldText(fields, 'description', 4000),
  errors: {},
});

const FIELDS = new Set(['name', 'description']);

/** `/admin/components`: list (searched and paged in the store), create, edit, archive and restore components. */
export function mountComponentScreens(routes: Hono, kit: AdminKit): void {
  const { ctx } = kit.deps;
  const base = (c: Context, who: StaffIdentity) => ({
    viewer: viewerOf(who),
    assets: ADMIN_ASSETS,
    canWrite: roleMay(who.member.role, WRITES),
    notice: ((text) => (text ? { text } : undefined))(kit.notice(c, NOTICES)),
  });

  const listScreen = async (c: Context, who: StaffIdentity, status: 200 | 400 | 409 | 422, form?: ComponentForm) => {
    const query = listQueryOf((name) => c.req.query(name));
    const page = await findComponentsPage(ctx, query);
    const props = { ...base(c, who), items: page.items, text: query.text, archived: query.archived };
    const nextHref = nextPageHref('/admin/components', query, page.next);
    return kit.html(c, status, toAdminHtml(<ComponentsScreen {...props} nextHref={nextHref} {...(form ? { form } : {})} />));
  };

  const editScreen = async (c: Context, who: StaffIdentity, status: 200 | 400 | 409 | 422, form?: ComponentForm, error?: string) => {
    const id = c.req.param('id') ?? '';
    const component = (await findComponentsById(ctx, [id])).get(id);
    if (!component) return kit.notFound(c);
    const props = { ...base(c, who), component, ...(form ? { form } : {}) };
    return kit.html(c, status, toAdminHtml(<ComponentScreen {...props} {...(error ? { notice: { text: error, error: true } } : {})} />));
  };

  routes.get(
    '/admin/components',
    kit.allowed(READS, (c, who) => listScreen(c, who, 200)),
  );
  routes.post(
    '/admin/components',
    kit.allowed(WRITES, async (c, who) => {
      const form = formOf(await readForm(c));
      try {
        const audited = auditedContext(ctx, who, { action: 'component.created', subjectType: 'component' });
        await createComponent(audited, { name: form.name, description: form.description });
      } catch (error) {
        const refusal = refusalOf(error, (path) => (FIELDS.has(path) ? path : undefined));
        return listScreen(c, who, refusal.status === 404 ? 400 : refusal.status, { ...form, errors: refusal.fields });
      }
      return sendSeeOther(c, '/admin/components?notice=created');
    }),
  );
  routes.get(
    '/admin/components/:id',
    kit.allowed(READS, (c, who) => editScreen(c, who, 200)),
  );
  routes.post(
    '/admin/components/:id',
    kit.allowed(WRITES, async (c, who) => {
      const id = c.req.param('id') ?? '';
      const form = formOf(await readForm(c));
      try {
        const audited = auditedContext(ctx, who, { action: 'component.updated', subjectType: 'component', subjectId: id });
        await updateComponent(audited, id, { name: form.name, description: form.description });
      } catch (error) {
        const refusal = refusalOf(error, (path) => (FIELDS.has(path) ? path : undefined));
        if (refusal.status === 404) return kit.notFound(c);
        return editScreen(c, who, refusal.status, { ...form, errors: refusal.fields }, refusal.message || undefined);
      }
      return sendSeeOther(c, `/admin/components/${encodeURIComponent(id)}?notice=saved`);
    }),
  );

  for (const [verb, change] of [
    ['archive', archiveComponent],
    ['restore', restoreComponent],
  ] as const) {
    routes.post(
      `/admin/components/:id/${verb}`,
      kit.allowed(WRITES, async (c, who) => {
        const id = c.req.param('id') ?? '';
        try {
          await change(auditedContext(ctx, who, { action: `component.${verb}d`, subjectType: 'component', subjectId: id }), id);
        } catch (error) {
          if (refusalOf(error).status === 404) return kit.notFound(c);
          throw error;
        }
        return sendSeeOther(c, `/admin/components/${encodeURIComponent(id)}?notice=${verb}d`);
      }),
    );
  }
}
