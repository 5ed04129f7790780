/**
 * A live incident screen's event stream ends once the session it was opened with stops being valid
 * (STF-2, STF-6): signed out, ended by an admin, its member removed or their role changed, expired;
 * on PostgreSQL also when another process ends it. Real HTTP app, real databases.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type TestBrowser, createBrowser } from '../../../../test/helpers/customer-pages.js';
import {
  TEST_DATABASE_URL,
  countRevisionListeners,
  releasePostgresTestDatabase,
  takePostgresTestDatabase,
} from '../../../../test/helpers/databases.js';
import { describeEachEngine } from '../../../../test/helpers/describe-each-engine.js';
import { addStaff, signInToAdmin } from '../../../../test/helpers/staff-fixtures.js';
import { TEST_DATABASE_SETTINGS } from '../../../../test/helpers/test-config.js';
import { type TestApp, createTestApp } from '../../../../test/helpers/test-app.js';
import { CLI_ACTOR } from '../../../domain/access/audit-event.js';
import { createStaffDeps } from '../../../services/staff/staff-deps.js';
import { removeStaffMember } from '../../../services/staff/staff-members.js';
import { createIncident, getIncidentForEditing, postIncidentUpdate } from '../../../services/status/incidents.js';
import { type Database, openDatabase } from '../../../store/database.js';
import { createEventStreams } from '../../event-streams.js';
import { openIncidentEventStream } from './incident-events.js';

const HOUR_MS = 3_600_000;

/** Reads a stream's text as it comes. */
function readerOf(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  return {
    next: () => reader.read(),
    /** Resolves once the stream has ended (any text still to come is skipped). */
    async ended(): Promise<true> {
      for (;;) if ((await reader.read()).done) return true;
    },
  };
}

describeEachEngine('live incident events end with their session', (database) => {
  const opened: TestApp[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((app) => app.close()));
  });

  async function setUp() {
    const app = await createTestApp(database());
    opened.push(app);
    await addStaff(createStaffDeps(app.deps.ctx, { secret: app.deps.config.secret }), {
      'ann@example.com': 'admin',
      'rita@example.com': 'responder',
      'vic@example.com': 'viewer',
    });
    const incident = await createIncident(app.deps.ctx, { name: 'API errors', status: 'investigating', message: 'Looking.', impacts: [] });
    return { app, incident };
  }

  async function staffBrowser(app: TestApp, email: string): Promise<TestBrowser> {
    app.advance(61_000);
    const browser = createBrowser(app.app);
    await signInToAdmin(app.deps, browser, email);
    return browser;
  }

  /** `browser`'s open stream on the incident screen, read up to its first line. */
  async function openStream(app: TestApp, browser: TestBrowser, incidentId: string) {
    const { version } = await getIncidentForEditing(app.deps.ctx, incidentId);
    const res = await browser.get(`/admin/incidents/${incidentId}/events?version=${version}`);
    expect(res.status).toBe(200);
    const stream = readerOf(res);
    expect((await stream.next()).value).toBe('retry: 5000\n\n');
    expect(app.deps.eventStreams.size).toBe(1);
    return stream;
  }

  it('STF-2: signing out ends the stream', async () => {
    const { app, incident } = await setUp();
    const vic = await staffBrowser(app, 'vic@example.com');
    const stream = await openStream(app, vic, incident.id);
    expect((await vic.post('/admin/sign-out', {})).status).toBe(303);
    expect(await stream.ended()).toBe(true);
    expect(app.deps.eventStreams.size).toBe(0);
  });

  it('STF-6: an admin ending the member’s sessions ends the stream; another member’s stays open and is told of changes', async () => {
    const { app, incident } = await setUp();
    const vic = await staffBrowser(app, 'vic@example.com');
    const rita = await staffBrowser(app, 'rita@example.com');
    const vicStream = await openStream(app, vic, incident.id);
    const { version } = await getIncidentForEditing(app.deps.ctx, incident.id);
    const ritaStream = readerOf(await rita.get(`/admin/incidents/${incident.id}/events?version=${version}`));
    expect((await ritaStream.next()).value).toBe('retry: 5000\n\n');

    const ann = await staffBrowser(app, 'ann@example.com');
    expect((await ann.post('/admin/staff/sign-out', { email: 'vic@example.com' })).status).toBe(303);
    expect(await vicStream.ended()).toBe(true);
    expect(app.deps.eventStreams.size).toBe(1);

    await postIncidentUpdate(app.deps.ctx, incident.id, { status: 'identified', message: 'Found.' });
    expect((await ritaStream.next()).value).toBe(`event: incident\ndata: {"version":${version + 1}}\n\n`);
  });

  it('STF-6: removing the member ends the stream', async () => {
    const { app, incident } = await setUp();
    const vic = await staffBrowser(app, 'vic@example.com');
    const stream = await openStream(app, vic, incident.id);
    const ann = await staffBrowser(app, 'ann@example.com');
    expect((await ann.post('/admin/staff/remove', { email: 'vic@example.com' })).status).toBe(303);
    expect(await stream.ended()).toBe(true);
    expect(app.deps.eventStreams.size).toBe(0);
  });

  it('STF-6: changing the member’s role ends the stream', async () => {
    const { app, incident } = await setUp();
    const rita = await staffBrowser(app, 'rita@example.com');
    const stream = await openStream(app, rita, incident.id);
    const ann = await staffBrowser(app, 'ann@example.com');
    expect((await ann.post('/admin/staff/role', { email: 'rita@example.com', role: 'viewer' })).status).toBe(303);
    expect(await stream.ended()).toBe(true);
    expect(app.deps.eventStreams.size).toBe(0);
  });

  it('STF-2: an expired session (idle, then absolute) ends the stream at its next check, and no change is told to it', async () => {
    const { app, incident } = await setUp();
    const vic = await staffBrowser(app, 'vic@example.com');
    const stream = await openStream(app, vic, incident.id);
    // Twelve hours without a request: the open screen does not count as use.
    app.advance(12 * HOUR_MS);
    await postIncidentUpdate(app.deps.ctx, incident.id, { status: 'identified', message: 'Found.' });
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(app.deps.eventStreams.size).toBe(0);

    // Absolute: a session kept busy still ends after 7 days.
    const busy = await staffBrowser(app, 'vic@example.com');
    for (let i = 0; i < 15; i++) {
      app.advance(11 * HOUR_MS);
      expect((await busy.get('/admin')).status).toBe(200);
    }
    const late = await openStream(app, busy, incident.id);
    // 169 hours after sign-in, 4 since its last use.
    app.advance(4 * HOUR_MS);
    await postIncidentUpdate(app.deps.ctx, incident.id, { status: 'monitoring', message: 'Watching.' });
    expect(await late.next()).toEqual({ done: true, value: undefined });
  });
});

describe('the stream’s own checks', () => {
  it('STF-2: each heartbeat re-checks the session first: the heartbeat after it stops holding ends the stream', async () => {
    const streams = createEventStreams(10);
    let holds = true;
    let released = false;
    const res = openIncidentEventStream({
      streams,
      watch: { watch: () => () => {} },
      incidentId: 'x',
      seen: 1,
      heartbeatMs: 10,
      guard: (end) => ({
        verify: () => {
          if (!holds) end();
          return Promise.resolve(holds);
        },
        release: () => {
          released = true;
        },
      }),
    })!;
    const stream = readerOf(res);
    expect((await stream.next()).value).toBe('retry: 5000\n\n');
    expect((await stream.next()).value).toBe(': keep-alive\n\n');
    holds = false;
    expect(await stream.ended()).toBe(true);
    expect(released).toBe(true);
    expect(streams.size).toBe(0);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('live incident events across two processes sharing PostgreSQL', () => {
  let url: string | undefined;
  const closing: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
    if (url) await releasePostgresTestDatabase(url);
    url = undefined;
  });

  it('STF-6: a member removed by another process (as `beacon staff remove`) loses the stream here, told through LISTEN only', async () => {
    url = await takePostgresTestDatabase();
    const here: Database = openDatabase(url, { ...TEST_DATABASE_SETTINGS, poolSize: 4 });
    closing.push(() => here.close());
    // This process listens and does not poll: only the other process's NOTIFY can tell it.
    const app = await createTestApp(here, { env: { BEACON_DISABLE_LISTEN: '0', BEACON_REVISION_POLL_MS: '0' } });
    closing.push(() => app.close());
    await addStaff(createStaffDeps(app.deps.ctx, { secret: app.deps.config.secret }), {
      'ann@example.com': 'admin',
      'vic@example.com': 'viewer',
    });
    const incident = await createIncident(app.deps.ctx, { name: 'API errors', status: 'investigating', message: 'Looking.', impacts: [] });
    app.advance(61_000);
    const vic = createBrowser(app.app);
    await signInToAdmin(app.deps, vic, 'vic@example.com');
    const res = await vic.get(`/admin/incidents/${incident.id}/events?version=1`);
    const stream = readerOf(res);
    expect((await stream.next()).value).toBe('retry: 5000\n\n');

    const other: Database = openDatabase(url, { ...TEST_DATABASE_SETTINGS, poolSize: 1 });
    closing.push(() => other.close());
    const elsewhere = { database: other, clock: () => new Date(), onRevision: () => {} };
    // The listener connects in the background; a removal before it listens would be heard by no one.
    await vi.waitFor(async () => expect(await countRevisionListeners(here)).toBe(1), { timeout: 10_000, interval: 20 });
    await removeStaffMember(elsewhere, 'vic@example.com', CLI_ACTOR);
    // Well before the first heartbeat (25 s), which would end it anyway: the NOTIFY did.
    const late = new Promise<false>((resolve) => setTimeout(() => resolve(false), 10_000).unref());
    expect(await Promise.race([stream.ended(), late])).toBe(true);
    expect(app.deps.eventStreams.size).toBe(0);
  }, 60_000);
});
