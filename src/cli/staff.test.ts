import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASE_SETTINGS } from '../../test/helpers/test-config.js';
import { runCliInProcess } from '../../test/helpers/run-cli.js';
import { TEST_SECRET } from '../../test/helpers/sign-in-fixtures.js';
import { authenticateApiKey } from '../services/sessions/api-keys.js';
import { openDatabase } from '../store/database.js';

describe('beacon staff and beacon api-key --role (in-process, on a SQLite file)', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-staff-'));
    env = { BEACON_DATA_DIR: dataDir, BEACON_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', PUBLIC_URL: 'https://status.example.com' };
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const beacon = (...args: string[]) => runCliInProcess(args, env);

  async function withDatabase<T>(work: (database: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
    const database = openDatabase(join(dataDir, 'beacon.sqlite'), TEST_DATABASE_SETTINGS);
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  }

  it('adds, lists, changes and removes staff, each change audited with actor cli (STF-7)', async () => {
    expect((await beacon('staff', 'list')).stdout).toContain('No staff yet');
    const added = await beacon('staff', 'add', 'Ann@Example.com', '--role', 'admin');
    expect(added).toMatchObject({ code: 0, stdout: 'Added ann@example.com as admin. They sign in at https://status.example.com/admin\n' });
    expect((await beacon('staff', 'add', 'bob@example.com', '--role', 'viewer')).code).toBe(0);
    expect((await beacon('staff', 'role', 'bob@example.com', 'responder')).stdout).toBe(
      'bob@example.com is now responder; their sessions have ended.\n',
    );
    const listed = await beacon('staff', 'list', '--json');
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { email: 'ann@example.com', role: 'admin' },
      { email: 'bob@example.com', role: 'responder' },
    ]);
    expect((await beacon('staff', 'list')).stdout).toMatch(/^EMAIL +ROLE +ADDED\nann@example\.com +admin +\d{4}-/);
    expect((await beacon('staff', 'sign-out', 'bob@example.com')).stdout).toBe('Ended 0 sessions.\n');
    expect((await beacon('staff', 'remove', 'bob@example.com')).code).toBe(0);
    const audit = await withDatabase((database) =>
      database.db.selectFrom('audit_log').select(['actor', 'action']).where('subject_type', '=', 'staff').orderBy('at').execute(),
    );
    expect(audit.map((row) => `${row.actor} ${row.action}`).sort()).toEqual([
      'cli staff.added',
      'cli staff.added',
      'cli staff.removed',
      'cli staff.role_changed',
    ]);
  });

  it('says what is wrong: usage (exit 2), or a refused change (exit 1)', async () => {
    expect((await beacon('staff', 'add', 'ann@example.com')).code).toBe(2);
    expect((await beacon('staff', 'add', 'ann@example.com', '--role', 'owner')).stderr).toContain(
      'role: must be admin, responder or viewer',
    );
    expect((await beacon('staff', 'role', 'ann@example.com')).code).toBe(2);
    expect((await beacon('staff', 'frobnicate')).code).toBe(2);
    expect((await beacon('staff', 'add', 'ann@example.com', '--role', 'admin')).code).toBe(0);
    const again = await beacon('staff', 'add', 'ann@example.com', '--role', 'viewer');
    expect(again).toMatchObject({ code: 1, stderr: 'beacon staff: ann@example.com is already on the staff list\n' });
    expect((await beacon('staff', 'remove', 'ann@example.com')).stderr).toContain('the only admin');
    expect((await beacon('staff', '--help')).stderr).toContain('responder  read everything; declare and update incidents and maintenance');
  });

  it('STF-4: api-key create takes a role and a scope; admin by default, as the help says', async () => {
    expect((await beacon('api-key', '--help')).stderr).toContain('default: admin');
    const plain = (await beacon('api-key', 'create', '--name', 'old-style')).stdout.trim();
    const scoped = (await beacon('api-key', 'create', '--name', 'pager', '--role', 'responder', '--scope', 'incidents')).stdout.trim();
    expect((await beacon('api-key', 'create', '--name', 'x', '--role', 'root')).code).toBe(2);
    expect((await beacon('api-key', 'create', '--name', 'x', '--scope', 'secrets')).stderr).toContain('unknown resource "secrets"');
    await withDatabase(async (database) => {
      const ctx = { database, clock: () => new Date(), onRevision: () => {} };
      expect(await authenticateApiKey(ctx, plain)).toMatchObject({ role: 'admin', scope: null });
      expect(await authenticateApiKey(ctx, scoped)).toMatchObject({ role: 'responder', scope: ['incidents'] });
      const audit = await database.db.selectFrom('audit_log').select(['actor', 'action']).execute();
      expect(audit).toEqual([
        { actor: 'cli', action: 'api_key.created' },
        { actor: 'cli', action: 'api_key.created' },
      ]);
    });
  });
});
