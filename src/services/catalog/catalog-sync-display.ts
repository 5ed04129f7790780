import { type AttributeValue, listValues } from '../../domain/catalog/catalog.js';
import type { EntryFieldChange } from '../../domain/catalog/catalog-entry-diff.js';
import type { CatalogEntryRecord } from '../../store/catalog/catalog-entries.js';
import type { CatalogState } from './catalog-entry-batch.js';

/** A field change as people read it: attribute names instead of ids, referenced entries by external id, components by name. */
export interface DisplayChange {
  field: string;
  /** null when the field was (or becomes) empty. */
  before: string | null;
  after: string | null;
}

/**
 * Describes changes for a diff listing. `entries` must hold every entry a value may refer to,
 * including ones created in the same write.
 */
export function describeChanges(
  changes: readonly EntryFieldChange[],
  typeId: string,
  state: CatalogState,
  entries: readonly CatalogEntryRecord[],
): DisplayChange[] {
  const type = state.types.find((t) => t.id === typeId);
  const entriesById = new Map(entries.map((e) => [e.id, e]));
  const componentsById = new Map(state.components.map((c) => [c.id, c]));
  return changes.map((change) => {
    const attributeId = change.field.startsWith('values.') ? change.field.slice('values.'.length) : null;
    const attribute = attributeId === null ? undefined : type?.attributes.find((a) => a.id === attributeId);
    const describeScalar = (value: unknown): string => {
      if (attribute?.kind === 'entry' && typeof value === 'string') return entriesById.get(value)?.externalId ?? value;
      if (attribute?.kind === 'component' && typeof value === 'string') return componentsById.get(value)?.name ?? value;
      return typeof value === 'string' ? value : JSON.stringify(value);
    };
    const describe = (value: unknown): string | null => {
      if (value === undefined || value === null) return null;
      if (Array.isArray(value))
        return value.length === 0
          ? null
          : `[${listValues(value as AttributeValue)
              .map(describeScalar)
              .join(', ')}]`;
      return describeScalar(value);
    };
    return {
      field: attributeId === null ? change.field : `values.${attribute?.name ?? attributeId}`,
      before: describe(change.before),
      after: describe(change.after),
    };
  });
}
