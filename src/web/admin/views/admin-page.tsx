import type { Child } from 'hono/jsx';
import type { StaffRole } from '../../../domain/access/staff-role.js';
import { type AuthAssets, AuthLayout } from '../../customer/views/auth-layout.js';

export interface AdminViewer {
  email: string;
  role: StaffRole;
}

export interface AdminPageProps {
  title: string;
  viewer: AdminViewer;
  assets: AuthAssets;
  /** The navigation entry of this screen. */
  current: 'home' | 'staff';
  children?: Child;
}

/** Every dashboard screen: the staff name, the navigation (what the viewer's role may open), sign-out, then the screen. */
export function AdminPage({ title, viewer, assets, current, children }: AdminPageProps) {
  const link = (href: string, label: string, key: AdminPageProps['current']) => (
    <a href={href} aria-current={current === key ? 'page' : undefined}>
      {label}
    </a>
  );
  const nav = (
    <nav class="admin-nav" aria-label="Dashboard">
      {link('/admin', 'Home', 'home')}
      {viewer.role === 'admin' && link('/admin/staff', 'Staff', 'staff')}
      <form class="sign-out" method="post" action="/admin/sign-out">
        <button type="submit">Sign out</button>
      </form>
    </nav>
  );
  return (
    <AuthLayout title={title} pageName="Beacon staff" homePath="/admin" assets={assets} headerExtra={nav} wide>
      <div class="admin">{children}</div>
    </AuthLayout>
  );
}
