import type { Hono } from 'hono';
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
import { type FormFields, readForm } from '../../customer/form-body.js';
import { sendSeeOther } from '../../customer/respond.js';
import type { AdminKit } from '../admin-kit.js';
import { toAdminHtml } from '../render.js';
import { itemFieldOf, mountArchivableScreens } from './archivable-routes.js';
import { fieldText } from './form-input.js';
import { GROUPS, GroupScreen, GroupsScreen } from './groups-view.js';
import { refusalOf } from './refusal.js';
import { moveItem, targetOf } from './reorder.js';
import { auditedContext } from './structure-audit.js';
import { afterMove, movedOf, sendReorderScreen } from './structure-screen.js';

/** STF-3: admins only. */
const WRITES = { resource: 'groups', writes: true } as const;
/** Matches offered by the picker. */
const PICKS = 20;

/** `/admin/groups`: list, create, edit, archive and restore groups, and arrange their members. */
export function mountGroupScreens(routes: Hono, kit: AdminKit): void {
  const { ctx } = kit.deps;
  const { itemScreen, itemPath } = mountArchivableScreens(routes, kit, {
    kind: GROUPS,
    /** STF-3: admins only write them. */
    resource: 'groups',
    subjectType: 'group',
    notices: {
      created: 'Group created.',
      saved: 'Group saved.',
      archived: 'Group archived: pages that place it no longer show it.',
      restored: 'Group restored.',
      moved: 'Order saved.',
      added: 'Component added to the group.',
      removed: 'Component taken out of the group.',
    },
    findPage: findGroupsPage,
    create: createGroup,
    update: updateGroup,
    archive: archiveGroup,
    restore: restoreGroup,
    listScreen: (props) => <GroupsScreen {...props} />,
    itemScreen: async (c, _who, status, screen, refusal) => {
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
      // A refused member change names its reason by the picker.
      const error = refusal ? refusal.message || Object.values(refusal.fields)[0] : undefined;
      const props = { ...screen, group, archivedAt, members, find: { text, matches, error }, moved: movedOf(c) };
      return sendReorderScreen(c, status, props.canWrite, (script) => toAdminHtml(<GroupScreen {...props} script={script} />));
    },
  });

  /** A change to the members of one group: audited, then back to its screen with `notice`, or the refusal there. */
  const membersChange = (
    suffix: string,
    change: (audited: typeof ctx, group: Group, fields: FormFields | null) => Promise<string | null>,
  ) =>
    routes.post(
      `/admin/groups/:id/members${suffix}`,
      kit.allowed(WRITES, async (c, who) => {
        const id = c.req.param('id') ?? '';
        const fields = await readForm(c);
        let destination: string | null;
        try {
          const group = await getGroup(ctx, id);
          destination = await change(
            auditedContext(ctx, who, { action: 'group.members_changed', subjectType: 'group', subjectId: id }),
            group,
            fields,
          );
        } catch (error) {
          const refusal = refusalOf(error, itemFieldOf);
          // Only the group itself can be missing: a component that is not there is a validation refusal.
          if (refusal.status === 404) return kit.notFound(c);
          return itemScreen(c, who, refusal.status, { refusal });
        }
        return sendSeeOther(c, destination ?? itemPath(id));
      }),
    );

  membersChange('/move', async (audited, group, fields) => {
    const item = fieldText(fields, 'item', 200);
    const from = group.componentIds.indexOf(item);
    const direction = fieldText(fields, 'direction', 10);
    const to = from < 0 ? null : targetOf(from, { direction, to: fieldText(fields, 'to', 10) });
    if (to === null) return null;
    const next = moveItem(group.componentIds, from, to);
    if (next !== group.componentIds) await updateGroup(audited, group.id, { componentIds: [...next] });
    return afterMove(itemPath(group.id), item, direction);
  });
  membersChange('/remove', async (audited, group, fields) => {
    const item = fieldText(fields, 'item', 200);
    if (!group.componentIds.includes(item)) return null;
    await updateGroup(audited, group.id, { componentIds: group.componentIds.filter((id) => id !== item) });
    return `${itemPath(group.id)}?notice=removed`;
  });
  membersChange('/add', async (audited, group, fields) => {
    const item = fieldText(fields, 'item', 200).replace(/^component:/, '');
    // The service names an unknown or repeated component (and a page it would place twice).
    await updateGroup(audited, group.id, { componentIds: [...group.componentIds, item] });
    return `${itemPath(group.id)}?notice=added`;
  });
}
