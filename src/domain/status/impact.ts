/** How badly an incident hits a component, from least to worst. */
export const IMPACTS = ['degraded_performance', 'partial_outage', 'full_outage'] as const;
export type Impact = (typeof IMPACTS)[number];

export const impactRank = (impact: Impact | null): number => (impact === null ? 0 : IMPACTS.indexOf(impact) + 1);

/** The worse of two impacts; `null` means no impact. */
export const worseImpact = (a: Impact | null, b: Impact | null): Impact | null => (impactRank(a) >= impactRank(b) ? a : b);
