import { describe, expect, it } from 'vitest';
import type { Component, Group } from '../../domain/status/component.js';
import { IMPACTS, type Impact } from '../../domain/status/impact.js';
import type { Incident, IncidentStatus } from '../../domain/status/incident.js';
import type { Maintenance } from '../../domain/status/maintenance.js';
import type { Page } from '../../domain/pages/page.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { nextMidnight } from '../../domain/time-zone.js';
import {
  component,
  daysAgo,
  firstIncidentStartsOf,
  group,
  maintenance,
  page,
  snapshotWith,
} from '../../../test/helpers/snapshot-fixtures.js';
import { renderStatusPage } from './render.js';
import { StatusPageRenderer } from './status-page-renderer.js';
import { TEST_CACHES } from '../../../test/helpers/test-config.js';
import { timeZones } from '../time-zones.js';

const OPTIONS = { publicUrl: 'https://status.example.com' };
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STATUSES: IncidentStatus[] = ['investigating', 'identified', 'monitoring', 'resolved'];
// Whole-hour, half-hour and quarter-hour offsets, with and without daylight saving: each rolls over to a new day at its own instant.
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Adelaide'];

/** A small deterministic generator (mulberry32), so a failing run can be replayed from its seed. */
function randomFrom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number): number => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

/**
 * A live state moved the way the loader moves it: whatever a step changes is a new object, and
 * everything else stays the very same object (which the renderer's kept cards and answers rely on).
 */
class World {
  components = new Map<string, Component>();
  groups = new Map<string, Group>();
  pages: Page[] = [];
  incidents: Incident[] = [];
  maintenances: Maintenance[] = [];
  revision = 1;
  #ids = 0;

  constructor(public now: Date) {
    for (let i = 0; i < 12; i++) {
      const created = i === 11 ? daysAgo(20) : daysAgo(400);
      this.components.set(`c${i}`, { ...component(`c${i}`, created), name: `Service ${i} <“edge”>` });
    }
    this.groups.set('g1', group('g1', ['c0', 'c1', 'c2', 'c3']));
    this.groups.set('g2', group('g2', ['c4', 'c5', 'c6', 'c7', 'c11']));
    this.pages = ZONES.map((timeZone, index) =>
      page(
        [
          { kind: 'component', componentId: 'c8', showUptime: true },
          { kind: 'group', groupId: 'g1', showUptime: true },
          { kind: 'group', groupId: 'g2', showUptime: index % 2 === 0 },
          { kind: 'component', componentId: index < 2 ? 'c9' : 'c10', showUptime: index !== 1 },
        ],
        { id: `p${index}`, slug: `page-${index}`, timeZone },
      ),
    );
  }

  id(prefix: string): string {
    this.#ids += 1;
    return `${prefix}${this.#ids}`;
  }

  snapshot(): Snapshot {
    return snapshotWith({
      revision: this.revision,
      loadedAt: this.now,
      components: new Map(this.components),
      groups: new Map(this.groups),
      pages: new Map(this.pages.map((p) => [p.id, p])),
      incidents: [...this.incidents],
      maintenances: [...this.maintenances],
      firstIncidentStarts: firstIncidentStartsOf(this.incidents),
    });
  }
}

function randomImpacts(random: ReturnType<typeof randomFrom>, world: World): { componentId: string; impact: Impact | null }[] {
  const ids = [...world.components.keys()];
  const count = 1 + random.int(3);
  const chosen = new Set(Array.from({ length: count }, () => random.pick(ids)));
  return [...chosen].map((componentId) => ({ componentId, impact: random.int(6) === 0 ? null : random.pick(IMPACTS) }));
}

/** One random write or clock move; returns what it did, for the failure message. */
function step(random: ReturnType<typeof randomFrom>, world: World): string {
  const now = world.now;
  const roll = random.int(12);
  world.revision += 1;
  if (roll === 0 || world.incidents.length === 0) {
    const id = world.id('i');
    const at = new Date(now.getTime() - random.int(5) * DAY - random.int(DAY));
    const incident: Incident = {
      id,
      name: `Incident ${id} & co`,
      createdAt: now,
      updatedAt: now,
      updates: [
        {
          id: world.id('u'),
          incidentId: id,
          status: 'investigating',
          message: `First word on ${id}`,
          displayAt: at,
          createdAt: now,
          impacts: randomImpacts(random, world),
        },
      ],
    };
    world.incidents = [...world.incidents, incident];
    return `declare ${id} from ${at.toISOString()}`;
  }
  if (roll <= 2) {
    const index = random.int(world.incidents.length);
    const old = world.incidents[index]!;
    const last = old.updates[old.updates.length - 1]!;
    const status = random.pick(STATUSES);
    const update = {
      id: world.id('u'),
      incidentId: old.id,
      status,
      message: `Now ${status}`,
      displayAt: new Date(Math.max(now.getTime(), last.displayAt.getTime())),
      createdAt: now,
      impacts: randomImpacts(random, world),
    };
    world.incidents = world.incidents.map((incident, i) =>
      i === index ? { ...old, updatedAt: now, updates: [...old.updates, update] } : incident,
    );
    return `update ${old.id} to ${status}`;
  }
  if (roll === 3) {
    const index = random.int(world.incidents.length);
    const old = world.incidents[index]!;
    world.incidents = world.incidents.map((incident, i) => (i === index ? { ...old, name: `${old.name}!`, updatedAt: now } : incident));
    return `rename ${old.id}`;
  }
  if (roll === 4) {
    const id = random.pick([...world.components.keys()]);
    const old = world.components.get(id)!;
    world.components.set(
      id,
      random.int(2) === 0 ? { ...old, name: `${old.name}+` } : { ...old, description: old.description === null ? 'Now described' : null },
    );
    return `edit component ${id}`;
  }
  if (roll === 5) {
    const id = world.id('m');
    const start = new Date(now.getTime() + (random.int(4) - 2) * HOUR + random.int(HOUR));
    const ids = [...new Set(randomImpacts(random, world).map((change) => change.componentId))];
    world.maintenances = [
      ...world.maintenances,
      { ...maintenance(id, ids, start, new Date(start.getTime() + (1 + random.int(5)) * HOUR)), createdAt: now },
    ];
    return `schedule ${id} at ${start.toISOString()}`;
  }
  if (roll === 6 && world.maintenances.length > 0) {
    const index = random.int(world.maintenances.length);
    const old = world.maintenances[index]!;
    world.maintenances = world.maintenances.map((item, i) => (i === index ? { ...old, completedAt: now, updatedAt: now } : item));
    return `complete ${old.id}`;
  }
  if (roll === 7) {
    const [from, to] = random.int(2) === 0 ? ['g1', 'g2'] : ['g2', 'g1'];
    const source = world.groups.get(from)!;
    if (source.componentIds.length < 2) return 'nothing';
    const moved = source.componentIds[0]!;
    world.groups.set(from, { ...source, componentIds: source.componentIds.slice(1) });
    world.groups.set(to, { ...world.groups.get(to)!, componentIds: [...world.groups.get(to)!.componentIds, moved] });
    return `move ${moved} to ${to}`;
  }
  // The clock alone: seconds (uptime figures creep), hours, or across some zone's midnight.
  world.revision -= 1;
  const kind = random.int(3);
  if (kind === 0) world.now = new Date(now.getTime() + 1 + random.int(10 * MINUTE));
  else if (kind === 1) world.now = new Date(now.getTime() + random.int(6 * HOUR));
  else world.now = new Date(nextMidnight(now, random.pick(ZONES), timeZones).getTime() + random.int(3) - 1);
  return `clock to ${world.now.toISOString()}`;
}

describe('StatusPageRenderer', () => {
  it('renders every page byte for byte as a whole render does, over random writes and clock moves', () => {
    const seed = Number(process.env.RENDERER_SEED ?? 20260320);
    const random = randomFrom(seed);
    const world = new World(new Date('2026-03-20T21:30:00Z'));
    const renderer = new StatusPageRenderer(TEST_CACHES.statusPageRows);
    const log: string[] = [`seed ${seed}`];
    for (let n = 0; n < 150; n++) {
      log.push(step(random, world));
      const snapshot = world.snapshot();
      for (const shown of world.pages) {
        const expected = renderStatusPage(snapshot, shown, world.now, OPTIONS);
        const actual = Buffer.concat(renderer.render(snapshot, shown, world.now, OPTIONS)).toString('utf8');
        if (actual !== expected) expect(actual, `${log.join('\n')}\npage ${shown.slug}`).toBe(expected);
      }
    }
    // Not vacuous: rows and cards were reused far more often than they were made, and many were made.
    const { reused, made } = renderer.stats;
    expect(made).toBeGreaterThan(200);
    expect(reused).toBeGreaterThan(3 * made);
  }, 120_000);

  it('stays within its byte bound', () => {
    const world = new World(new Date('2026-03-20T21:30:00Z'));
    const renderer = new StatusPageRenderer({ ...TEST_CACHES.statusPageRows, maxEntries: 1000, maxBytes: 40_000 });
    const snapshot = world.snapshot();
    for (const shown of world.pages) {
      expect(Buffer.concat(renderer.render(snapshot, shown, world.now, OPTIONS)).toString('utf8')).toBe(
        renderStatusPage(snapshot, shown, world.now, OPTIONS),
      );
    }
    // Twelve-odd rows of four pages do not fit in 40 kB: what does not fit is made again, never served wrong.
    expect(renderer.stats.kept).toBeLessThan(20);
  });
});
