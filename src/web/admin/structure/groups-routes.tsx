import type { Context, Hono } from 'hono';
import { roleMay } from '../../../domain/access/staff-role.js';
import type { Group } from '../../../domain/status/component.js';
import { findComponentsById, findComponentsPage } from '../../../services/status/components.js';
import {
  archiveGroup,
  createGroup,
  findGroupsArchivedAt,
  findGroupsPage,
  getGroup,
  restoreGroup,
  updateGroup,
} from '../../../services/status/groups.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';
import { readForm } from '../../customer/form-body.js';
import { sendSeeOther } from '../../customer/respond.js';
import { type AdminKit, viewerOf } from '../admin-kit.js';
import { ADMIN_ASSETS, toAdminHtml } from '../render.js';
import type { ComponentForm } from './components-view.js';
import { fieldText, listQueryOf, nextPageHref } from './form-input.js';
import { GroupScreen, GroupsScreen } from './groups-view.js';
import { type Refusal, refusalOf } from './refusal.js';
import { moveItem, targetOf } from './reorder.js';
import { auditedContext } from './structure-audit.js';
import { afterMove, movedOf, sendReorderScreen } from './structure-screen.js';

const READS = { resource: 'groups', writes: false } as const;
/** STF-3: admins only. */
const WRITES = { resource: 'groups', writes: true } as const;

const NOTICES: Readonly<Record<string, string>> = {
  created: 'Group created.',
  saved: 'Group saved.',
  archived: 'Group archived: pages that place it no longer show it.',
  restored: 'Group restored.',
  moved: 'Order saved.',
  added: 'Component added to the group.',
  removed: 'Component taken out of the group.',
};

const FIELDS = new Set(['name', 'description']);
const fieldOf = (path: string) => (FIELDS.has(path) ? path : undefined);
/** Matches offered by the picker. */
const PICKS = 20;

const formOf = (fields: Awaited<ReturnType<typeof readForm>>): ComponentForm => ({
  name: fieldText(fields, 'name', 400),
  description: fieldText(fields, 'description', 4000),
  errors: {},
});

/** `/admin/groups`: list, create, edit, archive and restore groups, and arrange their members. */
export function mountGroupScreens(routes: Hono, kit: AdminKit): void {
  const { ctx } = kit.deps;
  const pathOf = (id: string) => `/admin/groups/${encodeURIComponent(id)}`;
  const base = (c: Context, who: StaffIdentity) => ({
    viewer: viewerOf(who),
    assets: ADMIN_ASSETS,
    canWrite: roleMay(who.member.role, WRITES),
    notice: ((text) => (text ? { text } : undefined))(kit.notice(c, NOTICES)),
  });

  const listScreen = async (c: Context, who: StaffIdentity, status: 200 | 400 | 409 | 422, form?: ComponentForm) => {
    const query = listQueryOf((name) => c.req.query(name));
    const page = await findGroupsPage(ctx, query);
    const props = { ...base(c, who), items: page.items, text: query.text, archived: query.archived };
    const nextHref = nextPageHref('/admin/groups', query, page.next);
    return kit.html(c, status, toAdminHtml(<GroupsScreen {...props} nextHref={nextHref} {...(form ? { form } : {})} />));
  };

  const groupScreen = async (
    c: Context,
    who: StaffIdentity,
    status: 200 | 400 | 409 | 422,
    refused?: { form?: ComponentForm; refusal: Refusal },
  ) => {
    const id = c.req.param('id') ?? '';
    const archivedAt = (await findGroupsArchivedAt(ctx, [id])).get(id);
    if (archivedAt === undefined) return kit.notFound(c);
    const group = await getGroup(ctx, id);
    const members = await findComponentsById(ctx, group.componentIds);
    const text = (c.req.query('find') ?? '').slice(0, 200);
    const matches = text
      ? (await findComponentsPage(ctx, { text, archived: false, limit: PICKS * 2 })).items
          .filter((m) => !group.componentIds.includes(m.id))
          .slice(0, PICKS)
      : [];
    const screen = base(c, who);
    // A refused member change names its reason by the picker; a refused form, under its fields.
    const error = refused && !refused.form ? refused.refusal.message || Object.values(refused.refusal.fields)[0] : undefined;
    const props = { ...screen, group, archivedAt, members, find: { text, matches, error }, moved: movedOf(c) };
    return sendReorderScreen(c, status, props.canWrite, (script) =>
      toAdminHtml(<GroupScreen {...props} {...(refused?.form ? { form: refused.form } : {})} script={script} />),
    );
  };

  routes.get(
    '/admin/groups',
    kit.allowed(READS, (c, who) => listScreen(c, who, 200)),
  );
  routes.post(
    '/admin/groups',
    kit.allowed(WRITES, async (c, who) => {
      const form = formOf(await readForm(c));
      try {
        await createGroup(auditedContext(ctx, who, { action: 'group.created', subjectType: 'group' }), form);
      } catch (error) {
        const refusal = refusalOf(error, fieldOf);
        return listScreen(c, who, refusal.status === 404 ? 400 : refusal.status, { ...form, errors: refusal.fields });
      }
      return sendSeeOther(c, '/admin/groups?notice=created');
    }),
  );
  routes.get(
    '/admin/groups/:id',
    kit.allowed(READS, (c, who) => groupScreen(c, who, 200)),
  );

  /** A change to one group: audited as `action`, then back to its screen with `notice`, or the refusal there. */
  const groupChange = (
    suffix: string,
    action: string,
    change: (audited: typeof ctx, group: Group, fields: Awaited<ReturnType<typeof readForm>>) => Promise<string | null>,
    keepsForm = false,
  ) =>
    routes.post(
      `/admin/groups/:id${suffix}`,
      kit.allowed(WRITES, async (c, who) => {
        const id = c.req.param('id') ?? '';
        const fields = await readForm(c);
        let destination: string | null;
        try {
          const group = await getGroup(ctx, id);
          destination = await change(auditedContext(ctx, who, { action, subjectType: 'group', subjectId: id }), group, fields);
        } catch (error) {
          const refusal = refusalOf(error, fieldOf);
          // Only the group itself can be missing: a component that is not there is a validation refusal.
          if (refusal.status === 404) return kit.notFound(c);
          const form = keepsForm ? { form: { ...formOf(fields), errors: refusal.fields }, refusal } : { refusal };
          return groupScreen(c, who, refusal.status, form);
        }
        if (destination === null) return sendSeeOther(c, pathOf(id));
        return sendSeeOther(c, destination);
      }),
    );

  groupChange(
    '',
    'group.updated',
    async (audited, group, fields) => {
      const form = formOf(fields);
      await updateGroup(audited, group.id, { name: form.name, description: form.description });
      return `${pathOf(group.id)}?notice=saved`;
    },
    true,
  );
  groupChange('/archive', 'group.archived', async (audited, group) => {
    await archiveGroup(audited, group.id);
    return `${pathOf(group.id)}?notice=archived`;
  });
  groupChange('/restore', 'group.restored', async (audited, group) => {
    await restoreGroup(audited, group.id);
    return `${pathOf(group.id)}?notice=restored`;
  });
  groupChange('/members/move', 'group.members_changed', async (audited, group, fields) => {
    const item = fieldText(fields, 'item', 200);
    const from = group.componentIds.indexOf(item);
    const direction = fieldText(fields, 'direction', 10);
    const to = from < 0 ? null : targetOf(from, { direction, to: fieldText(fields, 'to', 10) });
    if (to === null) return null;
    const next = moveItem(group.componentIds, from, to);
    if (next !== group.componentIds) await updateGroup(audited, group.id, { componentIds: [...next] });
    return afterMove(pathOf(group.id), item, direction);
  });
  groupChange('/members/remove', 'group.members_changed', async (audited, group, fields) => {
    const item = fieldText(fields, 'item', 200);
    if (!group.componentIds.includes(item)) return null;
    await updateGroup(audited, group.id, { componentIds: group.componentIds.filter((id) => id !== item) });
    return `${pathOf(group.id)}?notice=removed`;
  });
  groupChange('/members/add', 'group.members_changed', async (audited, group, fields) => {
    const item = fieldText(fields, 'item', 200).replace(/^component:/, '');
    // The service names an unknown or repeated component (and a page it would place twice).
    await updateGroup(audited, group.id, { componentIds: [...group.componentIds, item] });
    return `${pathOf(group.id)}?notice=added`;
  });
}
