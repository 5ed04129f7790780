// `npm run bench:notifications`: builds (npm script), seeds BENCH_SUBSCRIBERS (10,000) confirmed
// subscribers of one page in bulk into a temp SQLite data dir, starts `beacon serve` from dist/ as a
// child process mailing a local SMTP sink (the smtp-server package, in this process), then declares
// one incident with notify on through the API and waits for every mail. Reports:
//   - mails/s from the API call to the last mail (fan-out and delivery); target: at least 500;
//   - the server's peak resident set during the run against its idle one (VmRSS in
//     /proc/<pid>/status, sampled every 20 ms); target: peak at most idle + 50 MB;
//   - mails received twice or never (both must be 0).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { apiClient, rssMb } from './memory-client.mjs';
import { SERVER_ALLOCATOR_ENV, allocatorDescription, knob, waitForListening } from './tools.mjs';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const SUBSCRIBERS = knob('BENCH_SUBSCRIBERS', 10_000);
const RATE_TARGET = 500;
const GROWTH_TARGET_MB = 50;

if (!existsSync(CLI)) {
  console.error('dist/ is missing: run `npm run bench:notifications` (it builds first).');
  process.exit(1);
}
const { openDatabase, migrateDatabase } = await import('../dist/store/database.js');
const { createApiKey } = await import('../dist/services/sessions/api-keys.js');
const { createComponent } = await import('../dist/services/status/components.js');
const { createPage } = await import('../dist/services/pages/pages.js');
const { BENCH_DATABASE_SETTINGS } = await import('./bench-settings.mjs');

const dataDir = mkdtempSync(join(tmpdir(), 'beacon-notifications-'));
const logPath = join(dataDir, 'server.log');
let child;
process.on('exit', () => {
  if (child?.exitCode === null) child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));

// The sink: counts each recipient; keeps nothing else.
const received = new Map();
let lastAt = 0;
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      for (const rcpt of session.envelope.rcptTo) received.set(rcpt.address, (received.get(rcpt.address) ?? 0) + 1);
      lastAt = performance.now();
      callback();
    });
  },
});
await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
const smtpUrl = `smtp://127.0.0.1:${sink.server.address().port}`;

// Seed through the services and the database, as an import would.
const databaseUrl = join(dataDir, 'beacon.sqlite');
const seeding = openDatabase(databaseUrl, BENCH_DATABASE_SETTINGS);
await migrateDatabase(seeding);
const ctx = { database: seeding, clock: () => new Date(), onRevision: () => {} };
const component = await createComponent(ctx, { name: 'API' });
const page = await createPage(ctx, {
  slug: 'status',
  name: 'Acme',
  items: [{ kind: 'component', componentId: component.id, showUptime: true }],
});
const { token } = await createApiKey(ctx, { name: 'bench' }, 'bench');
const at = new Date().toISOString();
const seedStarted = performance.now();
for (let i = 0; i < SUBSCRIBERS; i += 1000) {
  const rows = Array.from({ length: Math.min(1000, SUBSCRIBERS - i) }, (_, j) => ({
    id: `bench${String(i + j).padStart(8, '0')}`,
    scope: `page:${page.id}`,
    email: `subscriber${i + j}@example.com`,
    domain: 'example.com',
    component_ids: null,
    state: 'confirmed',
    consent_source: 'import:bench',
    consent_at: at,
    created_at: at,
    updated_at: at,
    confirmed_at: at,
    unsubscribed_at: null,
  }));
  await seeding.db.transaction().execute((tx) => tx.insertInto('email_subscriptions').values(rows).execute());
}
const seedMs = performance.now() - seedStarted;
await seeding.close();

child = spawn(process.execPath, [CLI, 'serve'], {
  env: {
    ...process.env,
    ...SERVER_ALLOCATOR_ENV,
    BEACON_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    PUBLIC_URL: 'https://status.bench.test',
    SMTP_URL: smtpUrl,
    MAIL_FROM: 'Bench <status@bench.test>',
    LOG_LEVEL: 'info',
  },
  stdio: ['ignore', openSync(logPath, 'w'), 'ignore'],
});
const beacon = await waitForListening(child, logPath);
const api = apiClient(beacon, token);
// Idle: started, its first snapshot loaded, nothing to send.
await api('GET', '/components');
await new Promise((resolve) => setTimeout(resolve, 3000));
const idleMb = rssMb(child.pid);
let peakMb = idleMb;
const sampler = setInterval(() => {
  peakMb = Math.max(peakMb, rssMb(child.pid));
}, 20);

const started = performance.now();
await api('POST', '/incidents', {
  name: 'API errors',
  status: 'investigating',
  message: 'We are looking into elevated error rates.',
  components: [{ component_id: component.id, impact: 'partial_outage' }],
});
const deadline = started + 10 * 60_000;
while (received.size < SUBSCRIBERS && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
// A moment more, to see any mail sent twice.
await new Promise((resolve) => setTimeout(resolve, 2000));
clearInterval(sampler);
const seconds = (lastAt - started) / 1000;
const rate = received.size / seconds;
const duplicates = [...received.values()].reduce((sum, count) => sum + count - 1, 0);
const missing = SUBSCRIBERS - received.size;
const growth = peakMb - idleMb;
sink.close();

console.log(`notifications bench: ${SUBSCRIBERS} subscribers of one page, SQLite, ${allocatorDescription()}`);
console.log(`  seeded in ${(seedMs / 1000).toFixed(1)} s`);
console.log(`  ${received.size} mails in ${seconds.toFixed(1)} s: ${rate.toFixed(0)} mails/s (target >= ${RATE_TARGET})`);
console.log(
  `  RSS idle ${idleMb.toFixed(1)} MB, peak ${peakMb.toFixed(1)} MB: +${growth.toFixed(1)} MB (target <= +${GROWTH_TARGET_MB} MB)`,
);
console.log(`  sent twice: ${duplicates}, never sent: ${missing}`);
const ok = rate >= RATE_TARGET && growth <= GROWTH_TARGET_MB && duplicates === 0 && missing === 0;
console.log(ok ? 'PASS' : 'FAIL');
process.exitCode = ok ? 0 : 1;
