import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { auditActions } from '../../../test/helpers/sign-in-fixtures.js';
import { addStaff, buildStaffTestDeps } from '../../../test/helpers/staff-fixtures.js';
import { CLI_ACTOR } from '../../domain/access/audit-event.js';
import { staffActor } from './staff-audit.js';
import { addStaffMember, changeStaffRole, endStaffMemberSessions, listStaff, removeStaffMember } from './staff-members.js';
import { checkStaffSession, endOwnStaffSession, listOwnStaffSessions } from './staff-sessions.js';

describeEachEngine('services/staff-members', (database) => {
  it('adds members by canonical address and refuses a second add, a malformed address and an unknown role', async () => {
    const { staff } = buildStaffTestDeps(database());
    const ann = await addStaffMember(staff, { email: 'Ann@EXAMPLE.com', role: 'admin' }, CLI_ACTOR);
    expect(ann).toMatchObject({ email: 'ann@example.com', role: 'admin' });
    await expect(addStaffMember(staff, { email: 'ANN@example.com', role: 'viewer' }, CLI_ACTOR)).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(addStaffMember(staff, { email: 'Alice <a@example.com>', role: 'viewer' }, CLI_ACTOR)).rejects.toMatchObject({
      code: 'validation',
    });
    await expect(addStaffMember(staff, { email: 'b@example.com', role: 'owner' }, CLI_ACTOR)).rejects.toMatchObject({ code: 'validation' });
    expect((await listStaff(staff)).map((m) => [m.email, m.role])).toEqual([['ann@example.com', 'admin']]);
  });

  it('STF-6: removing a member ends their sessions at once; STF-7: audited with the actor', async () => {
    const { staff, signIn } = buildStaffTestDeps(database());
    await addStaff(staff, { 'ann@example.com': 'admin', 'bob@example.com': 'responder' });
    const bob = [await signIn('bob@example.com', 'Laptop')];
    expect(await checkStaffSession(staff, bob[0])).not.toBeNull();
    await removeStaffMember(staff, 'bob@example.com', staffActor('ann@example.com'));
    expect(await checkStaffSession(staff, bob[0])).toBeNull();
    expect(await database().db.selectFrom('staff_sessions').selectAll().execute()).toEqual([]);
    const removed = (await auditActions(database())).find((event) => event.action === 'staff.removed');
    expect(removed?.details).toEqual({ email: 'bob@example.com', role: 'responder', sessionsEnded: 1 });
    const [row] = await database().db.selectFrom('audit_log').select('actor').where('action', '=', 'staff.removed').execute();
    expect(row?.actor).toBe('staff:ann@example.com');
  });

  it('STF-6: changing a role ends that person’s sessions at once and keeps before and after (STF-7)', async () => {
    const { staff, signIn } = buildStaffTestDeps(database());
    await addStaff(staff, { 'ann@example.com': 'admin', 'bob@example.com': 'viewer' });
    const bob = await signIn('bob@example.com');
    const ann = await signIn('ann@example.com');
    await changeStaffRole(staff, { email: 'bob@example.com', role: 'responder' }, CLI_ACTOR);
    expect(await checkStaffSession(staff, bob)).toBeNull();
    expect(await checkStaffSession(staff, ann)).not.toBeNull();
    const changed = (await auditActions(database())).find((event) => event.action === 'staff.role_changed');
    expect(changed?.details).toEqual({ email: 'bob@example.com', before: 'viewer', after: 'responder', sessionsEnded: 1 });
    // Signing in again gives the new role.
    const again = await signIn('bob@example.com');
    expect((await checkStaffSession(staff, again))?.member.role).toBe('responder');
  });

  it('STF-6: an admin signs a member out everywhere, each session audited as revoked by them (STF-7)', async () => {
    const { staff, signIn } = buildStaffTestDeps(database());
    await addStaff(staff, { 'ann@example.com': 'admin', 'bob@example.com': 'viewer' });
    const bob = [await signIn('bob@example.com', 'Laptop'), await signIn('bob@example.com', 'Phone')];
    const ann = await signIn('ann@example.com');
    expect(await endStaffMemberSessions(staff, 'bob@example.com', staffActor('ann@example.com'))).toBe(2);
    for (const token of bob) expect(await checkStaffSession(staff, token)).toBeNull();
    expect(await checkStaffSession(staff, ann)).not.toBeNull();
    const revoked = await database().db.selectFrom('audit_log').select('actor').where('action', '=', 'staff_session.revoked').execute();
    expect(revoked).toEqual([{ actor: 'staff:ann@example.com' }, { actor: 'staff:ann@example.com' }]);
  });

  it('keeps at least one admin', async () => {
    const { staff } = buildStaffTestDeps(database());
    await addStaff(staff, { 'ann@example.com': 'admin' });
    await expect(removeStaffMember(staff, 'ann@example.com', CLI_ACTOR)).rejects.toMatchObject({ code: 'conflict' });
    await expect(changeStaffRole(staff, { email: 'ann@example.com', role: 'viewer' }, CLI_ACTOR)).rejects.toMatchObject({
      code: 'conflict',
    });
    await addStaff(staff, { 'bob@example.com': 'admin' });
    await changeStaffRole(staff, { email: 'ann@example.com', role: 'viewer' }, CLI_ACTOR);
    await expect(removeStaffMember(staff, 'nobody@example.com', CLI_ACTOR)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps at least one admin when two admins demote and remove each other at the same moment', async () => {
    const { staff } = buildStaffTestDeps(database());
    for (let round = 0; round < 5; round++) {
      await addStaff(staff, { [`ann${round}@example.com`]: 'admin', [`bob${round}@example.com`]: 'admin' });
      for (const member of await listStaff(staff)) {
        if (member.role === 'admin' && !member.email.endsWith(`${round}@example.com`))
          await removeStaffMember(staff, member.email, CLI_ACTOR);
      }
      const outcomes = await Promise.allSettled([
        changeStaffRole(staff, { email: `ann${round}@example.com`, role: 'viewer' }, CLI_ACTOR),
        removeStaffMember(staff, `bob${round}@example.com`, CLI_ACTOR),
      ]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((await listStaff(staff)).filter((member) => member.role === 'admin')).toHaveLength(1);
    }
  });

  it('lists a member’s own devices and ends one of them, never someone else’s', async () => {
    const { staff, signIn } = buildStaffTestDeps(database());
    await addStaff(staff, { 'ann@example.com': 'admin', 'bob@example.com': 'admin' });
    const laptop = await signIn('ann@example.com', 'Laptop');
    const phone = await signIn('ann@example.com', 'Phone');
    const bob = await signIn('bob@example.com', 'Bob’s laptop');
    const ann = (await checkStaffSession(staff, laptop))!;
    const bobIdentity = (await checkStaffSession(staff, bob))!;
    const devices = await listOwnStaffSessions(staff, ann);
    expect(devices.map((d) => d.device).sort()).toEqual(['Laptop', 'Phone']);
    expect(await endOwnStaffSession(staff, ann, bobIdentity.sessionId, 'revoked')).toBe(false);
    expect(await checkStaffSession(staff, bob)).not.toBeNull();
    const phoneId = devices.find((d) => d.device === 'Phone')!.id;
    expect(await endOwnStaffSession(staff, ann, phoneId, 'revoked')).toBe(true);
    expect(await checkStaffSession(staff, phone)).toBeNull();
    expect(await checkStaffSession(staff, laptop)).not.toBeNull();
  });
});
