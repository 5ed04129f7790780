import { expect, it } from 'vitest';
import { seedCustomerPages } from '../../../test/helpers/customer-pages.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { updateCatalogEntry } from '../catalog/catalog-entries.js';
import { createSnapshotDirectory } from './snapshot-directory.js';
import { loadSnapshot } from './snapshot-loader.js';
import { type PageKindsIndex, buildPageKindsIndex } from '../../domain/pages/page-kinds-index.js';

describeEachEngine('createSnapshotDirectory', (database) => {
  it('answers from whatever snapshot `read` gives the index of, so an allowlist change counts from the next snapshot on', async () => {
    const { ctx } = buildTestContext(database());
    const seeded = await seedCustomerPages(ctx, 'https://status.example.com');
    let kinds: PageKindsIndex | undefined;
    const directory = createSnapshotDirectory(() => kinds);
    expect(directory.find(seeded.acme.customerPageId)).toBeNull();
    expect(directory.revision).toBe(-1);

    kinds = buildPageKindsIndex(await loadSnapshot(ctx.database, ctx.clock));
    const acme = directory.find(seeded.acme.customerPageId);
    expect(acme).toMatchObject({ id: seeded.acme.customerPageId, name: 'Acme Corp', path: seeded.acme.path });
    expect(acme?.allowlist.map((d) => d.domain).sort()).toEqual(['acme-corp.com', 'acme-labs.com']);
    expect(directory.find(seeded.acme.customerPageId)).toBe(acme);
    expect(directory.find('nosuchpage000000')).toBeNull();
    expect(directory.revision).toBe(kinds.snapshot.revision);

    await updateCatalogEntry(ctx, seeded.acme.entryId, { values: { email_domains: ['acme-corp.com'] } }, { actor: 'test' });
    expect(directory.find(seeded.acme.customerPageId)?.allowlist).toHaveLength(2);
    kinds = buildPageKindsIndex(await loadSnapshot(ctx.database, ctx.clock));
    expect(directory.find(seeded.acme.customerPageId)?.allowlist.map((d) => d.domain)).toEqual(['acme-corp.com']);
  });
});
