// Databases for the scale bench: a SQLite file or a scratch PostgreSQL database per run, migrated the
// normal way, then seeded with the demo (`beacon demo`, through the services) or with the large
// organisation (straight through the store in bulk: src/services/demo/scale-organisation.ts). Either way
// the staff API key comes from the CLI, as an operator would make one.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { LARGE_ORGANISATION, seedScaleOrganisation } from '../dist/services/demo/scale-organisation.js';
import { openDatabase } from '../dist/store/database.js';
import { BENCH_DATABASE_SETTINGS } from './bench-settings.mjs';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const run = promisify(execFile);

/** Runs a `beacon` command against the database; its stdout. */
async function beacon(args, env) {
  const { stdout } = await run(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    maxBuffer: 1 << 20,
  });
  return stdout.trim();
}

async function adminQuery(adminUrl, text) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh PostgreSQL database on the server `adminUrl` points at; `drop()` removes it. */
async function scratchPostgres(adminUrl, name) {
  await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`) };
}

/**
 * @param {{ engine: 'sqlite' | 'postgres', size: 'demo' | 'large', workDir: string, adminUrl: string }} options
 * @returns the database URL, a data directory for the server, a staff API key, how long seeding took
 *   (migration and key excluded), and `drop()`.
 */
export async function prepareDatabase({ engine, size, workDir, adminUrl }) {
  const dataDir = join(workDir, `${engine}-${size}`);
  mkdirSync(dataDir, { recursive: true });
  const scratch = engine === 'postgres' ? await scratchPostgres(adminUrl, `beacon_scale_${process.pid}_${size}`) : null;
  const databaseUrl = scratch?.url ?? join(dataDir, 'beacon.sqlite');
  const drop = scratch?.drop ?? (async () => {});
  try {
    const env = { DATABASE_URL: databaseUrl, BEACON_DATA_DIR: dataDir };
    await beacon(['migrate'], env);
    const started = performance.now();
    const seeded = size === 'demo' ? { apiKey: await beacon(['demo'], env) } : { counts: await seedLarge(databaseUrl) };
    const seedSeconds = (performance.now() - started) / 1000;
    const apiKey = seeded.apiKey ?? (await beacon(['api-key', 'create', '--name', 'bench'], env));
    return { databaseUrl, dataDir, apiKey, seedSeconds, counts: seeded.counts, drop };
  } catch (error) {
    await drop();
    throw error;
  }
}

/** The large organisation, straight through the store in bulk; the rows written per table. */
async function seedLarge(databaseUrl) {
  const database = openDatabase(databaseUrl, BENCH_DATABASE_SETTINGS);
  try {
    return await seedScaleOrganisation({ database, clock: () => new Date(), onRevision: () => {} }, LARGE_ORGANISATION);
  } finally {
    await database.close();
  }
}
