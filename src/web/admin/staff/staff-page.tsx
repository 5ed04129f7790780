import { STAFF_ROLES, type StaffRole } from '../../../domain/access/staff-role.js';
import type { StaffMember } from '../../../services/staff/staff-members.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { DataTable, RowAction } from '../views/data-table.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { ROLE_OPTIONS, RoleSummaries } from '../views/staff-roles.js';
import { EmailField, Notice, SelectField } from '../views/fields.js';

export interface StaffPageProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  members: readonly StaffMember[];
  notice?: { text: string; error?: boolean };
  /** The add form as it was sent, with what was wrong with it. */
  form?: { email: string; role: string; errors: { email?: string; role?: string } };
}

function RoleSelect({ id, name, value, label }: { id: string; name: string; value: string; label: string }) {
  return (
    <select id={id} name={name} aria-label={label}>
      {STAFF_ROLES.map((role) => (
        <option value={role} selected={role === value}>
          {role}
        </option>
      ))}
    </select>
  );
}

/** `/admin/staff` (admins only): who may sign in, with which role; add, change a role, remove (STF-3, STF-6). */
export function StaffPage({ viewer, assets, members, notice, form }: StaffPageProps) {
  const errors = form?.errors ?? {};
  const roleDefault: StaffRole = 'responder';
  return (
    <AdminPage title="Staff" viewer={viewer} assets={assets} current="staff">
      <Notice notice={notice} />
      <section class="card" aria-labelledby="add">
        <h1 id="add">Staff</h1>
        <p class="lead">
          Staff sign in at /admin with an emailed link. Removing someone or changing their role signs them out everywhere at once.
        </p>
        <form class="row-form" method="post" action="/admin/staff" novalidate>
          <EmailField label="Email address" autocomplete="off" value={form?.email ?? ''} error={errors.email} />
          <SelectField id="role" name="role" label="Role" value={form?.role ?? roleDefault} error={errors.role} options={ROLE_OPTIONS} />
          <button type="submit" class="primary">
            Add staff member
          </button>
        </form>
        <RoleSummaries />
      </section>
      <section class="card" aria-labelledby="members">
        <h2 id="members">Members ({members.length})</h2>
        <DataTable headings={['Email', 'Role', 'Added', { hidden: 'Sign out or remove' }]}>
          {members.map((member, index) => (
            <tr>
              <td>
                {member.email}
                {member.email === viewer.email && <span class="muted"> (you)</span>}
              </td>
              <td>
                <form class="inline" method="post" action="/admin/staff/role">
                  <input type="hidden" name="email" value={member.email} />
                  <RoleSelect id={`role-${index}`} name="role" value={member.role} label={`Role of ${member.email}`} />
                  <button type="submit">Change</button>
                </form>
              </td>
              <td>{member.createdAt.toISOString().slice(0, 10)}</td>
              <td>
                <RowAction
                  action="/admin/staff/sign-out"
                  field={{ name: 'email', value: member.email }}
                  text="Sign out everywhere"
                  label={`Sign out everywhere: ${member.email}`}
                />{' '}
                <RowAction
                  action="/admin/staff/remove"
                  field={{ name: 'email', value: member.email }}
                  text="Remove"
                  label={`Remove ${member.email}`}
                />
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
    </AdminPage>
  );
}
