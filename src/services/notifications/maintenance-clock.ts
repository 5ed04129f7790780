import { listMaintenancesWithInstantsIn } from '../../store/status/maintenances.js';
import type { MaintenanceInstants } from '../../store/status/maintenances.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import type { ServiceContext } from '../context.js';
import { maintenanceChangeKey, queueNotification } from './notify.js';

/**
 * How far back the clock looks for a start or end it has not announced yet: a process that was down
 * catches up on the last hour, not on stale news. Far below the outbox's retention of finished
 * messages (a week), whose dedupe keys are what keeps each announcement to one.
 */
const CLOCK_LOOKBACK_MS = 60 * 60_000;

export interface MaintenanceClockOptions {
  /** Minutes before a window's start to remind its subscribers; null: no reminders. */
  reminderMinutes: number | null;
}

type ClockChange = { change: 'started' | 'completed' | 'reminder'; maintenance: MaintenanceInstants };

/** What the clock alone did to `m` in `(from, now]`, or will do within the reminder lead. */
function clockChanges(m: MaintenanceInstants, from: number, now: number, reminderMs: number | null): ClockChange[] {
  const changes: ClockChange[] = [];
  const start = m.scheduledStart.getTime();
  const end = m.scheduledEnd.getTime();
  const stoppedBy = (at: number): boolean =>
    (m.cancelledAt !== null && m.cancelledAt.getTime() <= at) || (m.completedAt !== null && m.completedAt.getTime() <= at);
  // A window scheduled to start in the past was announced as it was scheduled; only one waited for is "started".
  if (start > from && start <= now && m.createdAt.getTime() < start && !stoppedBy(start))
    changes.push({ change: 'started', maintenance: m });
  if (end > from && end <= now && !stoppedBy(end)) changes.push({ change: 'completed', maintenance: m });
  // A window scheduled within the lead needs no reminder: its announcement just went.
  if (
    reminderMs !== null &&
    start > now &&
    start - reminderMs <= now &&
    m.createdAt.getTime() < start - reminderMs &&
    m.cancelledAt === null
  )
    changes.push({ change: 'reminder', maintenance: m });
  return changes;
}

/**
 * Queues what the clock did to maintenance windows (their phase follows the clock, `maintenancePhase`):
 * `started` and `completed` for windows that reached their scheduled start or end in the last hour, and
 * a `reminder` for those starting within `reminderMinutes`. Every process runs it; each change is
 * queued under its dedupe key (`maintenanceChangeKey`), the same key staff's early start or completion
 * uses, so it is announced once across processes and restarts. Answers how many it queued now.
 */
export async function queueClockMaintenanceChanges(
  ctx: Pick<ServiceContext, 'database' | 'clock' | 'outbox'>,
  options: MaintenanceClockOptions,
): Promise<number> {
  const now = ctx.clock();
  const reminderMs = options.reminderMinutes === null ? null : options.reminderMinutes * 60_000;
  const from = now.getTime() - CLOCK_LOOKBACK_MS;
  const windows = await listMaintenancesWithInstantsIn(ctx.database.db, {
    from: new Date(from),
    to: new Date(now.getTime() + (reminderMs ?? 0)),
  });
  const changes = windows.flatMap((m) => clockChanges(m, from, now.getTime(), reminderMs));
  if (changes.length === 0) return 0;
  let queued = 0;
  await writeUnannounced(ctx, async (tx) => {
    for (const { change, maintenance } of changes) {
      const dedupeKey = maintenanceChangeKey(maintenance.id, change, maintenance.scheduledStart);
      if (await queueNotification(tx, { type: 'maintenance.change', maintenanceId: maintenance.id, change }, now, { dedupeKey }))
        queued += 1;
    }
  });
  if (queued > 0) ctx.outbox?.ring();
  return queued;
}
