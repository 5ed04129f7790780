import { describe, expect, it } from 'vitest';
import { canBeDefaultPage, defaultPageAmong } from './default-page.js';
import type { Page, PageKind } from './page.js';
import { DEFAULT_BRANDING } from './page-branding.js';

const page = (id: string, createdAt: string, fields: { isDefault?: boolean; kind?: PageKind } = {}): Page => ({
  id,
  slug: id,
  name: id,
  description: null,
  timeZone: 'UTC',
  branding: DEFAULT_BRANDING,
  isDefault: fields.isDefault ?? false,
  kind: fields.kind ?? 'standalone',
  items: [],
  createdAt: new Date(createdAt),
  updatedAt: new Date(createdAt),
});

const idOf = (pages: Page[]) => defaultPageAmong(pages)?.id;

describe('defaultPageAmong (the page `/` shows and the site is named after)', () => {
  it('is the flagged page, even when older pages exist', () => {
    expect(idOf([page('old', '2025-01-01'), page('flagged', '2025-03-01', { isDefault: true }), page('mid', '2025-02-01')])).toBe(
      'flagged',
    );
  });

  it('is the oldest public page when no page is flagged, whatever order the pages come in', () => {
    const pages = [page('mid', '2025-02-01'), page('old', '2025-01-01'), page('new', '2025-03-01')];
    expect(idOf(pages)).toBe('old');
    expect(idOf([...pages].reverse())).toBe('old');
  });

  it('breaks a tie in age by the smaller id, whatever order the pages come in', () => {
    const pages = [page('b', '2025-01-01'), page('a', '2025-01-01')];
    expect(idOf(pages)).toBe('a');
    expect(idOf([...pages].reverse())).toBe('a');
  });

  it('counts parent pages as public', () => {
    expect(idOf([page('parent', '2025-01-01', { kind: 'parent' }), page('plain', '2025-02-01')])).toBe('parent');
  });

  it('is never a customer page set: not the oldest, and not even when flagged', () => {
    expect(idOf([page('set', '2025-01-01', { kind: 'customer_set' }), page('public', '2025-02-01')])).toBe('public');
    expect(idOf([page('set', '2025-01-01', { kind: 'customer_set', isDefault: true }), page('public', '2025-02-01')])).toBe('public');
    expect(canBeDefaultPage({ kind: 'customer_set' })).toBe(false);
  });

  it('is undefined while there is no public page', () => {
    expect(idOf([])).toBeUndefined();
    expect(idOf([page('set', '2025-01-01', { kind: 'customer_set' })])).toBeUndefined();
  });
});
