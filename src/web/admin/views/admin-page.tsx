import type { Child } from 'hono/jsx';
import { type StaffResource, type StaffRole, roleMay } from '../../../domain/access/staff-role.js';
import { type AuthAssets, AuthLayout } from '../../customer/views/auth-layout.js';

export interface AdminViewer {
  email: string;
  role: StaffRole;
}

export interface AdminPageProps {
  title: string;
  viewer: AdminViewer;
  assets: AuthAssets;
  /** The navigation entry of this screen (an `ADMIN_NAV` key). */
  current: AdminNavKey;
  /** The screen's one script, with this response's nonce (HDR-1): progressive enhancement only. */
  script?: { src: string; nonce: string } | undefined;
  children?: Child;
}

/**
 * The dashboard's navigation, in order: each screen's entry, shown to the roles that may open it
 * (`opens`: what reading it takes; the server checks again on every request, STF-3).
 */
const ADMIN_NAV = [
  { key: 'home', href: '/admin', label: 'Home', opens: null },
  { key: 'incidents', href: '/admin/incidents', label: 'Incidents', opens: { resource: 'incidents', writes: false } },
  { key: 'maintenance', href: '/admin/maintenance', label: 'Maintenance', opens: { resource: 'maintenances', writes: false } },
  { key: 'components', href: '/admin/components', label: 'Components', opens: { resource: 'components', writes: false } },
  { key: 'pages', href: '/admin/pages', label: 'Pages', opens: { resource: 'pages', writes: false } },
  { key: 'catalog', href: '/admin/catalog', label: 'Catalog', opens: { resource: 'catalog', writes: false } },
  { key: 'staff', href: '/admin/staff', label: 'Staff', opens: { resource: 'staff', writes: true } },
  { key: 'customer-pages', href: '/admin/customer-pages', label: 'Customer pages', opens: { resource: 'customer-pages', writes: false } },
  { key: 'subscribers', href: '/admin/subscribers', label: 'Subscribers', opens: { resource: 'subscribers', writes: false } },
  { key: 'audit', href: '/admin/audit', label: 'Audit log', opens: { resource: 'customer-pages', writes: false } },
  { key: 'webhooks', href: '/admin/webhooks', label: 'Webhooks', opens: { resource: 'webhooks', writes: false } },
  { key: 'api-keys', href: '/admin/api-keys', label: 'API keys', opens: { resource: 'api-keys', writes: true } },
] as const satisfies readonly { key: string; href: string; label: string; opens: { resource: StaffResource; writes: boolean } | null }[];

type AdminNavKey = (typeof ADMIN_NAV)[number]['key'];

/** Every dashboard screen: the staff name, the navigation (what the viewer's role may open), sign-out, then the screen. */
export function AdminPage({ title, viewer, assets, current, script, children }: AdminPageProps) {
  const nav = (
    <nav class="admin-nav" aria-label="Dashboard">
      {ADMIN_NAV.filter((entry) => entry.opens === null || roleMay(viewer.role, entry.opens)).map((entry) => (
        <a href={entry.href} aria-current={current === entry.key ? 'page' : undefined}>
          {entry.label}
        </a>
      ))}
      <form class="sign-out" method="post" action="/admin/sign-out">
        <button type="submit">Sign out</button>
      </form>
    </nav>
  );
  return (
    <AuthLayout
      title={title}
      pageName="Beacon staff"
      homePath="/admin"
      assets={assets}
      headerExtra={nav}
      wide
      {...(script ? { script } : {})}
    >
      <div class="admin">{children}</div>
    </AuthLayout>
  );
}
