export const MAINTENANCE_CHANGES = ['scheduled', 'updated', 'started', 'completed', 'cancelled', 'reminder'] as const;

/** What a maintenance window went through that its subscribers may be told about. */
export type MaintenanceChange = (typeof MAINTENANCE_CHANGES)[number];

/**
 * A change subscribers may be told about. The write that makes it queues it (outbox kind
 * `NOTIFICATION_FAN_OUT_KIND`) in its own transaction when staff leave "notify subscribers" on, so it
 * is announced if and only if the change commits.
 */
export type NotificationEvent =
  | { type: 'incident.update'; incidentId: string; updateId: string }
  | {
      type: 'maintenance.change';
      maintenanceId: string;
      change: MaintenanceChange;
      /** The update posted with the change, whose message the notice carries. */
      updateId?: string;
    };

/**
 * What a subscription (email or webhook) is to: a page, a sub-page or a customer page. The text form
 * is what the store keeps and what a fan-out matches against the pages a change shows on.
 */
export type SubscriptionScope =
  { kind: 'page'; pageId: string } | { kind: 'sub'; pageId: string; entryId: string } | { kind: 'customer'; customerPageId: string };

export function scopeKey(scope: SubscriptionScope): string {
  switch (scope.kind) {
    case 'page':
      return `page:${scope.pageId}`;
    case 'sub':
      return `sub:${scope.pageId}/${scope.entryId}`;
    case 'customer':
      return `customer:${scope.customerPageId}`;
  }
}

/** The scope a key names, or null for anything else. */
export function parseScopeKey(key: string): SubscriptionScope | null {
  const match = /^(page|sub|customer):([^/\s]+)(?:\/([^/\s]+))?$/.exec(key);
  if (!match) return null;
  const [, kind, first, second] = match as unknown as [string, string, string, string | undefined];
  if (kind === 'sub') return second === undefined ? null : { kind: 'sub', pageId: first, entryId: second };
  if (second !== undefined) return null;
  return kind === 'page' ? { kind: 'page', pageId: first } : { kind: 'customer', customerPageId: first };
}
