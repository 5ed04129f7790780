import { describe, expect, it } from 'vitest';
import type { ComponentStatus } from './component.js';
import type { Incident, IncidentStatus } from './incident.js';
import { overallIndicator } from './page-status.js';

const at = new Date('2025-05-01T10:00:00Z');
const incident = (status: IncidentStatus): Incident => ({
  id: status,
  name: status,
  createdAt: at,
  updatedAt: at,
  updates: [{ id: 'u', incidentId: status, status, message: '', displayAt: at, createdAt: at, impacts: [] }],
});

describe('overallIndicator', () => {
  it.each([
    [[], 'none'],
    [['operational', 'operational'], 'none'],
    [['operational', 'under_maintenance'], 'maintenance'],
    [['under_maintenance', 'degraded_performance'], 'minor'],
    [['degraded_performance', 'partial_outage'], 'major'],
    [['partial_outage', 'full_outage', 'under_maintenance'], 'critical'],
  ] as [ComponentStatus[], string][])('%j → %s', (statuses, indicator) => {
    expect(overallIndicator(statuses, [])).toBe(indicator);
  });

  it('counts an open incident without impact as minor', () => {
    expect(overallIndicator(['operational'], [incident('investigating')])).toBe('minor');
  });

  it('lets an open incident outrank maintenance, and a worse component outrank the incident', () => {
    expect(overallIndicator(['under_maintenance'], [incident('identified')])).toBe('minor');
    expect(overallIndicator(['partial_outage'], [incident('monitoring')])).toBe('major');
  });

  it('ignores an incident passed in that is in fact resolved', () => {
    expect(overallIndicator(['operational'], [incident('resolved')])).toBe('none');
  });

  it('accepts any iterable of statuses, such as a Map’s values', () => {
    const statuses = new Map<string, ComponentStatus>([['api', 'full_outage']]);
    expect(overallIndicator(statuses.values(), [])).toBe('critical');
  });
});
