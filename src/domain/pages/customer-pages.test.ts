import { describe, expect, it } from 'vitest';
import {
  NOW,
  buildSnapshot,
  catalogType,
  component,
  customerSet,
  entry,
  group,
  incident,
  parentPage,
  placed,
  single,
  type SnapshotParts,
} from '../../../test/helpers/page-kinds-snapshot.js';
import { canonicaliseEmail, type CanonicalEmail } from '../access/email-address.js';
import {
  customerPageAccessFor,
  customerPageState,
  entryAllowlist,
  listCustomerPageStates,
  resolveCustomerPage,
  whoCanAccess,
} from './customer-pages.js';
import type { Snapshot } from '../snapshot.js';
import { isIncidentOpen } from '../status/incident-status.js';
import { scopeOf } from './page-scope.js';
import { buildPageKindsIndex } from './page-kinds-index.js';

const email = (text: string): CanonicalEmail => {
  const result = canonicaliseEmail(text);
  if (!result.ok) throw new Error(result.reason);
  return result.address;
};

// One set (shared: api + the Core group) with three customers; Initech has no domain.
const base: SnapshotParts = {
  components: ['api', 'web', 'db', 'acme-1', 'acme-2', 'globex-1', 'initech-1'].map(component),
  groups: [group('core', ['web', 'db'])],
  pages: [customerSet('customers', [single('api'), placed('core')])],
  types: [catalogType('customer')],
  entries: [
    entry('acme', 'customer', { domains: ['acme.com', '*.acme.io'], components: ['acme-1', 'acme-2', 'api'] }, { name: 'Acme Corp' }),
    entry('globex', 'customer', { domains: ['globex.com'], components: ['globex-1'] }, { name: 'Globex', rank: 1 }),
    entry('initech', 'customer', { components: ['initech-1'] }, { name: 'Initech', rank: 2 }),
  ],
  customerPages: [
    { id: 'cp-acme', pageId: 'customers', entryId: 'acme', urlToken: 'tok-acme' },
    { id: 'cp-globex', pageId: 'customers', entryId: 'globex', urlToken: 'tok-globex' },
    { id: 'cp-initech', pageId: 'customers', entryId: 'initech', urlToken: 'tok-initech' },
  ],
};
const build = (extra: Partial<SnapshotParts> = {}): Snapshot => buildSnapshot({ ...base, ...extra });
// The caller names the page (services/pages/customer-page-path.ts); the domain only carries the slug.
const resolve = (snapshot: Snapshot, token: string) => resolveCustomerPage(buildPageKindsIndex(snapshot), token, `slug-of-${token}`);

describe('resolveCustomerPage', () => {
  it("is the set's shared structure plus the customer's own components in a group named after it", () => {
    const found = resolve(build(), 'tok-acme');
    expect(found).not.toBeNull();
    expect(found!.page).toMatchObject({ id: 'cp-acme', name: 'Acme Corp', slug: 'slug-of-tok-acme', isDefault: false });
    expect(found!.set.id).toBe('customers');
    expect(found!.allowlist.map((d) => [d.domain, d.wildcard])).toEqual([
      ['acme.com', false],
      ['acme.io', true],
    ]);
    expect(found!.page.items).toEqual([single('api'), placed('core'), placed('customer-cp-acme')]);
    // The customer's own group carries the customer's name; the views word it ("— dedicated").
    expect(found!.snapshot.groups.get('customer-cp-acme')).toMatchObject({ name: 'Acme Corp', dedicated: true });
    expect(found!.snapshot.groups.get('customer-cp-acme')?.componentIds).toEqual(['acme-1', 'acme-2']); // api stays in the shared place
    expect(found!.componentIds).toEqual(['api', 'web', 'db', 'acme-1', 'acme-2']);
  });

  it("carries the set's branding", () => {
    const branding = {
      supportUrl: 'mailto:help@example.com',
      logo: { sha256: 'a'.repeat(64), contentType: 'image/png' as const },
      brandColor: '#123456',
      uptimeDisplay: 'hidden' as const,
    };
    const snapshot = build();
    const set = snapshot.pages.get('customers')!;
    const branded = { ...snapshot, pages: new Map([...snapshot.pages, ['customers', { ...set, branding }]]) };
    expect(resolve(branded, 'tok-acme')!.page.branding).toEqual(branding);
  });

  it('adds no group for a customer without components of its own', () => {
    const snapshot = build({ entries: [entry('acme', 'customer', { domains: ['acme.com'] })] });
    expect(resolve(snapshot, 'tok-acme')?.page.items).toEqual([single('api'), placed('core')]);
  });

  it('answers null for an unknown token, a deleted entry, a deleted set, and an entry with no domain', () => {
    expect(resolve(build(), 'nope')).toBeNull();
    expect(resolve(build({ entries: base.entries!.filter((e) => e.id !== 'acme') }), 'tok-acme')).toBeNull();
    expect(resolve(build({ pages: [] }), 'tok-acme')).toBeNull();
    expect(resolve(build(), 'tok-initech')).toBeNull();
  });

  it('answers null when the row points at a page that is not a customer set', () => {
    const snapshot = build({ pages: [parentPage('customers', [], 'customer')] });
    expect(resolve(snapshot, 'tok-acme')).toBeNull();
  });

  it('treats stored domains that no longer canonicalise as admitting no one', () => {
    const snapshot = build({ entries: [entry('acme', 'customer', { domains: ['not a domain', '1.2.3.4'] })] });
    expect(resolve(snapshot, 'tok-acme')).toBeNull();
  });

  it("never shows another customer's components or incidents", () => {
    const snapshot = build({
      incidents: [
        incident('i-acme', { 'acme-1': 'full_outage' }),
        incident('i-globex', { 'globex-1': 'partial_outage' }),
        incident('i-db', { db: 'degraded_performance' }),
      ],
    });
    const open = (token: string) => {
      const found = resolve(snapshot, token)!;
      const scope = scopeOf(found.snapshot, found.page, NOW);
      return {
        incidents: scope.incidents
          .filter(isIncidentOpen)
          .map((i) => i.id)
          .sort(),
        indicator: scope.indicator,
      };
    };
    expect(open('tok-acme')).toEqual({ incidents: ['i-acme', 'i-db'], indicator: 'critical' });
    expect(open('tok-globex')).toEqual({ incidents: ['i-db', 'i-globex'], indicator: 'major' });
  });

  it('follows entry changes at once: new components show, a rotated token no longer resolves', () => {
    const changed = build({
      entries: base.entries!.map((e) => (e.id === 'globex' ? { ...e, values: { ...e.values, components: ['globex-1', 'acme-2'] } } : e)),
      customerPages: [{ id: 'cp-globex', pageId: 'customers', entryId: 'globex', urlToken: 'tok-new' }],
    });
    expect(resolve(changed, 'tok-globex')).toBeNull();
    expect(resolve(changed, 'tok-new')?.componentIds).toEqual(['api', 'web', 'db', 'globex-1', 'acme-2']);
  });
});

describe('customerPageAccessFor', () => {
  it("gives the sign-in services the page's name, token and current allowlist", () => {
    expect(customerPageAccessFor(buildPageKindsIndex(build()), 'cp-globex')).toEqual({
      id: 'cp-globex',
      name: 'Globex',
      urlToken: 'tok-globex',
      allowlist: [{ domain: 'globex.com', unicodeDomain: 'globex.com', wildcard: false }],
    });
  });

  it('answers null for an unknown page and a page no one can sign in to', () => {
    expect(customerPageAccessFor(buildPageKindsIndex(build()), 'cp-nope')).toBeNull();
    expect(customerPageAccessFor(buildPageKindsIndex(build()), 'cp-initech')).toBeNull();
  });

  it('sees a removed domain in the next snapshot', () => {
    const removed = build({
      entries: base.entries!.map((e) => (e.id === 'acme' ? { ...e, values: { ...e.values, domains: ['*.acme.io'] } } : e)),
    });
    expect(customerPageAccessFor(buildPageKindsIndex(removed), 'cp-acme')?.allowlist.map((d) => d.domain)).toEqual(['acme.io']);
  });
});

describe('whoCanAccess', () => {
  it('names each page an address may sign in to, with the entry and the matching domain', () => {
    const grants = whoCanAccess(buildPageKindsIndex(build()), email('Alice+x@ACME.com'));
    expect(grants.map((g) => [g.customerPageId, g.pageName, g.setName, g.entry.id, g.matchedDomain.domain, g.urlToken])).toEqual([
      ['cp-acme', 'Acme Corp', 'Page customers', 'acme', 'acme.com', 'tok-acme'],
    ]);
  });

  it('matches wildcard entries on subdomains only, at a dot boundary', () => {
    expect(whoCanAccess(buildPageKindsIndex(build()), email('bob@eu.acme.io'))[0]?.matchedDomain).toEqual({
      domain: 'acme.io',
      unicodeDomain: 'acme.io',
      wildcard: true,
    });
    expect(whoCanAccess(buildPageKindsIndex(build()), email('bob@acme.io'))).toEqual([]);
    expect(whoCanAccess(buildPageKindsIndex(build()), email('bob@evilacme.com'))).toEqual([]);
    expect(whoCanAccess(buildPageKindsIndex(build()), email('bob@acme.com.evil.com'))).toEqual([]);
  });

  it('lists every set and customer sharing a domain', () => {
    const snapshot = build({
      pages: [...base.pages!, customerSet('partners', [], 'customer')],
      customerPages: [...base.customerPages!, { id: 'cp-acme-2', pageId: 'partners', entryId: 'acme', urlToken: 'tok-acme-2' }],
    });
    expect(whoCanAccess(buildPageKindsIndex(snapshot), email('a@acme.com')).map((g) => g.customerPageId)).toEqual(['cp-acme', 'cp-acme-2']);
  });
});

describe('listCustomerPageStates', () => {
  it('lists every customer page in entry order, flagging those no one can sign in to', () => {
    expect(listCustomerPageStates(buildPageKindsIndex(build())).map((s) => [s.customerPage.id, s.noOneCanSignIn])).toEqual([
      ['cp-acme', false],
      ['cp-globex', false],
      ['cp-initech', true],
    ]);
  });

  it('is built once per snapshot index (a thousand pages are walked by every "who can access"), and afresh for the next snapshot', () => {
    const kinds = buildPageKindsIndex(build());
    const first = listCustomerPageStates(kinds);
    expect(listCustomerPageStates(kinds)).toBe(first);
    whoCanAccess(kinds, email('alice@acme.com'));
    expect(listCustomerPageStates(kinds)).toBe(first);
    const next = buildPageKindsIndex(build({ customerPages: base.customerPages!.filter((page) => page.id !== 'cp-globex') }));
    expect(listCustomerPageStates(next).map((s) => s.customerPage.id)).toEqual(['cp-acme', 'cp-initech']);
  });

  it('skips rows whose entry is of another type than the set', () => {
    const snapshot = build({
      types: [catalogType('customer'), catalogType('other')],
      entries: [entry('acme', 'other', { domains: ['acme.com'] })],
    });
    expect(customerPageState(snapshot, base.customerPages![0]!)).toBeNull();
  });
});

describe('entryAllowlist', () => {
  it('reads a single value as well as a list', () => {
    expect(entryAllowlist(entry('x', 'customer', { domains: 'Example.COM' }), 'domains')).toEqual([
      { domain: 'example.com', unicodeDomain: 'example.com', wildcard: false },
    ]);
  });
});
