import type { Component } from '../../domain/status/component.js';
import { notFound } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import {
  deleteComponentRow,
  findComponent,
  insertComponent,
  loadAllComponents,
  updateComponentRow,
} from '../../store/status/components.js';
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

/** Every component, oldest first. */
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
