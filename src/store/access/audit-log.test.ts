import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import type { AuditEvent } from '../../domain/access/audit-event.js';
import { newId } from '../../domain/id.js';
import * as auditLog from './audit-log.js';
import { insertAuditEvents, listAuditEvents } from './audit-log.js';
import { writeTransaction } from '../transaction.js';

const buildEvent = (overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  id: newId(),
  at: new Date('2025-03-01T10:00:00.123Z'),
  actor: 'api-key:k1',
  action: 'catalog_entry.domain_override',
  subjectType: 'catalog_entry',
  subjectId: 'e1',
  pageId: null,
  details: { domain: 'gmail.com', reason: 'webmail', nested: { list: [1, 'two', true, null] } },
  ...overrides,
});

describeEachEngine('store/audit-log', (database) => {
  it('round-trips every field, details included', async () => {
    const event = buildEvent({ pageId: 'p1' });
    await writeTransaction(database(), (tx) => insertAuditEvents(tx, [event]));
    expect(await listAuditEvents(database().db)).toEqual([event]);
  });

  it('lists newest first, filtered by subject, page, action, actor and time', async () => {
    const t = (minute: number) => new Date(Date.UTC(2025, 2, 1, 10, minute));
    const events = [
      buildEvent({ at: t(1), subjectId: 'e1' }),
      buildEvent({ at: t(2), subjectId: 'e2', actor: 'cli' }),
      buildEvent({ at: t(3), subjectId: 'e1', action: 'catalog_entry.updated', pageId: 'p1' }),
    ];
    await writeTransaction(database(), (tx) => insertAuditEvents(tx, events));
    const ids = (list: AuditEvent[]) => list.map((e) => e.id);
    expect(ids(await listAuditEvents(database().db))).toEqual([events[2]!.id, events[1]!.id, events[0]!.id]);
    expect(ids(await listAuditEvents(database().db, { subjectType: 'catalog_entry', subjectId: 'e1' }))).toEqual([
      events[2]!.id,
      events[0]!.id,
    ]);
    expect(ids(await listAuditEvents(database().db, { pageId: 'p1' }))).toEqual([events[2]!.id]);
    expect(ids(await listAuditEvents(database().db, { action: 'catalog_entry.domain_override' }))).toEqual([events[1]!.id, events[0]!.id]);
    expect(ids(await listAuditEvents(database().db, { actor: 'cli' }))).toEqual([events[1]!.id]);
    expect(ids(await listAuditEvents(database().db, { before: t(3), limit: 1 }))).toEqual([events[1]!.id]);
  });

  it('inserts many events at once (past the bound-parameter limit)', async () => {
    const events = Array.from({ length: 250 }, (_, i) => buildEvent({ subjectId: `e${i}` }));
    await writeTransaction(database(), (tx) => insertAuditEvents(tx, events));
    expect(await listAuditEvents(database().db, { limit: 1000 })).toHaveLength(250);
  });

  it('is append-only: the store offers no way to change or remove an event (LOG-1)', () => {
    expect(Object.keys(auditLog).sort()).toEqual(['findLatestEventAt', 'insertAuditEvents', 'listAuditEvents']);
  });
});
