import { relative, sep } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const INCLUDE = ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'];
// Files that replace a module with vi.mock: they need a module graph of their own, as the modules
// that import the mocked one are otherwise already loaded (and a mock in them would leak).
const NEEDS_OWN_MODULES = [
  'src/domain/access/secret-compare.test.ts',
  'src/services/sign-in/sign-in-constant-time.test.ts',
  'src/services/sign-in/sign-in-races.test.ts',
  'src/services/sign-in/sign-in-randomness.test.ts',
];
/**
 * The files that take longest (browser journeys, spawned servers) start first, so that the two
 * workers end together instead of one finishing a long file alone. Vitest orders by the durations it
 * cached from earlier runs; a fresh checkout has none and would order by file size, which puts these
 * short-but-slow files last.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const slow = (file: TestSpecification): boolean => relative(file.project.config.root, file.moduleId).startsWith(`test${sep}`);
    return [...sorted.filter(slow), ...sorted.filter((file) => !slow(file))];
  }
}

const EACH_PROJECT = { testTimeout: 20_000, hookTimeout: 30_000, pool: 'forks' } as const;

export default defineConfig({
  test: {
    // Runs once per run (the root project's), before any project's tests.
    globalSetup: ['test/global-setup.ts'],
    // One worker per core (see the README's Development section for the measurements).
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    projects: [
      // Every other file shares its worker's loaded modules with the files before it: loading Hono,
      // Kysely, zod and the app once per worker instead of once per file.
      { test: { name: 'shared', include: INCLUDE, exclude: NEEDS_OWN_MODULES, isolate: false, ...EACH_PROJECT } },
      { test: { name: 'isolated', include: NEEDS_OWN_MODULES, isolate: true, ...EACH_PROJECT } },
    ],
  },
});
