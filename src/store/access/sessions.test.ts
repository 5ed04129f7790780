import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { newId } from '../../domain/id.js';
import {
  type SessionRecord,
  deleteExpiredSessions,
  deleteSessionByHash,
  deleteSessions,
  deleteSessionsByIds,
  findSessionByHash,
  insertSession,
  listLiveSessions,
  touchSession,
} from './sessions.js';
import { writeTransaction } from '../transaction.js';

const T0 = new Date('2025-03-01T12:00:00.000Z');
const plus = (ms: number) => new Date(T0.getTime() + ms);
const DAY = 86_400_000;

const buildSession = (overrides: Partial<SessionRecord> = {}): SessionRecord => ({
  id: newId(),
  idHash: `hash-${newId()}`,
  customerPageId: 'page-a',
  email: 'alice@example.com',
  domain: 'example.com',
  createdAt: T0,
  lastSeenAt: T0,
  idleExpiresAt: plus(7 * DAY),
  absoluteExpiresAt: plus(30 * DAY),
  ...overrides,
});

describeEachEngine('store/sessions', (database) => {
  const tx = <T>(work: Parameters<typeof writeTransaction<T>>[1]) => writeTransaction(database(), work).then((r) => r.result);
  const insertAll = (sessions: SessionRecord[]) =>
    tx(async (t) => {
      for (const session of sessions) await insertSession(t, session);
    });

  it('stores a session and finds it by its hash', async () => {
    const session = buildSession();
    await insertAll([session]);
    expect(await findSessionByHash(database().db, session.idHash)).toEqual(session);
    expect(await findSessionByHash(database().db, 'nope')).toBeNull();
  });

  it('SES-5: slides the idle expiry of a live session only', async () => {
    const live = buildSession();
    const idle = buildSession({ idleExpiresAt: plus(DAY) });
    await insertAll([live, idle]);
    expect(await tx((t) => touchSession(t, live.idHash, { at: plus(2 * DAY), idleExpiresAt: plus(9 * DAY) }))).toBe(true);
    expect(await findSessionByHash(database().db, live.idHash)).toMatchObject({ lastSeenAt: plus(2 * DAY), idleExpiresAt: plus(9 * DAY) });
    expect(await tx((t) => touchSession(t, idle.idHash, { at: plus(2 * DAY), idleExpiresAt: plus(9 * DAY) }))).toBe(false);
    expect(await tx((t) => touchSession(t, live.idHash, { at: plus(30 * DAY), idleExpiresAt: plus(31 * DAY) }))).toBe(false);
  });

  it('SES-7: deletes one session only on its own page', async () => {
    const session = buildSession();
    await insertAll([session]);
    expect(await tx((t) => deleteSessionByHash(t, session.idHash, 'page-b'))).toBeNull();
    expect(await tx((t) => deleteSessionByHash(t, session.idHash, 'page-a'))).toEqual(session);
    expect(await findSessionByHash(database().db, session.idHash)).toBeNull();
  });

  it('SES-7: deletes by address, by exact domain, by subdomain suffix, or all of one page', async () => {
    const alice = buildSession();
    const bob = buildSession({ email: 'bob@example.com' });
    const sub = buildSession({ email: 'carol@eu.example.com', domain: 'eu.example.com' });
    const lookalike = buildSession({ email: 'dan@badexample.com', domain: 'badexample.com' });
    const otherPage = buildSession({ customerPageId: 'page-b' });
    await insertAll([alice, bob, sub, lookalike, otherPage]);
    const ids = (rows: SessionRecord[]) => rows.map((row) => row.id).sort();

    expect(ids(await tx((t) => deleteSessions(t, 'page-a', { email: 'alice@example.com' })))).toEqual([alice.id]);
    expect(ids(await tx((t) => deleteSessions(t, 'page-a', { domainSuffix: 'example.com' })))).toEqual([sub.id]);
    expect(ids(await tx((t) => deleteSessions(t, 'page-a', { domain: 'example.com' })))).toEqual([bob.id]);
    expect(ids(await tx((t) => deleteSessions(t, 'page-a', { all: true })))).toEqual([lookalike.id]);
    expect(await findSessionByHash(database().db, otherPage.idHash)).not.toBeNull();
    expect(ids(await tx((t) => deleteSessionsByIds(t, 'page-a', [otherPage.id])))).toEqual([]);
    expect(ids(await tx((t) => deleteSessionsByIds(t, 'page-b', [otherPage.id])))).toEqual([otherPage.id]);
  });

  it('lists live sessions of a page, most recently seen first, and prunes expired ones', async () => {
    const recent = buildSession({ lastSeenAt: plus(DAY) });
    const older = buildSession();
    const expired = buildSession({ idleExpiresAt: plus(1000) });
    await insertAll([older, recent, expired, buildSession({ customerPageId: 'page-b' })]);
    expect((await listLiveSessions(database().db, 'page-a', plus(2000))).map((s) => s.id)).toEqual([recent.id, older.id]);
    expect(await tx((t) => deleteExpiredSessions(t, plus(2000)))).toBe(1);
    expect(await findSessionByHash(database().db, expired.idHash)).toBeNull();
  });
});
