import { describe, expect, it } from 'vitest';
import type { ComponentStatus } from './component.js';
import type { IncidentStatus } from './incident.js';
import type { StatusIndicator } from './page-status.js';
import { componentStatusLabel, incidentStatusLabel, statusDescription } from './status-labels.js';

describe('status labels', () => {
  it.each([
    ['none', 'All Systems Operational'],
    ['maintenance', 'Service Under Maintenance'],
    ['minor', 'Minor Service Outage'],
    ['major', 'Partial System Outage'],
    ['critical', 'Major System Outage'],
  ] as [StatusIndicator, string][])('describes %s with Statuspage’s exact string %j', (indicator, description) => {
    expect(statusDescription(indicator)).toBe(description);
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

  it.each([
    ['investigating', 'Investigating'],
    ['identified', 'Identified'],
    ['monitoring', 'Monitoring'],
    ['resolved', 'Resolved'],
  ] as [IncidentStatus, string][])('labels the incident status %s as %j', (status, label) => {
    expect(incidentStatusLabel(status)).toBe(label);
  });
});
