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
  getIncident,
  listIncidents,
  postIncidentUpdate,
  renameIncident,
  resolveIncident,
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
import { presentIncident } from '../presenters/incident.js';

const toImpactChanges = (components: { component_id: string; impact: Impact | 'none' }[]): ImpactChange[] =>
  components.map((c) => ({ componentId: c.component_id, impact: c.impact === 'none' ? null : c.impact }));

const toDate = (iso: string | undefined): Date | undefined => (iso === undefined ? undefined : new Date(iso));

const toCreateInput = (body: CreateIncidentBody) => ({
  name: body.name,
  status: body.status,
  message: body.message,
  impacts: toImpactChanges(body.components),
  displayAt: toDate(body.display_at),
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
    if (key === undefined) return c.json(presentIncident(await createIncident(c.var.ctx, toCreateInput(body))), 201);

    const request = { apiKeyId: requireApiKeyId(c), key, requestHash: hashIdempotentRequest('POST /api/v1/incidents', body) };
    const { response, replayed } = await createIncidentIdempotently(c.var.ctx, toCreateInput(body), request, (incident) => ({
      status: 201,
      body: JSON.stringify(presentIncident(incident)),
    }));
    if (replayed) c.header('Idempotent-Replayed', 'true');
    // The stored bytes go out verbatim, so a replay is identical to the first response (they are an IncidentBody).
    const sent = c.body(response.body, response.status as 201, { 'Content-Type': 'application/json' });
    return sent as unknown as TypedResponse<IncidentBody, 201, 'json'>;
  });

  api.openapi(listIncidentsRoute, async (c) => {
    const query = c.req.valid('query');
    const open = query.status === undefined ? undefined : query.status === 'open';
    const incidents = await listIncidents(c.var.ctx, { open, limit: query.limit, before: query.before });
    return c.json({ data: incidents.map(presentIncident) }, 200);
  });

  api.openapi(getIncidentRoute, async (c) => {
    return c.json(presentIncident(await getIncident(c.var.ctx, c.req.valid('param').id)), 200);
  });

  api.openapi(updateIncidentRoute, async (c) => {
    const incident = await renameIncident(c.var.ctx, c.req.valid('param').id, c.req.valid('json').name);
    return c.json(presentIncident(incident), 200);
  });

  api.openapi(deleteIncidentRoute, async (c) => {
    await deleteIncident(c.var.ctx, c.req.valid('param').id);
    return c.body(null, 204);
  });

  api.openapi(postIncidentUpdateRoute, async (c) => {
    const body = c.req.valid('json');
    const incident = await postIncidentUpdate(c.var.ctx, c.req.valid('param').id, {
      status: body.status,
      message: body.message,
      impacts: toImpactChanges(body.components),
      displayAt: toDate(body.display_at),
    });
    return c.json(presentIncident(incident), 201);
  });

  api.openapi(resolveIncidentRoute, async (c) => {
    const body = c.req.valid('json') ?? {};
    const incident = await resolveIncident(c.var.ctx, c.req.valid('param').id, { message: body.message });
    return c.json(presentIncident(incident), 200);
  });
}
