import type { Hono } from 'hono';
import { roleMay } from '../../../domain/access/staff-role.js';
import { BeaconError } from '../../../domain/errors.js';
import { customerPageState } from '../../../domain/pages/customer-pages.js';
import { AUDIT_PAGE_PREVIEWED, listAuditPage } from '../../../services/pages/customer-page-admin.js';
import { AUDIT_TOKEN_ROTATED } from '../../../services/pages/customer-pages.js';
import { SIGN_IN_ACTIONS } from '../../../services/sign-in/sign-in-audit.js';
import { STAFF_ACTIONS } from '../../../services/staff/staff-audit.js';
import { type AdminKit, viewerOf } from '../admin-kit.js';
import { ADMIN_ASSETS, toAdminHtml } from '../render.js';
import { type AuditFilters, AuditLogPage } from './audit-log-page.js';
import { AuditQuery } from './customer-pages-schema.js';

/**
 * Who reads the audit log (STF-3): every staff role reads the customer pages' events (sign-in steps,
 * sessions, rotations, previews), as the API's per-page audit log already allows a viewer key; the
 * rest of the log (staff added and removed, staff sign-in and devices, API writes) is for admins only,
 * as the staff list is, since it says who can sign in to the dashboard.
 */
const READS = { resource: 'customer-pages', writes: false } as const;
const READS_WHOLE_LOG = { resource: 'staff', writes: true } as const;

const PAGE_EVENTS = [...Object.values(SIGN_IN_ACTIONS), AUDIT_TOKEN_ROTATED, AUDIT_PAGE_PREVIEWED];
const ADMIN_EVENTS = [...PAGE_EVENTS, 'dashboard.write', 'api.write', ...Object.values(STAFF_ACTIONS)];

const PAGE_SIZE = 50;

/** `/admin/audit?page=&address=&event=`: the audit log, filtered and paged in the store (keyset), newest first. */
export function mountAuditScreen(routes: Hono, kit: AdminKit): void {
  routes.get(
    '/admin/audit',
    kit.allowed(READS, async (c, who) => {
      const raw = c.req.query();
      const parsed = AuditQuery.safeParse(raw);
      const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 254) : '');
      const filters: AuditFilters = parsed.success
        ? { page: parsed.data.page, address: parsed.data.address, event: parsed.data.event }
        : { page: text(raw.page), address: text(raw.address), event: text(raw.event) };
      const errors: Partial<Record<keyof AuditFilters | 'after', string>> = {};
      if (!parsed.success)
        for (const issue of parsed.error.issues)
          errors[issue.path[0] as keyof AuditFilters | 'after'] ??= `${String(issue.path[0])}: ${issue.message}`;
      const pageEventsOnly = !roleMay(who.member.role, READS_WHOLE_LOG);
      let events: Awaited<ReturnType<typeof listAuditPage>> = { events: [], hasMore: false };
      if (parsed.success) {
        const after = parsed.data.after?.split('~');
        try {
          events = await listAuditPage(kit.deps.ctx, {
            ...(filters.page ? { pageId: filters.page } : {}),
            ...(filters.address ? { address: filters.address } : {}),
            ...(filters.event ? { action: filters.event } : {}),
            ...(after ? { after: { at: new Date(after[0]!), id: after[1]! } } : {}),
            pageEventsOnly,
            limit: PAGE_SIZE,
          });
        } catch (error) {
          if (!(error instanceof BeaconError) || error.code !== 'validation') throw error;
          errors.address = `Address: ${error.issues[0]?.message ?? error.message}`;
        }
      }
      const snapshot = await kit.deps.snapshots.fresh();
      const byId = kit.deps.snapshots.pageKinds(snapshot).customerPagesById;
      const pageNames = new Map<string, string>();
      for (const event of events.events) {
        const ref = event.pageId ? byId.get(event.pageId) : undefined;
        const state = ref ? customerPageState(snapshot, ref) : null;
        if (state && event.pageId) pageNames.set(event.pageId, state.entry.name);
      }
      const last = events.events[events.events.length - 1];
      const olderHref =
        events.hasMore && last
          ? `/admin/audit?${new URLSearchParams({ ...filters, after: `${last.at.toISOString()}~${last.id}` }).toString()}`
          : undefined;
      const invalid = Object.keys(errors).length > 0;
      const html = toAdminHtml(
        <AuditLogPage
          viewer={viewerOf(who)}
          assets={ADMIN_ASSETS}
          filters={filters}
          knownEvents={pageEventsOnly ? PAGE_EVENTS : ADMIN_EVENTS}
          errors={errors}
          events={events.events}
          pageNames={pageNames}
          pageEventsOnly={pageEventsOnly}
          {...(errors.after ? { notice: 'That page of the log was not understood: start again from the newest events.' } : {})}
          {...(olderHref ? { olderHref } : {})}
        />,
      );
      return kit.html(c, invalid ? 400 : 200, html);
    }),
  );
}
