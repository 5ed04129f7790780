import type { Context } from 'hono';
import { type CustomerPageState, customerPageState } from '../../../domain/pages/customer-pages.js';
import type { Snapshot } from '../../../domain/snapshot.js';
import { customerPagePath } from '../../../services/pages/customer-page-path.js';
import { absoluteUrl } from '../../../services/pages/customer-pages.js';
import { staffActor, withWriteAudit } from '../../../services/staff/staff-audit.js';
import type { ServiceContext } from '../../../services/context.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';
import type { AdminKit } from '../admin-kit.js';
import type { CustomerPageFacts } from './customer-page-detail.js';
import { CustomerPageId } from './customer-pages-schema.js';

/** A customer page found by id in the current snapshot, with what its screens show. */
export interface FoundCustomerPage {
  snapshot: Snapshot;
  state: CustomerPageState;
  facts: CustomerPageFacts;
}

/** The customer page `:id` names, from the current snapshot, or null (no such page, or its set or entry is gone). */
export async function findCustomerPageById(kit: AdminKit, id: string | undefined): Promise<FoundCustomerPage | null> {
  if (!CustomerPageId.safeParse(id).success) return null;
  const snapshot = await kit.deps.snapshots.fresh();
  const ref = kit.deps.snapshots.pageKinds(snapshot).customerPagesById.get(id!);
  const state = ref ? customerPageState(snapshot, ref) : null;
  if (!state) return null;
  const facts: CustomerPageFacts = {
    id: state.customerPage.id,
    name: state.entry.name,
    setName: state.set.name,
    url: absoluteUrl(kit.deps.config.publicUrl, customerPagePath(state.customerPage.urlToken)),
    allowlist: state.allowlist,
    noOneCanSignIn: state.noOneCanSignIn,
  };
  return { snapshot, state, facts };
}

/**
 * STF-7: the service context of one dashboard write, which records a `dashboard.write` event with
 * the staff actor inside the write's own transaction (the mechanism the API's `api.write` uses), on
 * top of the fuller record the service keeps itself (a rotation, each session revoked).
 */
export function dashboardWriteContext(kit: AdminKit, c: Context, who: StaffIdentity, customerPageId: string): ServiceContext {
  const { ctx } = kit.deps;
  return withWriteAudit(ctx, () => ({
    actor: staffActor(who.member.email),
    action: 'dashboard.write',
    subjectType: 'customer-pages',
    subjectId: customerPageId,
    details: { method: c.req.method, path: c.req.path },
  }));
}
