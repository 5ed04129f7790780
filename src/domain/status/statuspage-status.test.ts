import { describe, expect, it } from 'vitest';
import type { ComponentStatus } from './component.js';
import type { Impact } from './impact.js';
import { statuspageComponentStatus, statuspageImpact, statuspageIndicator, statuspageMaintenanceStatus } from './statuspage-status.js';

describe('the Statuspage v2 mapping', () => {
  it.each([
    ['degraded_performance', 'degraded_performance', 'minor'],
    ['partial_outage', 'partial_outage', 'major'],
    ['full_outage', 'major_outage', 'critical'],
  ] as const)('impact %s is component status %s and impact %s', (impact, status, indicator) => {
    expect(statuspageComponentStatus(impact)).toBe(status);
    expect(statuspageImpact(impact)).toBe(indicator);
    expect(statuspageIndicator([impact], [])).toBe(indicator);
    expect(statuspageIndicator([], [impact])).toBe(indicator);
  });

  it('keeps operational and under_maintenance; no impact is none', () => {
    expect(statuspageComponentStatus('operational')).toBe('operational');
    expect(statuspageComponentStatus('under_maintenance')).toBe('under_maintenance');
    expect(statuspageImpact(null)).toBe('none');
  });

  it.each([
    [[], [], 'none'],
    [['operational'], [null], 'none'],
    [['operational', 'under_maintenance'], [], 'maintenance'],
    [['under_maintenance'], ['degraded_performance'], 'minor'],
    [['under_maintenance', 'degraded_performance'], [], 'minor'],
    [['operational'], ['partial_outage', null], 'major'],
    [['partial_outage'], ['full_outage'], 'critical'],
    [['full_outage'], ['degraded_performance'], 'critical'],
  ] as [ComponentStatus[], (Impact | null)[], string][])('components %j and open incidents %j → %s', (statuses, impacts, indicator) => {
    expect(statuspageIndicator(statuses, impacts)).toBe(indicator);
  });

  it('maps the phases, leaving out cancelled windows', () => {
    expect(statuspageMaintenanceStatus('scheduled')).toBe('scheduled');
    expect(statuspageMaintenanceStatus('in_progress')).toBe('in_progress');
    expect(statuspageMaintenanceStatus('completed')).toBe('completed');
    expect(statuspageMaintenanceStatus('cancelled')).toBeNull();
  });
});
