import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, releasePostgresTestDatabase, takePostgresTestDatabase } from '../../test/helpers/databases.js';
import { buildTestContext } from '../../test/helpers/write-fixtures.js';
import type { Component } from '../domain/status/component.js';
import { createComponent } from '../services/status/components.js';
import { getIncident, listIncidents } from '../services/status/incidents.js';
import { type Database, migrateDatabase, openDatabase } from '../store/database.js';
import type { CliIo } from './cli-io.js';
import { runCli } from './commands.js';
import { resolveComponentArgs } from './incident-args.js';
import { TEST_DATABASE_SETTINGS } from '../../test/helpers/test-config.js';

for (const engine of ENGINES) {
  describe(`beacon incident (in-process) [${engine}]`, () => {
    let dataDir: string;
    let env: NodeJS.ProcessEnv;
    beforeEach(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'beacon-incident-'));
      const databaseUrl = engine === 'sqlite' ? join(dataDir, 'beacon.sqlite') : await takePostgresTestDatabase();
      env = { BEACON_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' };
    });
    afterEach(async () => {
      if (engine === 'postgres') await releasePostgresTestDatabase(env.DATABASE_URL!);
      rmSync(dataDir, { recursive: true, force: true });
    });

    /** Runs `work` on the database the CLI uses, with a service context on the real clock. */
    async function withDatabase<T>(work: (database: Database, ctx: ReturnType<typeof buildTestContext>['ctx']) => Promise<T>): Promise<T> {
      const database = openDatabase(env.DATABASE_URL!, TEST_DATABASE_SETTINGS);
      try {
        await migrateDatabase(database);
        return await work(database, buildTestContext(database, new Date()).ctx);
      } finally {
        await database.close();
      }
    }

    const seedComponents = (): Promise<{ api: Component; eu: Component }> =>
      withDatabase(async (_, ctx) => ({
        api: await createComponent(ctx, { name: 'API' }),
        eu: await createComponent(ctx, { name: 'EU database' }),
      }));

    const readIncidents = () => withDatabase((_, ctx) => listIncidents(ctx, { limit: 100 }));

    async function beacon(...argv: string[]) {
      const output = { out: '', err: '' };
      const io: CliIo = { env, out: (text) => void (output.out += text), err: (text) => void (output.err += text) };
      return { code: await runCli(['incident', ...argv], io), ...output };
    }

    it('declares, updates and resolves an incident through the services, components by name or id', async () => {
      const { api, eu } = await seedComponents();
      const declared = await beacon(
        'declare',
        '--name',
        'API errors',
        '--message',
        'We are looking into it.',
        '--component',
        'api=partial_outage',
        '--component',
        `${eu.id}=degraded_performance`,
      );
      expect(declared).toMatchObject({ code: 0, err: 'Declared incident "API errors" (investigating).\n' });
      expect(declared.out).toMatch(/^\S+\n$/);
      const id = declared.out.trim();
      const stored = await withDatabase((_, ctx) => getIncident(ctx, id));
      expect(stored.name).toBe('API errors');
      expect(stored.updates).toHaveLength(1);
      expect(stored.updates[0]).toMatchObject({ status: 'investigating', message: 'We are looking into it.' });
      expect(stored.updates[0]!.impacts).toEqual(
        expect.arrayContaining([
          { componentId: api.id, impact: 'partial_outage' },
          { componentId: eu.id, impact: 'degraded_performance' },
        ]),
      );

      const updated = await beacon('update', id, '--status', 'identified', '--message', 'A bad deploy.', '--component', 'EU Database=none');
      expect(updated).toMatchObject({ code: 0, out: `${id}  identified  API errors\n`, err: '' });
      const afterUpdate = await withDatabase((_, ctx) => getIncident(ctx, id));
      expect(afterUpdate.updates.map((u) => u.status)).toEqual(['investigating', 'identified']);
      expect(afterUpdate.updates[1]!.impacts).toEqual([{ componentId: eu.id, impact: null }]);

      const resolved = await beacon('resolve', id, '--message', 'Rolled back.', '--json');
      expect(resolved.code).toBe(0);
      const body = JSON.parse(resolved.out) as { id: string; status: string; resolved_at: string | null; components: unknown[] };
      expect(body).toMatchObject({
        id,
        status: 'resolved',
        components: expect.arrayContaining([{ component_id: api.id, impact: 'none' }]),
      });
      expect(body.resolved_at).not.toBeNull();
      const afterResolve = await withDatabase((_, ctx) => getIncident(ctx, id));
      expect(afterResolve.updates.map((u) => [u.status, u.message])).toEqual([
        ['investigating', 'We are looking into it.'],
        ['identified', 'A bad deploy.'],
        ['resolved', 'Rolled back.'],
      ]);
    });

    it('resolving twice changes nothing the second time, and says so; STF-7: each write is audited with actor cli', async () => {
      const id = (await beacon('declare', '--name', 'Slow pages', '--message', 'Looking.', '--status', 'monitoring')).out.trim();
      expect((await beacon('resolve', id)).code).toBe(0);
      const again = await beacon('resolve', id);
      const audit = await withDatabase((database) =>
        database.db.selectFrom('audit_log').select(['actor', 'action', 'subject_id']).where('subject_type', '=', 'incident').execute(),
      );
      expect(audit.map((row) => `${row.actor} ${row.action} ${row.subject_id}`).sort()).toEqual([
        `cli incident.declared ${id}`,
        `cli incident.resolved ${id}`,
      ]);
      expect(again).toMatchObject({ code: 0, out: `${id}  resolved  Slow pages\n`, err: 'It was already resolved: nothing changed.\n' });
      const incident = await withDatabase((_, ctx) => getIncident(ctx, id));
      expect(incident.updates.map((u) => [u.status, u.message])).toEqual([
        ['monitoring', 'Looking.'],
        ['resolved', 'This incident has been resolved.'],
      ]);
    });

    it('STF-7: a refused update leaves no audit record', async () => {
      const id = (await beacon('declare', '--name', 'Slow pages', '--message', 'Looking.')).out.trim();
      const refused = await beacon('update', id, '--status', 'identified', '--message', 'x'.repeat(100_000));
      expect(refused.code).not.toBe(0);
      const actions = await withDatabase((database) =>
        database.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'incident').execute(),
      );
      expect(actions.map((row) => row.action)).toEqual(['incident.declared']);
    });

    it('lists incidents newest first, open or resolved ones only, as text or as the API’s JSON', async () => {
      const older = (await beacon('declare', '--name', 'Older', '--message', 'm')).out.trim();
      const newer = (await beacon('declare', '--name', 'Newer', '--message', 'm', '--status', 'identified')).out.trim();
      await beacon('resolve', older);

      const all = await beacon('list');
      expect(all.code).toBe(0);
      const lines = all.out.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^ID +STATUS +IMPACT +STARTED +NAME$/);
      expect(lines.slice(1)).toEqual([
        expect.stringMatching(new RegExp(`^${newer} +identified +none +\\S+Z +Newer$`)),
        expect.stringMatching(new RegExp(`^${older} +resolved +none +\\S+Z +Older$`)),
      ]);

      expect((await beacon('list', '--open')).out).not.toContain(older);
      expect((await beacon('list', '--resolved')).out).not.toContain(newer);
      const limited = JSON.parse((await beacon('list', '--limit', '1', '--json')).out) as { id: string; status: string }[];
      expect(limited).toEqual([expect.objectContaining({ id: newer, status: 'identified' })]);
    });

    it('says when there are no incidents', async () => {
      expect(await beacon('list')).toMatchObject({ code: 0, out: 'No incidents.\n' });
    });

    it('exits 1 naming the problem, and writes nothing, for an unknown or ambiguous component or incident', async () => {
      await seedComponents();
      await withDatabase((_, ctx) => createComponent(ctx, { name: 'api' }));
      const unknown = await beacon('declare', '--name', 'X', '--message', 'm', '--component', 'Billing=full_outage');
      expect(unknown).toMatchObject({
        code: 1,
        out: '',
        err: 'beacon incident: --component "Billing": no component has this id or name\n',
      });
      const ambiguous = await beacon('declare', '--name', 'X', '--message', 'm', '--component', 'API=full_outage');
      expect(ambiguous).toMatchObject({
        code: 1,
        out: '',
        err: 'beacon incident: --component "API": 2 components have this name; give the id\n',
      });
      const missing = await beacon('update', 'no-such-incident', '--status', 'identified', '--message', 'm');
      expect(missing).toMatchObject({ code: 1, err: 'beacon incident: Incident "no-such-incident" does not exist\n' });
      expect(await beacon('resolve', 'no-such-incident')).toMatchObject({
        code: 1,
        err: 'beacon incident: Incident "no-such-incident" does not exist\n',
      });
      expect(await readIncidents()).toEqual([]);
    });

    it('exits 1 with the service’s own message for input the API would refuse too', async () => {
      const blank = await beacon('declare', '--name', '   ', '--message', 'm');
      expect(blank).toMatchObject({ code: 1, err: 'beacon incident: name: must not be empty\n' });
      expect(await readIncidents()).toEqual([]);
    });
  });
}

describe('beacon incident: bad usage (exit 2, nothing opened)', () => {
  // No database is configured that could be written: each of these must stop before opening one.
  const env = { BEACON_DATA_DIR: join(tmpdir(), 'beacon-incident-never-created'), LOG_LEVEL: 'silent' };
  it.each([
    [[], 'missing action'],
    [['close'], 'unknown action "close"'],
    [['declare', '--message', 'm'], '--name is required'],
    [['declare', '--name', 'X'], '--message is required'],
    [
      ['declare', '--name', 'X', '--message', 'm', '--status', 'fixed'],
      '--status must be one of investigating, identified, monitoring, resolved',
    ],
    [['declare', '--name', 'X', '--message', 'm', '--component', 'API'], '--component "API": expected <id or name>=<impact>'],
    [['declare', '--name', 'X', '--message', 'm', '--component', 'API=down'], '--component "API=down": expected <id or name>=<impact>'],
    [['declare', '--name', 'X', '--message', 'm', '--component', '=none'], '--component "=none": expected'],
    [['declare', '--name', 'X', '--message', 'm', '--open'], '--open does not apply to declare'],
    [['update', '--status', 'identified', '--message', 'm'], 'missing incident id'],
    [['update', 'abc', '--message', 'm'], '--status is required'],
    [['update', 'abc', 'def', '--status', 'identified', '--message', 'm'], 'unexpected argument "def"'],
    [['resolve'], 'missing incident id'],
    [['resolve', 'abc', '--status', 'resolved'], '--status does not apply to resolve'],
    [['list', '--open', '--resolved'], '--open and --resolved exclude each other'],
    [['list', '--limit', '0'], '--limit must be a whole number from 1 to 100'],
    [['list', '--limit', 'ten'], '--limit must be a whole number from 1 to 100'],
    [['list', 'extra'], 'unexpected argument "extra"'],
  ])('%j', async (argv, message) => {
    const output = { out: '', err: '' };
    const io: CliIo = { env, out: (text) => void (output.out += text), err: (text) => void (output.err += text) };
    expect(await runCli(['incident', ...argv], io)).toBe(2);
    expect(output.err).toContain(`beacon incident: ${message}`);
    expect(output.err).toContain('Usage: beacon incident declare');
    expect(output.out).toBe('');
  });
});

describe('resolveComponentArgs', () => {
  const at = new Date('2025-01-01T00:00:00Z');
  const component = (id: string, name: string): Component => ({ id, name, description: null, createdAt: at, updatedAt: at });
  const components = [component('c1', 'API'), component('c2', 'Web = app'), component('API2', 'Search')];

  it('takes an id as it is, before any name', () => {
    expect(resolveComponentArgs([{ ref: 'API2', impact: null }], [...components, component('c4', 'API2')])).toEqual([
      { componentId: 'API2', impact: null },
    ]);
  });

  it('matches a name without regard to case, even one holding "="', () => {
    expect(
      resolveComponentArgs(
        [
          { ref: 'api', impact: 'full_outage' },
          { ref: 'web = APP', impact: 'degraded_performance' },
        ],
        components,
      ),
    ).toEqual([
      { componentId: 'c1', impact: 'full_outage' },
      { componentId: 'c2', impact: 'degraded_performance' },
    ]);
  });
});
