/**
 * An uptime ratio as a percentage with two decimals, rounded down so that any downtime at all shows
 * below 100 ("99.99%"); exactly 1 reads "100%". `null` (no data) stays `null`.
 */
export function formatUptime(ratio: number | null): string | null {
  if (ratio === null) return null;
  if (ratio >= 1) return '100%';
  // The epsilon absorbs float noise such as 0.9995 * 10000 = 9994.999…
  return `${(Math.floor(ratio * 10_000 + 1e-7) / 100).toFixed(2)}%`;
}
