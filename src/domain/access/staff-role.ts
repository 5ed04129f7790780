/**
 * Staff roles and what each may do (security.md STF-3): the one rule the API, the dashboard and the
 * CLI's help all follow. Pure: callers say which resource an action touches and whether it writes.
 */
export const STAFF_ROLES = ['admin', 'responder', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** What a role may do, for help texts and the dashboard. */
export const STAFF_ROLE_SUMMARIES: Readonly<Record<StaffRole, string>> = {
  admin: 'everything: components, groups, pages, catalog, customer pages, subscribers, webhooks, API keys and staff',
  responder: 'read everything; declare and update incidents and maintenance',
  viewer: 'read only',
};

/**
 * The resources an action can touch. An API key's optional scope is a list of these; the staff
 * dashboard's own management screens are `staff`.
 */
export const STAFF_RESOURCES = [
  'incidents',
  'maintenances',
  'components',
  'groups',
  'pages',
  'customer-pages',
  'catalog',
  'subscribers',
  'api-keys',
  'staff',
  'webhooks',
] as const;
export type StaffResource = (typeof STAFF_RESOURCES)[number];

/** The resources a responder may write; everything else is written by admins alone. */
const RESPONDER_WRITES: ReadonlySet<StaffResource> = new Set(['incidents', 'maintenances']);

export const isStaffRole = (value: unknown): value is StaffRole =>
  typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);

export const isStaffResource = (value: unknown): value is StaffResource =>
  typeof value === 'string' && (STAFF_RESOURCES as readonly string[]).includes(value);

/** Who is acting: a role, and (API keys only) the resources it is narrowed to; null means all. */
export interface StaffGrant {
  role: StaffRole;
  scope: readonly StaffResource[] | null;
}

/**
 * Why `grant` may not do this, as a sentence for a 403, or null when it may. `resource` null is an
 * action on nothing a role is about (none today): admins only.
 *
 * @example refusalOf({ role: 'viewer', scope: null }, { resource: 'incidents', writes: true })
 *   // 'This key has the viewer role, which may only read.'
 */
export function refusalOf(grant: StaffGrant, action: { resource: StaffResource | null; writes: boolean }, who = 'This key'): string | null {
  const { role, scope } = grant;
  if (scope !== null && (action.resource === null || !scope.includes(action.resource))) {
    const what = action.resource === null ? 'this' : `"${action.resource}"`;
    return `${who} is limited to ${scope.map((s) => `"${s}"`).join(', ') || 'nothing'}, not ${what}.`;
  }
  if (roleMay(role, action)) return null;
  if (role === 'viewer') return `${who} has the viewer role, which may only read.`;
  return `${who} has the responder role, which may change incidents and maintenance only; this needs the admin role.`;
}

const ROLE_RANK: Readonly<Record<StaffRole, number>> = { viewer: 0, responder: 1, admin: 2 };

/** The least role that may do this: what the dashboard names when it refuses, and whether it offers a control at all. */
export function roleNeededFor(action: { resource: StaffResource | null; writes: boolean }): StaffRole {
  if (!action.writes) return 'viewer';
  return action.resource !== null && RESPONDER_WRITES.has(action.resource) ? 'responder' : 'admin';
}

/** Whether `role` may do this (the same rule as `refusalOf` without a scope). */
export function roleMay(role: StaffRole, action: { resource: StaffResource | null; writes: boolean }): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[roleNeededFor(action)];
}

/**
 * The resource of a path under `/api/v1` (`/incidents/…` → `incidents`), or null for a path that is
 * none of them (an admin-only one, should one appear).
 */
export function apiResourceOf(pathWithinApi: string): StaffResource | null {
  const segment = pathWithinApi.split('/')[1] ?? '';
  if (segment === 'customer-page-sets' || segment === 'who-can-access') return 'customer-pages';
  // The quarantine holds subscribers' addresses that bounced: managed with them.
  if (segment === 'email-quarantine') return 'subscribers';
  return isStaffResource(segment) ? segment : null;
}
