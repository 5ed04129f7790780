import { describe, expect, it } from 'vitest';
import type { ComponentStatus } from './component.js';
import type { Incident, IncidentStatus } from './incident.js';
import { componentStatusLabel, overallStatus, statusDescription, statusIndicatorOfImpact } from './page-status.js';

const at = new Date('2025-05-01T10:00:00Z');
const incident = (status: IncidentStatus): Incident => ({
  id: status,
  name: status,
  createdAt: at,
  updatedAt: at,
  updates: [{ id: 'u', incidentId: status, status, message: '', displayAt: at, createdAt: at, impacts: [] }],
});

describe('overallStatus', () => {
  it.each([
    [[], 'none', 'All Systems Operational'],
    [['operational', 'operational'], 'none', 'All Systems Operational'],
    [['operational', 'under_maintenance'], 'maintenance', 'Service Under Maintenance'],
    [['under_maintenance', 'degraded_performance'], 'minor', 'Minor Service Outage'],
    [['degraded_performance', 'partial_outage'], 'major', 'Partial System Outage'],
    [['partial_outage', 'full_outage', 'under_maintenance'], 'critical', 'Major System Outage'],
  ] as [ComponentStatus[], string, string][])('%j → %s', (statuses, indicator, description) => {
    expect(overallStatus(statuses, [])).toEqual({ indicator, description });
  });

  it('counts an open incident without impact as minor', () => {
    expect(overallStatus(['operational'], [incident('investigating')])).toEqual({
      indicator: 'minor',
      description: 'Minor Service Outage',
    });
  });

  it('lets an open incident outrank maintenance, and a worse component outrank the incident', () => {
    expect(overallStatus(['under_maintenance'], [incident('identified')]).indicator).toBe('minor');
    expect(overallStatus(['partial_outage'], [incident('monitoring')]).indicator).toBe('major');
  });

  it('ignores an incident passed in that is in fact resolved', () => {
    expect(overallStatus(['operational'], [incident('resolved')]).indicator).toBe('none');
  });

  it('accepts any iterable of statuses, such as a Map’s values', () => {
    const statuses = new Map<string, ComponentStatus>([['api', 'full_outage']]);
    expect(overallStatus(statuses.values(), []).indicator).toBe('critical');
  });
});

describe('labels and mappings', () => {
  it('maps impacts to Statuspage indicators', () => {
    expect(statusIndicatorOfImpact(null)).toBe('none');
    expect(statusIndicatorOfImpact('degraded_performance')).toBe('minor');
    expect(statusIndicatorOfImpact('partial_outage')).toBe('major');
    expect(statusIndicatorOfImpact('full_outage')).toBe('critical');
  });

  it('describes indicators with Statuspage’s exact strings', () => {
    expect(statusDescription('critical')).toBe('Major System Outage');
    expect(statusDescription('maintenance')).toBe('Service Under Maintenance');
  });

  it.each([
    ['operational', 'Operational'],
    ['degraded_performance', 'Degraded performance'],
    ['partial_outage', 'Partial outage'],
    ['full_outage', 'Full outage'],
    ['under_maintenance', 'Under maintenance'],
  ] as [ComponentStatus, string][])('labels %s as %j', (status, label) => {
    expect(componentStatusLabel(status)).toBe(label);
  });
});
