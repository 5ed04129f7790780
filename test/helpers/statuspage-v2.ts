/** Reading the v2 API in tests: a document by path, checked against its JSON Schema (test/schemas/statuspage-v2.ts) with ajv. */
import Ajv from 'ajv';
import { expect } from 'vitest';
import { STATUSPAGE_V2_SCHEMAS } from '../schemas/statuspage-v2.js';

const ajv = new Ajv({ allErrors: true });
const validators = new Map(Object.entries(STATUSPAGE_V2_SCHEMAS).map(([endpoint, schema]) => [endpoint, ajv.compile(schema)]));

/** Every endpoint, by its path under `<page>/api/v2/`. */
export const V2_ENDPOINTS = Object.keys(STATUSPAGE_V2_SCHEMAS);

/** Asserts `document` is a valid `endpoint` document (ajv's errors in the failure message). */
export function expectValidDocument(endpoint: string, document: unknown, where = endpoint): void {
  const validate = validators.get(endpoint);
  if (!validate) throw new Error(`no schema for ${endpoint}`);
  const valid = validate(document);
  expect(valid, `${where}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

/** Loosely typed views of the documents, for asserting values. */
interface V2Component {
  id: string;
  name: string;
  status: string;
  group: boolean;
  group_id: string | null;
  position: number;
  components?: string[];
}
interface V2Update {
  status: string;
  body: string;
  affected_components: { code: string; old_status: string; new_status: string }[] | null;
}
interface V2Incident {
  id: string;
  name: string;
  status: string;
  impact: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  shortlink: string;
  components: V2Component[];
  incident_updates: V2Update[];
}
interface V2Maintenance extends Omit<V2Incident, 'status'> {
  status: string;
  scheduled_for: string;
  scheduled_until: string;
}
export interface V2Document {
  page: { id: string; name: string; url: string; time_zone: string; updated_at: string };
  status?: { indicator: string; description: string };
  components?: V2Component[];
  incidents?: V2Incident[];
  scheduled_maintenances?: V2Maintenance[];
}
