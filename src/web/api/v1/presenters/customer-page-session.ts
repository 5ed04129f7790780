import type { AuditEvent } from '../../../../domain/access/audit-event.js';
import type { SessionSummary } from '../../../../services/sessions/sessions.js';
import type { AuditEventBody, CustomerPageSessionBody } from '../pages/customer-page-sessions-schema.js';

export const presentCustomerPageSession = (session: SessionSummary): CustomerPageSessionBody => ({
  id: session.id,
  email: session.email,
  domain: session.domain,
  created_at: session.createdAt.toISOString(),
  last_seen_at: session.lastSeenAt.toISOString(),
  idle_expires_at: session.idleExpiresAt.toISOString(),
  absolute_expires_at: session.absoluteExpiresAt.toISOString(),
});

/** Details are written free of secrets by the services that append them (LOG-2). */
export const presentAuditEvent = (event: AuditEvent): AuditEventBody => ({
  id: event.id,
  at: event.at.toISOString(),
  actor: event.actor,
  action: event.action,
  subject_type: event.subjectType,
  subject_id: event.subjectId,
  details: event.details,
});
