import type { Context, Hono } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { roleMay } from '../../../domain/access/staff-role.js';
import type { ServiceContext } from '../../../services/context.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';
import type { NamePage, NameQuery } from '../../../store/status/structure-listing.js';
import { type FormFields, readForm } from '../../customer/form-body.js';
import { sendSeeOther } from '../../customer/respond.js';
import { type AdminKit, viewerOf } from '../admin-kit.js';
import { ADMIN_ASSETS, toAdminHtml } from '../render.js';
import type { ArchivableKind, ItemForm, ItemScreenProps, ListScreenProps } from './archivable-view.js';
import { fieldText, listQueryOf, nextPageHref } from './form-input.js';
import { type Refusal, refusalOf } from './refusal.js';
import { auditedContext } from './structure-audit.js';

type ScreenStatus = 200 | 400 | 409 | 422;

/** What one kind's screens need of its services and views (components, groups). */
export interface ArchivableScreens<Item> {
  kind: ArchivableKind;
  resource: 'components' | 'groups';
  subjectType: 'component' | 'group';
  /** The texts of `?notice=` after a change. */
  notices: Readonly<Record<string, string>>;
  findPage(ctx: ServiceContext, query: NameQuery): Promise<NamePage<Item>>;
  create(ctx: ServiceContext, input: { name: string; description: string }): Promise<unknown>;
  update(ctx: ServiceContext, id: string, patch: { name: string; description: string }): Promise<unknown>;
  archive(ctx: ServiceContext, id: string): Promise<unknown>;
  restore(ctx: ServiceContext, id: string): Promise<unknown>;
  listScreen(props: ListScreenProps<Item>): JSX.Element;
  /** The screen of the item `:id` names, with `screen`'s props, or the not-found page; `refusal`: a refused change not made by its form. */
  itemScreen(c: Context, who: StaffIdentity, status: ScreenStatus, screen: ItemScreenProps, refusal?: Refusal): Promise<Response>;
}

/** A refused write, with the form as sent when it was the item's form that was refused. */
export interface Refused {
  form?: ItemForm;
  refusal: Refusal;
}

const itemFormOf = (fields: FormFields | null): ItemForm => ({
  name: fieldText(fields, 'name', 400),
  description: fieldText(fields, 'description', 4000),
  errors: {},
});

const FIELDS = new Set(['name', 'description']);
/** The item form's fields; any other issue is the screen's message. */
export const itemFieldOf = (path: string) => (FIELDS.has(path) ? path : undefined);

/**
 * A kind's list (searched and paged in the store), create, edit, archive and restore: everyone
 * signed in reads them, only those whose role writes the kind change them (STF-3), each change
 * audited with its actor (STF-7). Answers the item's screen as a refused change shows it, for
 * the kind's own routes.
 */
export function mountArchivableScreens<Item>(routes: Hono, kit: AdminKit, screens: ArchivableScreens<Item>) {
  const { ctx } = kit.deps;
  const { kind, subjectType } = screens;
  const reads = { resource: screens.resource, writes: false } as const;
  const writes = { resource: screens.resource, writes: true } as const;
  const itemPath = (id: string) => `${kind.path}/${encodeURIComponent(id)}`;
  const audited = (who: StaffIdentity, verb: string, subjectId?: string) =>
    auditedContext(ctx, who, { action: `${subjectType}.${verb}`, subjectType, ...(subjectId === undefined ? {} : { subjectId }) });

  const screenOf = (c: Context, who: StaffIdentity) => {
    const notice = kit.notice(c, screens.notices);
    return {
      viewer: viewerOf(who),
      assets: ADMIN_ASSETS,
      canWrite: roleMay(who.member.role, writes),
      notice: notice ? { text: notice } : undefined,
    };
  };

  const listScreen = async (c: Context, who: StaffIdentity, status: ScreenStatus, form?: ItemForm) => {
    const query = listQueryOf((name) => c.req.query(name));
    const page = await screens.findPage(ctx, query);
    const props = { ...screenOf(c, who), items: page.items, text: query.text, archived: query.archived };
    const nextHref = nextPageHref(kind.path, query, page.next);
    return kit.html(c, status, toAdminHtml(screens.listScreen({ ...props, nextHref, ...(form ? { form } : {}) })));
  };

  /** The item's screen; a refused form keeps what was sent, with its errors in place and the rest of the refusal above. */
  const itemScreen = (c: Context, who: StaffIdentity, status: ScreenStatus, refused?: Refused) => {
    const screen: ItemScreenProps = screenOf(c, who);
    if (refused?.form) {
      screen.form = refused.form;
      if (refused.refusal.message) screen.notice = { text: refused.refusal.message, error: true };
    }
    return screens.itemScreen(c, who, status, screen, refused && !refused.form ? refused.refusal : undefined);
  };

  routes.get(
    kind.path,
    kit.allowed(reads, (c, who) => listScreen(c, who, 200)),
  );
  routes.post(
    kind.path,
    kit.allowed(writes, async (c, who) => {
      const form = itemFormOf(await readForm(c));
      try {
        await screens.create(audited(who, 'created'), { name: form.name, description: form.description });
      } catch (error) {
        const refusal = refusalOf(error, itemFieldOf);
        return listScreen(c, who, refusal.status === 404 ? 400 : refusal.status, { ...form, errors: refusal.fields });
      }
      return sendSeeOther(c, `${kind.path}?notice=created`);
    }),
  );
  routes.get(
    `${kind.path}/:id`,
    kit.allowed(reads, (c, who) => itemScreen(c, who, 200)),
  );

  /** A change to one item: audited as `<kind>.<verb>`, then back to its screen with the notice, or the refusal there. */
  const itemChange = (
    suffix: string,
    verb: string,
    change: (audited: ServiceContext, id: string, fields: FormFields | null) => Promise<unknown>,
  ) =>
    routes.post(
      `${kind.path}/:id${suffix}`,
      kit.allowed(writes, async (c, who) => {
        const id = c.req.param('id') ?? '';
        const fields = await readForm(c);
        try {
          await change(audited(who, verb, id), id, fields);
        } catch (error) {
          const refusal = refusalOf(error, itemFieldOf);
          if (refusal.status === 404) return kit.notFound(c);
          return itemScreen(
            c,
            who,
            refusal.status,
            suffix === '' ? { form: { ...itemFormOf(fields), errors: refusal.fields }, refusal } : { refusal },
          );
        }
        return sendSeeOther(c, `${itemPath(id)}?notice=${verb === 'updated' ? 'saved' : verb}`);
      }),
    );
  itemChange('', 'updated', (audited, id, fields) => {
    const form = itemFormOf(fields);
    return screens.update(audited, id, { name: form.name, description: form.description });
  });
  itemChange('/archive', 'archived', (audited, id) => screens.archive(audited, id));
  itemChange('/restore', 'restored', (audited, id) => screens.restore(audited, id));

  return { itemScreen, itemPath };
}
