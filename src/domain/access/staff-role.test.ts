import { describe, expect, it } from 'vitest';
import { STAFF_RESOURCES, apiResourceOf, refusalOf } from './staff-role.js';

describe('staff roles (STF-3)', () => {
  const all = (role: 'admin' | 'responder' | 'viewer') => ({ role, scope: null });

  it('STF-3: a viewer reads everything and writes nothing', () => {
    for (const resource of STAFF_RESOURCES) {
      expect(refusalOf(all('viewer'), { resource, writes: false })).toBeNull();
      expect(refusalOf(all('viewer'), { resource, writes: true })).toContain('viewer role');
    }
  });

  it('STF-3: a responder writes incidents and maintenance only', () => {
    for (const resource of STAFF_RESOURCES) {
      const allowed = resource === 'incidents' || resource === 'maintenances';
      expect(refusalOf(all('responder'), { resource, writes: true }) === null).toBe(allowed);
      expect(refusalOf(all('responder'), { resource, writes: false })).toBeNull();
    }
    expect(refusalOf(all('responder'), { resource: null, writes: true })).toContain('admin role');
  });

  it('STF-3: an admin does everything', () => {
    for (const resource of [...STAFF_RESOURCES, null]) expect(refusalOf(all('admin'), { resource, writes: true })).toBeNull();
  });

  it('STF-4: a scope narrows any role to its resources, reads included', () => {
    const scoped = { role: 'admin' as const, scope: ['incidents' as const] };
    expect(refusalOf(scoped, { resource: 'incidents', writes: true })).toBeNull();
    expect(refusalOf(scoped, { resource: 'components', writes: false })).toContain('limited to "incidents"');
    expect(refusalOf(scoped, { resource: null, writes: false })).not.toBeNull();
  });

  it('names the resource of an API path', () => {
    expect(apiResourceOf('/incidents/abc/updates')).toBe('incidents');
    expect(apiResourceOf('/catalog/types')).toBe('catalog');
    expect(apiResourceOf('/customer-page-sets')).toBe('customer-pages');
    expect(apiResourceOf('/who-can-access')).toBe('customer-pages');
    expect(apiResourceOf('/subscribers/import')).toBe('subscribers');
    expect(apiResourceOf('/email-quarantine/release')).toBe('subscribers');
    expect(apiResourceOf('/something-new')).toBeNull();
  });
});
