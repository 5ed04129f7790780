import { describe, expect, it } from 'vitest';
import { buildSnapshot, catalogType, customerSet, entry } from '../../test/helpers/page-kinds-snapshot.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { CustomerPageAccess } from './customer-page-directory.js';
import { createSnapshotCustomerPageDirectory } from './snapshot-customer-directory.js';

const build = (domains: string[], revision: number): Snapshot => ({
  ...buildSnapshot({
    pages: [customerSet('customers', [])],
    types: [catalogType('customer')],
    entries: [entry('acme', 'customer', { domains }, { name: 'Acme' })],
    customerPages: [{ id: 'cp', pageId: 'customers', entryId: 'acme', urlToken: 'tok' }],
  }),
  revision,
});

describe('createSnapshotCustomerPageDirectory', () => {
  it('reads the snapshot held now on every call', () => {
    let current: Snapshot | undefined;
    const directory = createSnapshotCustomerPageDirectory(() => current);
    expect(directory.find('cp')).toBeNull();
    expect(directory.revision).toBe(0);

    current = build(['acme.com', 'acme.org'], 5);
    const found: CustomerPageAccess | null = directory.find('cp');
    expect(found).toMatchObject({ id: 'cp', name: 'Acme', path: '/c/tok' });
    expect(found?.allowlist.map((d) => d.domain)).toEqual(['acme.com', 'acme.org']);
    expect(directory.revision).toBe(5);

    current = build(['acme.org'], 6);
    expect(directory.find('cp')?.allowlist.map((d) => d.domain)).toEqual(['acme.org']);
    current = build([], 7);
    expect(directory.find('cp')).toBeNull();
  });
});
