/**
 * JSON Schemas (draft-07) of the eight v2 documents, written from docs/statuspage-v2.md alone (not
 * from the code or its OpenAPI document): every field required, no field beyond the spec's, the
 * exact enumerations and description strings, ISO timestamps with milliseconds and `Z`, ids as strings.
 */
const TIME = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$' };
const ID = { type: 'string', minLength: 1 };
const URL = { type: 'string', pattern: '^https?://' };
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });
const strict = (properties: Record<string, object>, optional: readonly string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties).filter((name) => !optional.includes(name)),
  properties,
});
const COMPONENT_STATUS = { enum: ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] };

const definitions = {
  page: strict({ id: ID, name: { type: 'string' }, url: URL, time_zone: { type: 'string' }, updated_at: TIME }),
  status: {
    oneOf: [
      ['none', 'All Systems Operational'],
      ['minor', 'Minor Service Outage'],
      ['major', 'Partial System Outage'],
      ['critical', 'Major System Outage'],
      ['maintenance', 'Service Under Maintenance'],
    ].map(([indicator, description]) => strict({ indicator: { const: indicator }, description: { const: description } })),
  },
  component: {
    ...strict(
      {
        id: ID,
        page_id: ID,
        group_id: nullable(ID),
        group: { type: 'boolean' },
        name: { type: 'string' },
        description: nullable({ type: 'string' }),
        status: COMPONENT_STATUS,
        position: { type: 'integer' },
        showcase: { type: 'boolean' },
        only_show_if_degraded: { type: 'boolean' },
        start_date: nullable({ type: 'string' }),
        created_at: TIME,
        updated_at: TIME,
        components: { type: 'array', items: ID },
      },
      ['components'],
    ),
    // A group lists its components' ids; a component does not.
    if: { properties: { group: { const: true } } },
    then: { required: ['components'] },
    else: { not: { required: ['components'] } },
  },
  incidentUpdate: strict({
    id: ID,
    incident_id: ID,
    status: { type: 'string' },
    body: { type: 'string' },
    created_at: TIME,
    updated_at: TIME,
    display_at: TIME,
    affected_components: nullable({
      type: 'array',
      items: strict({ code: ID, name: { type: 'string' }, old_status: COMPONENT_STATUS, new_status: COMPONENT_STATUS }),
    }),
    deliver_notifications: { type: 'boolean' },
    custom_tweet: { type: 'null' },
    tweet_id: { type: 'null' },
  }),
};

const incidentFields = {
  id: ID,
  page_id: ID,
  name: { type: 'string' },
  created_at: TIME,
  updated_at: TIME,
  started_at: TIME,
  monitoring_at: nullable(TIME),
  resolved_at: nullable(TIME),
  shortlink: URL,
  components: { type: 'array', items: { $ref: '#/definitions/component' } },
};
const INCIDENT_STATUS = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'];
const MAINTENANCE_STATUS = ['scheduled', 'in_progress', 'verifying', 'completed'];
const updatesWith = (statuses: string[]) => ({
  type: 'array',
  items: { allOf: [{ $ref: '#/definitions/incidentUpdate' }, { properties: { status: { enum: statuses } } }] },
});

const allDefinitions = {
  ...definitions,
  incident: strict({
    ...incidentFields,
    status: { enum: INCIDENT_STATUS },
    impact: { enum: ['none', 'minor', 'major', 'critical'] },
    incident_updates: updatesWith(INCIDENT_STATUS),
  }),
  maintenance: strict({
    ...incidentFields,
    status: { enum: MAINTENANCE_STATUS },
    impact: { const: 'maintenance' },
    incident_updates: updatesWith(MAINTENANCE_STATUS),
    scheduled_for: TIME,
    scheduled_until: TIME,
  }),
};

const listOf = (name: string) => ({ type: 'array', items: { $ref: `#/definitions/${name}` } });
const documentOf = (properties: Record<string, object>) => ({
  $schema: 'http://json-schema.org/draft-07/schema#',
  definitions: allDefinitions,
  ...strict({ page: { $ref: '#/definitions/page' }, ...properties }),
});

/** One schema per endpoint, by its path under `<page>/api/v2/`. */
export const STATUSPAGE_V2_SCHEMAS: Readonly<Record<string, object>> = {
  'summary.json': documentOf({
    status: { $ref: '#/definitions/status' },
    components: listOf('component'),
    incidents: listOf('incident'),
    scheduled_maintenances: listOf('maintenance'),
  }),
  'status.json': documentOf({ status: { $ref: '#/definitions/status' } }),
  'components.json': documentOf({ components: listOf('component') }),
  'incidents/unresolved.json': documentOf({ incidents: listOf('incident') }),
  'incidents.json': documentOf({ incidents: { ...listOf('incident'), maxItems: 50 } }),
  'scheduled-maintenances/upcoming.json': documentOf({ scheduled_maintenances: listOf('maintenance') }),
  'scheduled-maintenances/active.json': documentOf({ scheduled_maintenances: listOf('maintenance') }),
  'scheduled-maintenances.json': documentOf({ scheduled_maintenances: { ...listOf('maintenance'), maxItems: 50 } }),
};
