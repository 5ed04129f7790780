import type { SyncPlan, SyncPlanItem } from '../services/catalog/catalog-sync.js';

const NONE = '(none)';

/**
 * The diff of a sync as people read it, one entry per block, field by field:
 *
 *     + Customer umbrella "Umbrella"
 *         name: Umbrella
 *     ~ Customer acme "Acme Corporation"
 *         name: Acme Corp → Acme Corporation
 *     - Customer globex "Globex"
 *     crm-customers: 1 to create, 1 to change, 1 to delete, 2 unchanged
 */
export function formatSyncPlan(syncKey: string, plan: SyncPlan): string {
  const lines: string[] = [];
  const head = (mark: string, item: SyncPlanItem) => `${mark} ${item.typeName} ${item.externalId} ${JSON.stringify(item.name)}`;
  for (const item of plan.create) {
    lines.push(head('+', item), ...item.changes.map((c) => `    ${c.field}: ${c.after ?? NONE}`));
  }
  for (const item of plan.change) {
    lines.push(head('~', item), ...item.changes.map((c) => `    ${c.field}: ${c.before ?? NONE} → ${c.after ?? NONE}`));
  }
  for (const item of plan.delete) lines.push(head('-', item));
  for (const item of plan.stale) lines.push(`${head('!', item)}: no longer in the source; kept (pass --allow-delete to delete it)`);
  const isEmpty = plan.create.length + plan.change.length + plan.delete.length === 0;
  const counts = [
    `${plan.create.length} to create`,
    `${plan.change.length} to change`,
    `${plan.delete.length} to delete`,
    `${plan.unchanged} unchanged`,
  ];
  if (plan.stale.length > 0) counts.push(`${plan.stale.length} kept though gone from the source`);
  lines.push(`${syncKey}: ${isEmpty ? 'no changes; ' : ''}${counts.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
