// The dashboard bench's database: a SQLite file migrated the normal way (`beacon migrate`), then the
// dashboard-sized organisation written in bulk through the store (src/services/demo/scale-organisation.ts),
// a log of sign-in events for the audit screen, and a staff admin with a session started through the
// staff services (as a redeemed sign-in link starts one), so the bench holds its cookie without a mailbox.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CLI_ACTOR } from '../dist/domain/access/audit-event.js';
import { canonicaliseEmail } from '../dist/domain/access/email-address.js';
import { newId } from '../dist/domain/id.js';
import { DASHBOARD_ORGANISATION, seedScaleOrganisation } from '../dist/services/demo/scale-organisation.js';
import { createStaffDeps } from '../dist/services/staff/staff-deps.js';
import { addStaffMember } from '../dist/services/staff/staff-members.js';
import { startStaffSession } from '../dist/services/staff/staff-sessions.js';
import { insertAuditEvents } from '../dist/store/access/audit-log.js';
import { openDatabase } from '../dist/store/database.js';
import { writeWithoutRevision } from '../dist/store/transaction.js';
import { BENCH_DATABASE_SETTINGS } from './bench-settings.mjs';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
/** The server runs with this secret, so the session started here is one it recognises. */
export const DASHBOARD_SECRET = 'dashboard-bench-secret-not-for-production-0123456789';
const STAFF_EMAIL = 'bench-admin@example.com';
/** Sign-in events in the audit log: a busy year of customers signing in. */
const AUDIT_EVENTS = 20_000;
const DAY = 86_400_000;

/**
 * @returns the database URL, a data directory, the staff session token, the ids the screens need, the
 *   rows written per table and how long seeding took.
 */
export async function prepareDashboardDatabase(workDir) {
  const dataDir = join(workDir, 'dashboard');
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl = join(dataDir, 'beacon.sqlite');
  const env = { ...process.env, DATABASE_URL: databaseUrl, BEACON_DATA_DIR: dataDir, BEACON_SECRET: DASHBOARD_SECRET, LOG_LEVEL: 'warn' };
  await promisify(execFile)(process.execPath, [CLI, 'migrate'], { env });
  const started = performance.now();
  const database = openDatabase(databaseUrl, BENCH_DATABASE_SETTINGS);
  try {
    const ctx = { database, clock: () => new Date(), onRevision: () => {} };
    const counts = await seedScaleOrganisation(ctx, DASHBOARD_ORGANISATION);
    const ids = await pickIds(database.db);
    await seedAuditLog(database, ids);
    const staff = createStaffDeps(ctx, { secret: DASHBOARD_SECRET });
    await addStaffMember(staff, { email: STAFF_EMAIL, role: 'admin' }, CLI_ACTOR);
    const email = canonicaliseEmail(STAFF_EMAIL);
    if (!email.ok) throw new Error(email.reason);
    const { sessionToken } = await writeWithoutRevision(database, (tx) =>
      startStaffSession(tx, staff, { email: email.address, device: 'dashboard bench', now: new Date() }),
    );
    counts.audit_log = AUDIT_EVENTS;
    return { databaseUrl, dataDir, sessionToken, ids, counts, seedSeconds: (performance.now() - started) / 1000 };
  } finally {
    await database.close();
  }
}

const first = async (query) => {
  const row = await query.limit(1).executeTakeFirst();
  if (!row) throw new Error('the seeded database lacks a row the dashboard bench needs');
  return row;
};

/** The rows the bench's screens open: an open incident, a far page of past ones, a customer entry and page… */
async function pickIds(db) {
  const open = await first(db.selectFrom('incidents').select('id').where('resolved_at', 'is', null).orderBy('created_at', 'desc'));
  const update = await first(db.selectFrom('incident_updates').select('id').where('incident_id', '=', open.id));
  // Half way down the past incidents: the cursor of a far page of the list.
  const far = await first(
    db
      .selectFrom('incidents')
      .select('id')
      .where('resolved_at', 'is not', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(5000),
  );
  const customerType = await first(db.selectFrom('catalog_types').select('id').where('name', '=', 'Customer'));
  const entry = await first(db.selectFrom('catalog_entries').select(['id', 'name']).where('type_id', '=', customerType.id).offset(500));
  const customerPage = await first(db.selectFrom('customer_pages').select(['id', 'page_id']).where('entry_id', '=', entry.id));
  const defaultPage = await first(db.selectFrom('pages').select('id').where('is_default', '=', 1));
  const component = await first(db.selectFrom('components').select('id').offset(300));
  const group = await first(db.selectFrom('component_groups').select('id'));
  const maintenance = await first(db.selectFrom('maintenances').select('id').orderBy('scheduled_start', 'desc'));
  return {
    openIncident: open.id,
    update: update.id,
    farIncident: far.id,
    customerType: customerType.id,
    entry: entry.id,
    customerPage: customerPage.id,
    customerSetPage: customerPage.page_id,
    defaultPage: defaultPage.id,
    component: component.id,
    group: group.id,
    maintenance: maintenance.id,
  };
}

/** Sign-in events for the customer set's pages over the last year, one address per customer domain. */
async function seedAuditLog(database, ids) {
  const now = Date.now();
  const events = Array.from({ length: AUDIT_EVENTS }, (_, i) => {
    const customer = String((i % 1000) + 1).padStart(4, '0');
    return {
      id: newId(),
      at: new Date(now - ((AUDIT_EVENTS - i) / AUDIT_EVENTS) * 365 * DAY),
      actor: 'system',
      action: i % 2 === 0 ? 'sign_in.mail_sent' : 'session.started',
      subjectType: 'email',
      subjectId: `viewer-${i % 7}@customer-${customer}.example`,
      pageId: ids.customerSetPage,
      details: {},
    };
  });
  await writeWithoutRevision(database, (tx) => insertAuditEvents(tx, events));
}
