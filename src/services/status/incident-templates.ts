import { notFound } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import type { Impact } from '../../domain/status/impact.js';
import {
  type IncidentTemplate,
  deleteIncidentTemplateRow,
  findIncidentTemplate,
  insertIncidentTemplate,
  listIncidentTemplates as listTemplateRows,
} from '../../store/status/incident-templates.js';
import type { ServiceContext } from '../context.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import { appendAudit } from '../sign-in/sign-in-audit.js';
import { MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH, checkText } from '../text-fields.js';
import { checkComponentRefs, isPlausibleId } from './component-refs.js';

export type { IncidentTemplate };

/** More than staff would keep; the declare screen lists them all. */
const MAX_TEMPLATES = 200;

export interface IncidentTemplateInput {
  name: string;
  message: string;
  impacts: { componentId: string; impact: Impact }[];
}

/** Audit actions of templates (STF-7). */
const TEMPLATE_ACTIONS = { created: 'incident_template.created', deleted: 'incident_template.deleted' } as const;

/**
 * Saves a template, audited with `actor` in the same transaction. No page shows templates, so the
 * write bumps no revision (`writeUnannounced`).
 */
export async function createIncidentTemplate(ctx: ServiceContext, input: IncidentTemplateInput, actor: string): Promise<IncidentTemplate> {
  const name = checkText('name', input.name, NAME_MAX_LENGTH);
  const message = checkText('message', input.message, MESSAGE_MAX_LENGTH);
  return writeUnannounced(ctx, async (tx) => {
    await checkComponentRefs(
      tx,
      input.impacts.map((change) => change.componentId),
      (i) => `components[${i}].component_id`,
    );
    const now = ctx.clock();
    const template: IncidentTemplate = { id: newId(), name, message, impacts: input.impacts.map((c) => ({ ...c })), createdAt: now };
    await insertIncidentTemplate(tx, template);
    await appendAudit(tx, now, [
      {
        actor,
        action: TEMPLATE_ACTIONS.created,
        subjectType: 'incident_template',
        subjectId: template.id,
        pageId: null,
        details: { name },
      },
    ]);
    return template;
  });
}

export async function deleteIncidentTemplate(ctx: ServiceContext, id: string, actor: string): Promise<void> {
  await writeUnannounced(ctx, async (tx) => {
    const template = isPlausibleId(id) ? await findIncidentTemplate(tx, id) : null;
    if (!template || !(await deleteIncidentTemplateRow(tx, id))) throw notFound('Incident template', id);
    const details = { name: template.name, message: template.message, impacts: template.impacts };
    await appendAudit(tx, ctx.clock(), [
      { actor, action: TEMPLATE_ACTIONS.deleted, subjectType: 'incident_template', subjectId: id, pageId: null, details },
    ]);
  });
}

export async function getIncidentTemplate(ctx: ServiceContext, id: string): Promise<IncidentTemplate> {
  const template = isPlausibleId(id) ? await findIncidentTemplate(ctx.database.db, id) : null;
  if (!template) throw notFound('Incident template', id);
  return template;
}

export async function listIncidentTemplates(ctx: ServiceContext): Promise<IncidentTemplate[]> {
  return listTemplateRows(ctx.database.db, MAX_TEMPLATES);
}
