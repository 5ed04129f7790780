import type { Hono } from 'hono';
import { CachedResponse, type SendOptions } from '../../cached-response.js';
import { sendCached } from '../../send-cached.js';
import { STATUSPAGE_ENDPOINTS, type StatuspageEndpoint } from './statuspage-documents.js';

/** As v1's: changes only with a new version of Beacon; clients revalidate (a 304) before each use. */
const DOCUMENT_CACHE: SendOptions = { cacheControl: 'no-cache' };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' } as const;
const time = { type: 'string', format: 'date-time' } as const;
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });
const object = (properties: Record<string, object>, optional: readonly string[] = []) => ({
  type: 'object',
  required: Object.keys(properties).filter((name) => !optional.includes(name)),
  properties,
});
const listOf = (name: string) => ({ type: 'array', items: ref(name) });
const COMPONENT_STATUS = { enum: ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] };

const incidentFields = {
  id: str,
  page_id: str,
  name: str,
  created_at: time,
  updated_at: time,
  started_at: time,
  monitoring_at: nullable(time),
  resolved_at: nullable(time),
  shortlink: { type: 'string', format: 'uri' },
  components: listOf('Component'),
  incident_updates: { ...listOf('IncidentUpdate'), description: 'Newest first.' },
};

const SCHEMAS = {
  Page: object({ id: str, name: str, url: { type: 'string', format: 'uri' }, time_zone: str, updated_at: time }),
  Status: object({
    indicator: { enum: ['none', 'minor', 'major', 'critical', 'maintenance'] },
    description: {
      enum: [
        'All Systems Operational',
        'Minor Service Outage',
        'Partial System Outage',
        'Major System Outage',
        'Service Under Maintenance',
      ],
    },
  }),
  Component: object(
    {
      id: str,
      page_id: str,
      group_id: nullable(str),
      group: { type: 'boolean' },
      name: str,
      description: nullable(str),
      status: COMPONENT_STATUS,
      position: { type: 'integer' },
      showcase: { type: 'boolean' },
      only_show_if_degraded: { type: 'boolean' },
      start_date: nullable({ type: 'string', format: 'date' }),
      created_at: time,
      updated_at: time,
      components: { type: 'array', items: str, description: 'Groups only: the ids of their components.' },
    },
    ['components'],
  ),
  IncidentUpdate: object({
    id: str,
    incident_id: str,
    status: str,
    body: str,
    created_at: time,
    updated_at: time,
    display_at: time,
    affected_components: nullable({
      type: 'array',
      items: object({ code: str, name: str, old_status: COMPONENT_STATUS, new_status: COMPONENT_STATUS }),
    }),
    deliver_notifications: { type: 'boolean' },
    custom_tweet: { type: 'null' },
    tweet_id: { type: 'null' },
  }),
  Incident: object({
    ...incidentFields,
    status: { enum: ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] },
    impact: { enum: ['none', 'minor', 'major', 'critical'] },
  }),
  ScheduledMaintenance: object({
    ...incidentFields,
    status: { enum: ['scheduled', 'in_progress', 'verifying', 'completed'] },
    impact: { enum: ['maintenance'] },
    scheduled_for: time,
    scheduled_until: time,
  }),
  Problem: object({ type: str, title: str, status: { type: 'integer' }, detail: str }),
};

const BODIES: Record<StatuspageEndpoint, { summary: string; properties: Record<string, object> }> = {
  'summary.json': {
    summary: 'Status, components, unresolved incidents, and maintenance upcoming or in progress',
    properties: {
      status: ref('Status'),
      components: listOf('Component'),
      incidents: listOf('Incident'),
      scheduled_maintenances: listOf('ScheduledMaintenance'),
    },
  },
  'status.json': { summary: "The page's overall status", properties: { status: ref('Status') } },
  'components.json': { summary: 'Groups and components, in page order', properties: { components: listOf('Component') } },
  'incidents/unresolved.json': { summary: 'Open incidents', properties: { incidents: listOf('Incident') } },
  'incidents.json': { summary: 'The 50 most recent incidents, any status', properties: { incidents: listOf('Incident') } },
  'scheduled-maintenances/upcoming.json': {
    summary: 'Scheduled maintenance not yet begun',
    properties: { scheduled_maintenances: listOf('ScheduledMaintenance') },
  },
  'scheduled-maintenances/active.json': {
    summary: 'Maintenance in progress or verifying',
    properties: { scheduled_maintenances: listOf('ScheduledMaintenance') },
  },
  'scheduled-maintenances.json': {
    summary: 'The 50 most recent maintenance windows, any status',
    properties: { scheduled_maintenances: listOf('ScheduledMaintenance') },
  },
};

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });

/** The OpenAPI 3.1 document of the read API; its servers are the default page's and any page's prefix. */
function buildOpenApiDocument(publicUrl: string): object {
  const paths: Record<string, object> = {};
  for (const endpoint of STATUSPAGE_ENDPOINTS) {
    const { summary, properties } = BODIES[endpoint];
    paths[`/${endpoint}`] = {
      get: {
        summary,
        operationId: endpoint.replace(/\.json$/, '').replace(/[/-](\w)/g, (_, letter: string) => letter.toUpperCase()),
        responses: {
          200: {
            description: 'The document. Public pages send `Access-Control-Allow-Origin: *` and an ETag; customer pages `no-store`.',
            content: { 'application/json': { schema: object({ page: ref('Page'), ...properties }) } },
          },
          304: { description: 'Not modified (`If-None-Match` matched the ETag).' },
          401: problem('A customer page without a session that opens it.'),
          404: problem('No such page.'),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Beacon status read API (Statuspage-compatible v2)',
      version: '2',
      description:
        'Every page serves these paths under its own prefix: `/<page>/api/v2/`, `/<parent>/<sub-page>/api/v2/`, `/c/<token>/api/v2/` (signed-in customer viewers only); the default page also at `/api/v2/`.',
    },
    servers: [
      { url: `${publicUrl}/api/v2`, description: 'The default page' },
      { url: `${publicUrl}/{page}/api/v2`, description: 'Any page or sub-page', variables: { page: { default: 'status' } } },
    ],
    paths,
    components: { schemas: SCHEMAS },
  };
}

/** `GET /api/v2/openapi.json`: built once per process, compressed at once, sent with its ETag. */
export function serveOpenApiDocument(routes: Hono, publicUrl: string): void {
  let document: CachedResponse | undefined;
  routes.get('/api/v2/openapi.json', (c) => {
    document ??= new CachedResponse(
      { contentType: 'application/json; charset=utf-8', body: JSON.stringify(buildOpenApiDocument(publicUrl)) },
      // Built once: a queue that dropped it would leave it identity for good.
      { compress: 'now' },
    );
    return sendCached(c, document, DOCUMENT_CACHE);
  });
}
