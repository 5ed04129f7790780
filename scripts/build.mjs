#!/usr/bin/env node
// Builds dist/ with tsc only when its inputs changed since the last build, so `npm start` on a
// current dist/ starts at once instead of spending 10–40 s compiling. `--force` always builds.
//
// The inputs are everything under src/ that tsconfig.build.json compiles, the two tsconfig files,
// package.json and package-lock.json. Their fingerprint (each path with its size and mtime) is kept
// in dist/.build-stamp after a successful build; any file added, removed, edited or touched since
// changes the fingerprint and so rebuilds. A failed build leaves no stamp.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(ROOT, 'dist', '.build-stamp');
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const isTest = (name) => /\.test\.tsx?$/.test(name);

function listSources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSources(path);
    return entry.isFile() && !isTest(entry.name) ? [path] : [];
  });
}

function fingerprint() {
  const files = [...listSources(join(ROOT, 'src')), ...CONFIG_FILES.map((name) => join(ROOT, name))];
  const lines = files
    .map((path) => {
      const stat = statSync(path, { throwIfNoEntry: false });
      return `${relative(ROOT, path)} ${stat ? `${stat.size} ${stat.mtimeMs}` : 'missing'}`;
    })
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

function readStamp() {
  try {
    return readFileSync(STAMP, 'utf8').trim();
  } catch {
    return null;
  }
}

const force = process.argv.includes('--force');
const before = fingerprint();
if (!force && readStamp() === before && statSync(join(ROOT, 'dist', 'cli', 'main.js'), { throwIfNoEntry: false })) {
  console.error('dist/ is up to date with src/: not rebuilding (`npm run build` forces a build).');
  process.exit(0);
}

rmSync(STAMP, { force: true });
console.error('Building dist/ (tsc -p tsconfig.build.json)…');
const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
// The fingerprint taken before compiling: a file edited during the build makes the next start rebuild.
writeFileSync(STAMP, `${before}\n`);
