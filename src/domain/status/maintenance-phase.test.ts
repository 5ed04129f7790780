import { describe, expect, it } from 'vitest';
import type { Maintenance } from './maintenance.js';
import { isMaintenanceActive, maintenancePhase, nextMaintenanceChange } from './maintenance-phase.js';

const t = (hhmm: string): Date => new Date(`2025-05-01T${hhmm}:00Z`);

function maintenance(overrides: Partial<Record<'completedAt' | 'cancelledAt', string>> = {}): Maintenance {
  return {
    id: 'm',
    name: 'Database upgrade',
    description: null,
    componentIds: ['db'],
    scheduledStart: t('10:00'),
    scheduledEnd: t('12:00'),
    completedAt: overrides.completedAt === undefined ? null : t(overrides.completedAt),
    cancelledAt: overrides.cancelledAt === undefined ? null : t(overrides.cancelledAt),
    createdAt: t('00:00'),
    updatedAt: t('00:00'),
    updates: [],
  };
}

describe('maintenancePhase', () => {
  it.each([
    ['09:59', 'scheduled'],
    ['10:00', 'in_progress'],
    ['11:59', 'in_progress'],
    ['12:00', 'completed'],
    ['23:00', 'completed'],
  ] as const)('a plain window at %s is %s', (now, phase) => {
    expect(maintenancePhase(maintenance(), t(now))).toBe(phase);
    expect(isMaintenanceActive(maintenance(), t(now))).toBe(phase === 'in_progress');
  });

  it('completes early from the moment staff complete it', () => {
    const m = maintenance({ completedAt: '11:00' });
    expect(maintenancePhase(m, t('10:59'))).toBe('in_progress');
    expect(maintenancePhase(m, t('11:00'))).toBe('completed');
    expect(isMaintenanceActive(m, t('11:30'))).toBe(false);
  });

  it('is cancelled, never in progress, when cancelled before it starts', () => {
    const m = maintenance({ cancelledAt: '08:00' });
    expect(maintenancePhase(m, t('07:59'))).toBe('scheduled');
    for (const now of ['08:00', '10:30', '13:00']) expect(maintenancePhase(m, t(now))).toBe('cancelled');
  });

  it('stops at once when cancelled while in progress', () => {
    const m = maintenance({ cancelledAt: '10:45' });
    expect(maintenancePhase(m, t('10:44'))).toBe('in_progress');
    expect(maintenancePhase(m, t('10:45'))).toBe('cancelled');
    expect(isMaintenanceActive(m, t('11:00'))).toBe(false);
  });

  it('treats a completion recorded before the start as completing it', () => {
    expect(maintenancePhase(maintenance({ completedAt: '09:00' }), t('10:30'))).toBe('completed');
  });
});

describe('nextMaintenanceChange', () => {
  it('walks a plain window: start, end, then nothing', () => {
    const m = maintenance();
    expect(nextMaintenanceChange(m, t('08:00'))).toEqual(t('10:00'));
    expect(nextMaintenanceChange(m, t('10:00'))).toEqual(t('12:00'));
    expect(nextMaintenanceChange(m, t('12:00'))).toBeNull();
  });

  it('knows an early completion ends it before the scheduled end', () => {
    const m = maintenance({ completedAt: '11:00' });
    expect(nextMaintenanceChange(m, t('10:30'))).toEqual(t('11:00'));
    expect(nextMaintenanceChange(m, t('11:00'))).toBeNull(); // the scheduled end changes nothing any more
  });

  it('skips the start of a window cancelled before it', () => {
    const m = maintenance({ cancelledAt: '08:00' });
    expect(nextMaintenanceChange(m, t('07:00'))).toEqual(t('08:00'));
    expect(nextMaintenanceChange(m, t('08:00'))).toBeNull();
  });

  it('notices a completed window that a later cancellation relabels', () => {
    const m = maintenance({ cancelledAt: '13:00' });
    expect(nextMaintenanceChange(m, t('12:30'))).toEqual(t('13:00'));
  });

  it('is always strictly after now', () => {
    const m = maintenance();
    for (const now of ['09:59', '10:00', '10:01', '11:59']) {
      const next = nextMaintenanceChange(m, t(now));
      expect(next!.getTime()).toBeGreaterThan(t(now).getTime());
      expect(maintenancePhase(m, new Date(next!.getTime() - 1))).toBe(maintenancePhase(m, t(now)));
      expect(maintenancePhase(m, next!)).not.toBe(maintenancePhase(m, t(now)));
    }
  });
});
