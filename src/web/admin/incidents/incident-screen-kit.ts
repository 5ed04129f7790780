import type { Context } from 'hono';
import { roleMay } from '../../../domain/access/staff-role.js';
import type { BeaconError } from '../../../domain/errors.js';
import type { ServiceContext } from '../../../services/context.js';
import { listComponents } from '../../../services/status/components.js';
import { listGroups } from '../../../services/status/groups.js';
import { staffActor, withWriteAudit, writeResultId } from '../../../services/staff/staff-audit.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';
import { sendPrivateHtml } from '../../customer/respond.js';
import { contentSecurityPolicy } from '../../middleware/csp.js';
import type { AdminKit } from '../admin-kit.js';
import { type GridSection, buildGridSections } from './impact-grid.js';
import { INCIDENTS_SCRIPT } from './incidents-assets.js';

/** STF-3: reading the incident screens takes any role; every change takes responder or admin. */
export const READS_INCIDENTS = { resource: 'incidents', writes: false } as const;
export const WRITES_INCIDENTS = { resource: 'incidents', writes: true } as const;

export const mayWriteIncidents = (who: StaffIdentity): boolean => roleMay(who.member.role, WRITES_INCIDENTS);

export type ScreenStatus = 200 | 400 | 404 | 409 | 422;

/** The answer to a refusal the services name: 400 a bad field, 404 gone, 409 stale or taken, 422 refused by a rule. */
export const refusalStatus = (error: BeaconError): ScreenStatus =>
  error.code === 'not_found' ? 404 : error.code === 'conflict' ? 409 : error.code === 'unprocessable' ? 422 : 400;

/**
 * The services' context for one staff write (STF-7): the audit event `action` on `incident`
 * (or on the incident the write answers with) by this member, inside the write's transaction.
 */
export function auditedAs(
  kit: AdminKit,
  who: StaffIdentity,
  action: string,
  subject: { id?: string; details?: Record<string, unknown> } = {},
): ServiceContext {
  return withWriteAudit(kit.deps.ctx, (result) => ({
    actor: staffActor(who.member.email),
    action,
    subjectType: 'incident',
    subjectId: subject.id ?? writeResultId(result),
    details: subject.details ?? {},
  }));
}

/** This response's script tag for the incident screens (HDR-1: the nonce of this response only). */
export const screenScript = (c: Context) => ({ src: INCIDENTS_SCRIPT.path, nonce: c.var.cspNonce });

/**
 * A screen that runs the incidents script: the dashboard's private answer, with a CSP that lets
 * only this response's nonce run and lets it connect to this origin (its events and timeline).
 */
export function sendScreen(c: Context, status: ScreenStatus, body: string): Response {
  const response = sendPrivateHtml(c, status, body, c.var.cspNonce);
  response.headers.set('Content-Security-Policy', contentSecurityPolicy(c.var.cspNonce, { connectSelf: true }));
  return response;
}

/** Component names by id, and the grid's sections (groups, then the rest). */
export async function loadStructure(ctx: ServiceContext): Promise<{ names: Map<string, string>; sections: GridSection[] }> {
  const [components, groups] = await Promise.all([listComponents(ctx), listGroups(ctx)]);
  return {
    names: new Map(components.map((component) => [component.id, component.name])),
    sections: buildGridSections(groups, components),
  };
}

/** A path parameter of the route ('' when absent: the services answer 404 for it). */
export const param = (c: Context, name: string): string => c.req.param(name) ?? '';
