import type { Impact } from '../../domain/status/impact.js';
import type { Selectable } from 'kysely';
import { fromDbTime, toDbTime } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';

/** A saved starting point for declaring an incident: its name, first message, and components with their impacts. */
export interface IncidentTemplate {
  id: string;
  name: string;
  message: string;
  impacts: { componentId: string; impact: Impact }[];
  createdAt: Date;
}

export async function insertIncidentTemplate(tx: Tx, template: IncidentTemplate): Promise<void> {
  await tx
    .insertInto('incident_templates')
    .values({
      id: template.id,
      name: template.name,
      message: template.message,
      impacts: JSON.stringify(template.impacts),
      created_at: toDbTime(template.createdAt),
    })
    .execute();
}

/** False when there was no such template. */
export async function deleteIncidentTemplateRow(tx: Tx, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('incident_templates').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

const toTemplate = (row: Selectable<Tables['incident_templates']>): IncidentTemplate => ({
  id: row.id,
  name: row.name,
  message: row.message,
  // Only the service writes this column, with checked impacts.
  impacts: JSON.parse(row.impacts) as IncidentTemplate['impacts'],
  createdAt: fromDbTime(row.created_at),
});

/** Templates by name; at most `limit` (staff keep a handful). */
export async function listIncidentTemplates(db: Queryable, limit: number): Promise<IncidentTemplate[]> {
  const rows = await db.selectFrom('incident_templates').selectAll().orderBy('name').orderBy('id').limit(limit).execute();
  return rows.map(toTemplate);
}

export async function findIncidentTemplate(db: Queryable, id: string): Promise<IncidentTemplate | null> {
  const row = await db.selectFrom('incident_templates').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toTemplate(row) : null;
}
