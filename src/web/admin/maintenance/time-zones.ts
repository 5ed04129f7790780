import { defaultPageAmong } from '../../../domain/pages/default-page.js';
import type { Snapshot } from '../../../domain/snapshot.js';
import { isValidTimeZone } from '../../../domain/time-zone.js';

/** Every zone this Node knows, UTC first: the zone select's options (built once). */
const ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];

/** The options of the zone select: every known zone, plus `current` if it is spelled otherwise (`Etc/UTC`). */
export const zoneOptions = (current: string): readonly string[] => (ZONES.includes(current) ? ZONES : [current, ...ZONES]);

/** The default page's zone (what the public sees), or UTC while there is no public page. */
export const defaultZone = (snapshot: Pick<Snapshot, 'pages'>): string => defaultPageAmong(snapshot.pages.values())?.timeZone ?? 'UTC';

/** The zone asked for in `?zone=`, the default when none is; null when it names no zone (a 400). */
export function requestedZone(asked: string | undefined, fallback: string): string | null {
  if (asked === undefined || asked === '') return fallback;
  return asked.length <= 64 && isValidTimeZone(asked) ? asked : null;
}
