import type { Component } from '../../domain/status/component.js';
import { notFound } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import {
  type ComponentListing,
  deleteComponentRow,
  findComponent,
  findComponentListings,
  insertComponent,
  loadAllComponents,
  searchComponents,
  setComponentArchived,
  updateComponentRow,
} from '../../store/status/components.js';
import type { NamePage, NameQuery } from '../../store/status/structure-listing.js';
import type { Queryable } from '../../store/transaction.js';
import { isPlausibleId } from './component-refs.js';
import { type ServiceContext, write } from '../context.js';
import { collectIssues, throwIfIssues } from '../field-issues.js';
import { NAME_MAX_LENGTH, checkOptionalText, checkText } from '../text-fields.js';

/** Descriptions of components, groups and pages are short blurbs shown under a name. */
export const BLURB_MAX_LENGTH = 2000;

export interface ComponentInput {
  name: string;
  description?: string | null;
}

export type ComponentPatch = Partial<ComponentInput>;

async function requireComponent(db: Queryable, id: string): Promise<Component> {
  const component = isPlausibleId(id) ? await findComponent(db, id) : null;
  if (!component) throw notFound('Component', id);
  return component;
}

/** Checks name and description, naming every bad field at once. */
function checkComponentFields(input: ComponentPatch): ComponentPatch {
  const checked: ComponentPatch = {};
  throwIfIssues(
    collectIssues([
      () => {
        if (input.name !== undefined) checked.name = checkText('name', input.name, NAME_MAX_LENGTH);
      },
      () => {
        if (input.description !== undefined) checked.description = checkOptionalText('description', input.description, BLURB_MAX_LENGTH);
      },
    ]),
  );
  return checked;
}

/** @example await createComponent(ctx, { name: 'API', description: 'Public REST API' }) */
export async function createComponent(ctx: ServiceContext, input: ComponentInput): Promise<Component> {
  const fields = checkComponentFields(input);
  const now = ctx.clock();
  const component: Component = { id: newId(), name: input.name, description: null, ...fields, createdAt: now, updatedAt: now };
  // The write answers the component, so an audit hook names what it created.
  return write(ctx, async (tx, changed) => {
    changed.structure();
    await insertComponent(tx, component);
    return component;
  });
}

export async function getComponent(ctx: ServiceContext, id: string): Promise<Component> {
  return requireComponent(ctx.database.db, id);
}

/** Every component in use (not archived), oldest first. */
export async function listComponents(ctx: ServiceContext): Promise<Component[]> {
  return loadAllComponents(ctx.database.db);
}

/** Changes only the fields present in `patch`. */
export async function updateComponent(ctx: ServiceContext, id: string, patch: ComponentPatch): Promise<Component> {
  const fields = checkComponentFields(patch);
  return write(ctx, async (tx, changed) => {
    changed.structure();
    const current = await requireComponent(tx, id);
    const next: Component = { ...current, ...fields, updatedAt: ctx.clock() };
    await updateComponentRow(tx, next);
    return next;
  });
}

/**
 * Deletes the component. Foreign keys take it out of every group, page structure, incident
 * update and maintenance window; the remaining items keep their order (positions may leave gaps,
 * which reads ignore and the next structure write closes).
 */
export async function deleteComponent(ctx: ServiceContext, id: string): Promise<void> {
  // Foreign keys reach into incidents and maintenance windows too: nothing short of a full reload is exact.
  await write(ctx, async (tx, changed) => {
    changed.everything();
    await requireComponent(tx, id);
    await deleteComponentRow(tx, id);
  });
}

/** One page of components by name, in use or archived, optionally those whose name contains `query.text` (the dashboard's list). */
export async function findComponentsPage(ctx: ServiceContext, query: NameQuery): Promise<NamePage<ComponentListing>> {
  return searchComponents(ctx.database.db, query);
}

/** The components among `ids`, archived ones included, keyed by id (ids that name none are left out). */
export async function findComponentsById(ctx: ServiceContext, ids: readonly string[]): Promise<Map<string, ComponentListing>> {
  return findComponentListings(ctx.database.db, ids.filter(isPlausibleId));
}

/**
 * Archives the component: it leaves every page, sub-page and customer page at once (the live state
 * holds only components in use) but keeps its place in groups and page structures, and incidents
 * and maintenance windows keep naming it. `restoreComponent` brings it back where it was.
 */
export async function archiveComponent(ctx: ServiceContext, id: string): Promise<Component> {
  return setArchived(ctx, id, true);
}

/** Puts an archived component back in use, in the groups and structures that still place it. */
export async function restoreComponent(ctx: ServiceContext, id: string): Promise<Component> {
  return setArchived(ctx, id, false);
}

async function setArchived(ctx: ServiceContext, id: string, archived: boolean): Promise<Component> {
  return write(ctx, async (tx, changed) => {
    changed.structure();
    const current = await requireComponent(tx, id);
    const now = ctx.clock();
    await setComponentArchived(tx, id, archived ? now : null, now);
    return { ...current, updatedAt: now };
  });
}
