import type { Context } from 'hono';
import { BeaconError } from '../../../../domain/errors.js';
import { StaleIncidentEdit, type VersionGuard, getIncidentForEditing } from '../../../../services/status/incidents.js';
import type { ApiEnv } from '../openapi-app.js';

/** An incident's entity tag: its version, which every write raises (a strong tag: the bytes change with it). */
export const incidentETag = (version: number): string => `"${version}"`;

/**
 * The versions an `If-Match` header accepts: null when it is absent or `*` (the write applies to the
 * incident as it is). Tags are compared strongly (RFC 9110): a weak tag, or one no incident ever
 * had, matches nothing.
 */
function acceptedVersions(header: string | undefined): Set<number> | null {
  if (header === undefined || header.trim() === '*') return null;
  const versions = new Set<number>();
  for (const tag of header.split(',')) {
    const match = /^"([1-9][0-9]{0,15})"$/.exec(tag.trim());
    if (match) versions.add(Number(match[1]));
  }
  return versions;
}

const preconditionFailed = (current: number): BeaconError =>
  new BeaconError(
    'precondition_failed',
    `If-Match: the incident changed since that version; it is now at version ${current} (ETag ${incidentETag(current)}). Nothing was changed: read it again, then retry.`,
    [{ path: 'If-Match', message: `does not match the current ETag ${incidentETag(current)}` }],
  );

/**
 * Runs a write to incident `id` under the request's `If-Match` (optimistic concurrency, as the
 * dashboard's forms carry the version): a version the incident is no longer at answers 412 and
 * nothing changes; no `If-Match` writes to the incident as it is.
 */
export async function underIfMatch<T>(c: Context<ApiEnv>, id: string, act: (guard: VersionGuard) => Promise<T>): Promise<T> {
  const accepted = acceptedVersions(c.req.header('if-match'));
  if (accepted === null) return act({});
  const tags = [...accepted];
  let expectedVersion = tags.length === 1 ? tags[0] : undefined;
  if (expectedVersion === undefined) {
    // None or several: the incident's current version decides (a 404 when it is gone).
    const { version } = await getIncidentForEditing(c.var.ctx, id);
    if (!accepted.has(version)) throw preconditionFailed(version);
    expectedVersion = version;
  }
  try {
    return await act({ expectedVersion });
  } catch (error) {
    if (error instanceof StaleIncidentEdit) throw preconditionFailed(error.currentVersion);
    throw error;
  }
}
