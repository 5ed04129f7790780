import { describe, expect, it } from 'vitest';
import { buildPageKindsIndex } from './page-kinds-index.js';
import { buildSnapshot, catalogType, component, customerSet, entry, single } from '../../../test/helpers/page-kinds-snapshot.js';
import { type CanonicalEmail, canonicaliseEmail } from '../access/email-address.js';
import { explainAccess, nearMissOf } from './customer-page-access.js';

const email = (text: string): CanonicalEmail => {
  const result = canonicaliseEmail(text);
  if (!result.ok) throw new Error(result.reason);
  return result.address;
};

const exact = (domain: string) => ({ domain, unicodeDomain: domain, wildcard: false });
const wildcard = (domain: string) => ({ domain, unicodeDomain: domain, wildcard: true });

describe('nearMissOf (DOM-4, DOM-5)', () => {
  it('names why a related entry refuses, and nothing for unrelated or dot-boundary look-alikes', () => {
    expect(nearMissOf('eu.acme.com', exact('acme.com'))).toBe('exact_entry');
    expect(nearMissOf('acme.io', wildcard('acme.io'))).toBe('wildcard_entry');
    expect(nearMissOf('acme.com', exact('eu.acme.com'))).toBe('narrower_entry');
    expect(nearMissOf('acme.com', wildcard('eu.acme.com'))).toBe('narrower_entry');
    expect(nearMissOf('evilacme.com', exact('acme.com'))).toBeNull();
    expect(nearMissOf('acme.com.evil.com', exact('acme.com'))).toBeNull();
    expect(nearMissOf('globex.com', exact('acme.com'))).toBeNull();
  });
});

describe('explainAccess', () => {
  const snapshot = buildSnapshot({
    components: ['api'].map(component),
    pages: [customerSet('customers', [single('api')])],
    types: [catalogType('customer')],
    entries: [
      entry('acme', 'customer', { domains: ['acme.com', '*.acme.io'] }, { name: 'Acme Corp' }),
      entry('acme-eu', 'customer', { domains: ['eu.acme.com'] }, { name: 'Acme EU', rank: 1 }),
      entry('empty', 'customer', {}, { name: 'Initech', rank: 2 }),
    ],
    customerPages: [
      { id: 'cp-acme', pageId: 'customers', entryId: 'acme', urlToken: 'tok-acme' },
      { id: 'cp-acme-eu', pageId: 'customers', entryId: 'acme-eu', urlToken: 'tok-acme-eu' },
      { id: 'cp-empty', pageId: 'customers', entryId: 'empty', urlToken: 'tok-empty' },
    ],
  });

  const kinds = buildPageKindsIndex(snapshot);

  it('gives the grants with their entry, and the near misses with the entry and the reason; pages serving nothing are left out', () => {
    const atAcme = explainAccess(kinds, email('alice@acme.com'));
    expect(atAcme.grants.map((grant) => [grant.customerPageId, grant.matchedDomain.domain])).toEqual([['cp-acme', 'acme.com']]);
    expect(atAcme.nearMisses.map((miss) => [miss.state.customerPage.id, miss.entry.domain, miss.reason])).toEqual([
      ['cp-acme-eu', 'eu.acme.com', 'narrower_entry'],
    ]);
    const atEu = explainAccess(kinds, email('bob@eu.acme.com'));
    expect(atEu.grants.map((grant) => grant.customerPageId)).toEqual(['cp-acme-eu']);
    expect(atEu.nearMisses.map((miss) => [miss.state.customerPage.id, miss.reason])).toEqual([['cp-acme', 'exact_entry']]);
    expect(explainAccess(kinds, email('cy@acme.io')).nearMisses.map((miss) => miss.reason)).toEqual(['wildcard_entry']);
    expect(explainAccess(kinds, email('dee@example.org'))).toEqual({ grants: [], nearMisses: [] });
  });
});
