// For `bench/memory.mjs`: where a process's resident set lies, by kind of mapping, from
// /proc/<pid>/smaps (Linux, glibc's allocator):
//   file    code and data of node and its libraries (and any mapped file);
//   brk     glibc's main malloc arena (`[heap]`): what the main thread mallocs (Buffers' bytes,
//           zlib's state, SQLite's page cache), including freed chunks glibc has not returned;
//   arenas  glibc's per-thread arenas (64 MB-aligned reservations): libuv's pool (brotli) and V8's
//           worker threads;
//   other   every other anonymous mapping: V8's heap, and allocations glibc mmapped on their own.
import { readFileSync } from 'node:fs';

const ARENA_SIZE = 64n * 1024n * 1024n;

/** The resident set of `pid` in MB, by kind of mapping. */
export function mappingsMb(pid) {
  const maps = [];
  let current;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (head) {
      current = { start: BigInt(`0x${head[1]}`), end: BigInt(`0x${head[2]}`), perms: head[3], name: head[4].trim(), kb: 0 };
      maps.push(current);
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && current) current.kb = Number(rss[1]);
  }
  const kb = { file: 0, brk: 0, arenas: 0, other: 0 };
  maps.forEach((map, i) => {
    if (map.name.startsWith('/')) kb.file += map.kb;
    else if (map.name === '[heap]') kb.brk += map.kb;
    else if (map.name === '' && isArena(map, maps[i + 1])) kb.arenas += map.kb;
    else kb.other += map.kb;
  });
  return Object.fromEntries(Object.entries(kb).map(([kind, value]) => [kind, value / 1024]));
}

/** A thread arena: 64 MB-aligned, its used part read-write and the rest of the 64 MB reserved. */
function isArena(map, next) {
  if (map.perms !== 'rw-p' || map.start % ARENA_SIZE !== 0n) return false;
  if (map.end - map.start === ARENA_SIZE) return true;
  return next !== undefined && next.perms === '---p' && next.start === map.end && next.end - map.start === ARENA_SIZE;
}
