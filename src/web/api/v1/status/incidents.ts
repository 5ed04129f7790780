import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import { BeaconError } from '../../../../domain/errors.js';
import type { Impact } from '../../../../domain/status/impact.js';
import type { ImpactChange } from '../../../../domain/status/incident.js';
import { hashIdempotentRequest } from '../../../../services/status/idempotency.js';
import {
  createIncident,
  createIncidentIdempotently,
  deleteIncident,
  getIncidentForEditing,
  listIncidents,
  postIncidentUpdateVersioned,
  renameIncidentVersioned,
  resolveIncidentVersioned,
} from '../../../../services/status/incidents.js';
import {
  type CreateIncidentBody,
  type IncidentBody,
  createIncidentRoute,
  deleteIncidentRoute,
  getIncidentRoute,
  listIncidentsRoute,
  postIncidentUpdateRoute,
  resolveIncidentRoute,
  updateIncidentRoute,
} from './incidents-schema.js';
import type { ApiEnv } from '../openapi-app.js';
import { notifyOf } from '../write-schema.js';
import { presentIncident } from '../presenters/incident.js';
import { incidentETag, underIfMatch } from './incident-if-match.js';

/** A new incident starts at version 1 (the store's). */
const FIRST_VERSION = 1;

const toImpactChanges = (components: { component_id: string; impact: Impact | 'none' }[]): ImpactChange[] =>
  components.map((c) => ({ componentId: c.component_id, impact: c.impact === 'none' ? null : c.impact }));

const toDate = (iso: string | undefined): Date | undefined => (iso === undefined ? undefined : new Date(iso));

const toCreateInput = (body: CreateIncidentBody) => ({
  name: body.name,
  status: body.status,
  message: body.message,
  impacts: toImpactChanges(body.components),
  displayAt: toDate(body.display_at),
  ...notifyOf(body),
});

/** The API key the auth middleware authenticated; idempotency keys are scoped to it. */
function requireApiKeyId(c: Context<ApiEnv>): string {
  const apiKeyId = c.get('apiKeyId');
  if (!apiKeyId) throw new BeaconError('unauthenticated', 'An API key is required to use Idempotency-Key');
  return apiKeyId;
}

/** `/incidents`: declare, update, resolve and delete incidents. */
export function registerIncidentRoutes(api: OpenAPIHono<ApiEnv>): void {
  api.openapi(createIncidentRoute, async (c) => {
    const body = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'];
    if (key === undefined) {
      const incident = await createIncident(c.var.ctx, toCreateInput(body));
      c.header('ETag', incidentETag(FIRST_VERSION));
      return c.json(presentIncident(incident, FIRST_VERSION), 201);
    }

    const request = { apiKeyId: requireApiKeyId(c), key, requestHash: hashIdempotentRequest('POST /api/v1/incidents', body) };
    const { response, replayed } = await createIncidentIdempotently(c.var.ctx, toCreateInput(body), request, (incident) => ({
      status: 201,
      body: JSON.stringify(presentIncident(incident, FIRST_VERSION)),
    }));
    if (replayed) c.header('Idempotent-Replayed', 'true');
    // The stored response is always of the creation, so of the first version.
    c.header('ETag', incidentETag(FIRST_VERSION));
    // The stored bytes go out verbatim, so a replay is identical to the first response (they are an IncidentBody).
    const sent = c.body(response.body, response.status as 201, { 'Content-Type': 'application/json' });
    return sent as unknown as TypedResponse<IncidentBody, 201, 'json'>;
  });

  api.openapi(listIncidentsRoute, async (c) => {
    const query = c.req.valid('query');
    const open = query.status === undefined ? undefined : query.status === 'open';
    const incidents = await listIncidents(c.var.ctx, { open, limit: query.limit, before: query.before });
    return c.json({ data: incidents.map((incident) => presentIncident(incident)) }, 200);
  });

  api.openapi(getIncidentRoute, async (c) => {
    const { incident, version } = await getIncidentForEditing(c.var.ctx, c.req.valid('param').id);
    c.header('ETag', incidentETag(version));
    return c.json(presentIncident(incident, version), 200);
  });

  api.openapi(updateIncidentRoute, async (c) => {
    const id = c.req.valid('param').id;
    const name = c.req.valid('json').name;
    const { incident, version } = await underIfMatch(c, id, (guard) => renameIncidentVersioned(c.var.ctx, id, name, guard));
    c.header('ETag', incidentETag(version));
    return c.json(presentIncident(incident, version), 200);
  });

  api.openapi(deleteIncidentRoute, async (c) => {
    const id = c.req.valid('param').id;
    await underIfMatch(c, id, (guard) => deleteIncident(c.var.ctx, id, guard));
    return c.body(null, 204);
  });

  api.openapi(postIncidentUpdateRoute, async (c) => {
    const id = c.req.valid('param').id;
    const body = c.req.valid('json');
    const input = {
      status: body.status,
      message: body.message,
      impacts: toImpactChanges(body.components),
      displayAt: toDate(body.display_at),
      ...notifyOf(body),
    };
    const { incident, version } = await underIfMatch(c, id, (guard) => postIncidentUpdateVersioned(c.var.ctx, id, input, guard));
    c.header('ETag', incidentETag(version));
    return c.json(presentIncident(incident, version), 201);
  });

  api.openapi(resolveIncidentRoute, async (c) => {
    const id = c.req.valid('param').id;
    const body = c.req.valid('json') ?? {};
    const { incident, version } = await underIfMatch(c, id, (guard) =>
      resolveIncidentVersioned(c.var.ctx, id, { message: body.message, ...notifyOf(body), ...guard }),
    );
    c.header('ETag', incidentETag(version));
    return c.json(presentIncident(incident, version), 200);
  });
}
