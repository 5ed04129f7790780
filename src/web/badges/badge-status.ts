import type { ComponentStatus } from '../../domain/status/component.js';
import type { StatusIndicator } from '../../domain/status/page-status.js';

/** What a badge's right half says, and its colour (shields.io's named colours). */
export interface BadgeLook {
  message: string;
  color: string;
}

const OPERATIONAL: BadgeLook = { message: 'operational', color: '#4c1' };
const DEGRADED: BadgeLook = { message: 'degraded', color: '#dfb317' };
const PARTIAL_OUTAGE: BadgeLook = { message: 'partial outage', color: '#fe7d37' };
const MAJOR_OUTAGE: BadgeLook = { message: 'major outage', color: '#e05d44' };
const MAINTENANCE: BadgeLook = { message: 'maintenance', color: '#007ec6' };

const BY_INDICATOR: Record<StatusIndicator, BadgeLook> = {
  none: OPERATIONAL,
  minor: DEGRADED,
  major: PARTIAL_OUTAGE,
  critical: MAJOR_OUTAGE,
  maintenance: MAINTENANCE,
};

const BY_COMPONENT_STATUS: Record<ComponentStatus, BadgeLook> = {
  operational: OPERATIONAL,
  degraded_performance: DEGRADED,
  partial_outage: PARTIAL_OUTAGE,
  full_outage: MAJOR_OUTAGE,
  under_maintenance: MAINTENANCE,
};

/** A page's badge for its overall status, e.g. `critical` → "major outage" in red. */
export const pageBadgeLook = (indicator: StatusIndicator): BadgeLook => BY_INDICATOR[indicator];

/** A component's badge, e.g. `partial_outage` → "partial outage" in orange. */
export const componentBadgeLook = (status: ComponentStatus): BadgeLook => BY_COMPONENT_STATUS[status];
