import { IMPACTS } from '../../domain/status/impact.js';
import type { ImpactChange, Incident, IncidentStatus, IncidentUpdate } from '../../domain/status/incident.js';
import { newId } from '../../domain/id.js';
import type { Maintenance } from '../../domain/status/maintenance.js';
import { compareIds } from '../status/component-refs.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A number in [0, 1), from a seeded generator, so every run builds the same shape of history. */
export type Random = () => number;

/** Mulberry32: small, fast and good enough to spread incidents over time. */
export function seededRandom(seed: number): Random {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

/** 1 to `most` distinct items of `items`. */
function pickSome<T>(rand: Random, items: readonly T[], most: number): T[] {
  const count = 1 + Math.floor(rand() * most);
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(pick(rand, items));
  return [...chosen];
}

export interface HistoryOptions {
  now: Date;
  /** How far back the history reaches. */
  days: number;
  rand: Random;
}

/** An update as the incident service builds it: impacts sorted by component id, not back-dated. */
function update(incidentId: string, status: IncidentStatus, message: string, at: Date, impacts: ImpactChange[] = []): IncidentUpdate {
  const sorted = [...impacts].sort((a, b) => compareIds(a.componentId, b.componentId));
  return { id: newId(), incidentId, status, message, displayAt: at, createdAt: at, impacts: sorted };
}

function incident(name: string, steps: (id: string) => IncidentUpdate[]): Incident {
  const id = newId();
  const updates = steps(id);
  return { id, name, createdAt: updates[0]!.createdAt, updatedAt: updates[updates.length - 1]!.createdAt, updates };
}

/**
 * `counts.resolved` incidents spread over the history, each investigating → identified → monitoring →
 * resolved over minutes to hours, hitting 1–3 of `componentIds`; then `counts.open` still open, begun
 * in the last hours, on `openComponentIds` (so the pages people look at show them).
 */
export function buildIncidents(
  options: HistoryOptions,
  counts: { resolved: number; open: number },
  componentIds: readonly string[],
  openComponentIds: readonly string[],
): Incident[] {
  const { now, days, rand } = options;
  const incidents: Incident[] = [];
  for (let i = 0; i < counts.resolved; i++) {
    // Ended by a day ago at the latest: the history is settled.
    const start = now.getTime() - DAY - rand() * (days - 1) * DAY;
    const identified = start + (5 + rand() * 55) * MINUTE;
    const monitoring = identified + (10 + rand() * 180) * MINUTE;
    const resolved = monitoring + (15 + rand() * 360) * MINUTE;
    const hit = pickSome(rand, componentIds, 3);
    const impact = pick(rand, IMPACTS);
    incidents.push(
      incident(`Incident ${i + 1}: elevated errors`, (id) => [
        update(
          id,
          'investigating',
          'We are investigating elevated error rates.',
          new Date(start),
          hit.map((componentId) => ({ componentId, impact })),
        ),
        update(id, 'identified', 'We have identified the cause and are deploying a fix.', new Date(identified)),
        update(
          id,
          'monitoring',
          'A fix is in place; we are monitoring.',
          new Date(monitoring),
          hit.map((componentId) => ({ componentId, impact: 'degraded_performance' })),
        ),
        update(id, 'resolved', 'This incident has been resolved.', new Date(resolved)),
      ]),
    );
  }
  const openStatuses: IncidentStatus[] = ['investigating', 'identified', 'monitoring'];
  for (let i = 0; i < counts.open; i++) {
    const start = now.getTime() - (1 + rand() * 5) * HOUR;
    const status = openStatuses[i % openStatuses.length]!;
    const hit = pickSome(rand, openComponentIds, 2);
    incidents.push(
      incident(`Ongoing incident ${i + 1}`, (id) => {
        const impacts = hit.map((componentId) => ({ componentId, impact: pick(rand, IMPACTS) }));
        const steps = [update(id, 'investigating', 'We are investigating reports of slow responses.', new Date(start), impacts)];
        if (status !== 'investigating') steps.push(update(id, 'identified', 'We found the cause.', new Date(start + 20 * MINUTE)));
        if (status === 'monitoring') steps.push(update(id, 'monitoring', 'A fix is rolling out.', new Date(start + 40 * MINUTE)));
        return steps;
      }),
    );
  }
  return incidents;
}

type WindowFields = Pick<Maintenance, 'name' | 'componentIds' | 'scheduledStart' | 'scheduledEnd' | 'createdAt'> &
  Partial<Pick<Maintenance, 'completedAt' | 'cancelledAt'>>;

/** A maintenance window with an update per message; neither completed early nor cancelled unless it says so. */
function maintenance(fields: WindowFields, messages: { at: Date; message: string }[] = []): Maintenance {
  const id = newId();
  const updates = messages.map(({ at, message }) => ({ id: newId(), maintenanceId: id, message, createdAt: at }));
  const cancelledAt = fields.cancelledAt ?? null;
  const updatedAt = updates.at(-1)?.createdAt ?? cancelledAt ?? fields.createdAt;
  return {
    id,
    description: 'Planned work; short interruptions are possible.',
    completedAt: null,
    updatedAt,
    updates,
    ...fields,
    cancelledAt,
  };
}

/**
 * `pastCount` windows over the history on 1–3 of `componentIds` (most simply ran their course, some
 * were completed early, a few cancelled), then two in progress and three upcoming.
 */
export function buildMaintenances(options: HistoryOptions, pastCount: number, componentIds: readonly string[]): Maintenance[] {
  const { now, days, rand } = options;
  const maintenances: Maintenance[] = [];
  for (let i = 0; i < pastCount; i++) {
    const start = now.getTime() - DAY - rand() * (days - 1) * DAY;
    const end = start + (30 + Math.floor(rand() * 8) * 30) * MINUTE;
    const fields = {
      name: `Maintenance ${i + 1}`,
      componentIds: pickSome(rand, componentIds, 3),
      scheduledStart: new Date(start),
      scheduledEnd: new Date(end),
      createdAt: new Date(start - 7 * DAY),
    };
    const fate = rand();
    if (fate < 0.1) {
      maintenances.push(maintenance({ ...fields, cancelledAt: new Date(start - DAY) }));
    } else if (fate < 0.3) {
      const completedAt = new Date(start + (end - start) / 2);
      maintenances.push(maintenance({ ...fields, completedAt }, [{ at: completedAt, message: 'The work finished early.' }]));
    } else {
      maintenances.push(maintenance(fields));
    }
  }
  const hoursFromNow = (hours: number) => new Date(now.getTime() + hours * HOUR);
  const createdAt = new Date(now.getTime() - 7 * DAY);
  for (let i = 0; i < 2; i++) {
    const scheduledStart = hoursFromNow(-0.5 - i);
    const fields = {
      name: `Running maintenance ${i + 1}`,
      componentIds: pickSome(rand, componentIds, 2),
      scheduledStart,
      scheduledEnd: hoursFromNow(1.5 + i),
      createdAt,
    };
    maintenances.push(maintenance(fields, [{ at: new Date(scheduledStart.getTime() + 5 * MINUTE), message: 'The work has started.' }]));
  }
  for (let i = 0; i < 3; i++) {
    const scheduledStart = hoursFromNow(24 * (2 + 3 * i));
    const scheduledEnd = new Date(scheduledStart.getTime() + 2 * HOUR);
    maintenances.push(
      maintenance({
        name: `Upcoming maintenance ${i + 1}`,
        componentIds: pickSome(rand, componentIds, 3),
        scheduledStart,
        scheduledEnd,
        createdAt,
      }),
    );
  }
  return maintenances;
}
