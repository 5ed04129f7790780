import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { newId } from '../../domain/id.js';
import { writeTransaction } from '../transaction.js';
import {
  type StaffSessionRecord,
  deleteStaffSessionsOf,
  findStaffSessionByHash,
  insertStaffSession,
  listStaffSessionsOf,
} from './staff-sessions.js';
import { deleteExpiredSessions, touchSession } from './sessions.js';
import {
  type StaffMember,
  deleteStaffMember,
  findStaffMemberByEmail,
  insertStaffMember,
  listStaffMembers,
  updateStaffRole,
} from './staff.js';

const at = (iso: string) => new Date(iso);
const member = (email: string, role: StaffMember['role']): StaffMember => ({
  id: newId(),
  email,
  role,
  createdAt: at('2025-03-01T00:00:00.000Z'),
});
const run = async <T>(db: Parameters<typeof writeTransaction>[0], work: Parameters<typeof writeTransaction<T>>[1]): Promise<T> =>
  (await writeTransaction(db, work)).result;
const session = (staffId: string, overrides: Partial<StaffSessionRecord> = {}): StaffSessionRecord => ({
  id: newId(),
  idHash: newId(),
  staffId,
  device: 'Firefox',
  createdAt: at('2025-03-01T10:00:00.000Z'),
  lastSeenAt: at('2025-03-01T10:00:00.000Z'),
  idleExpiresAt: at('2025-03-01T22:00:00.000Z'),
  absoluteExpiresAt: at('2025-03-08T10:00:00.000Z'),
  ...overrides,
});

describeEachEngine('store/staff', (database) => {
  it('keeps members by unique address, with their role', async () => {
    const ann = member('ann@example.com', 'admin');
    const bob = member('bob@example.com', 'viewer');
    await writeTransaction(database(), async (tx) => {
      await insertStaffMember(tx, bob);
      await insertStaffMember(tx, ann);
    });
    expect(await listStaffMembers(database().db)).toEqual([ann, bob]);
    await expect(writeTransaction(database(), (tx) => insertStaffMember(tx, member('ann@example.com', 'viewer')))).rejects.toThrow();
    await writeTransaction(database(), (tx) => updateStaffRole(tx, bob.id, 'admin'));
    expect((await listStaffMembers(database().db)).filter((member) => member.role === 'admin')).toHaveLength(2);
    expect(await findStaffMemberByEmail(database().db, 'bob@example.com')).toEqual({ ...bob, role: 'admin' });
  });

  it('keeps sessions by hash, slides the idle expiry of live ones, and drops them with their member', async () => {
    const ann = member('ann@example.com', 'admin');
    const live = session(ann.id);
    const old = session(ann.id, { idleExpiresAt: at('2025-03-01T11:00:00.000Z') });
    await writeTransaction(database(), async (tx) => {
      await insertStaffMember(tx, ann);
      await insertStaffSession(tx, live);
      await insertStaffSession(tx, old);
    });
    expect(await findStaffSessionByHash(database().db, live.idHash)).toEqual(live);
    const now = at('2025-03-01T12:00:00.000Z');
    expect((await listStaffSessionsOf(database().db, ann.id)).map((s) => s.id).sort()).toEqual([live.id, old.id].sort());
    const idleExpiresAt = at('2025-03-02T00:00:00.000Z');
    expect(await run(database(), (tx) => touchSession(tx, live.idHash, { at: now, idleExpiresAt }, 'staff_sessions'))).toBe(true);
    expect(await run(database(), (tx) => touchSession(tx, old.idHash, { at: now, idleExpiresAt }, 'staff_sessions'))).toBe(false);
    expect(await run(database(), (tx) => deleteExpiredSessions(tx, now, 'staff_sessions'))).toBe(1);
    expect((await run(database(), (tx) => deleteStaffSessionsOf(tx, ann.id))).map((s) => s.id)).toEqual([live.id]);
    await writeTransaction(database(), async (tx) => {
      await insertStaffSession(tx, session(ann.id));
      await deleteStaffMember(tx, ann.id);
    });
    expect(await database().db.selectFrom('staff_sessions').selectAll().execute()).toEqual([]);
  });
});
