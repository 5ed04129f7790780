import { STAFF_ROLE_SUMMARIES } from '../../../domain/access/staff-role.js';
import type { StaffSessionSummary } from '../../../services/staff/staff-sessions.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from './admin-page.js';
import { DataTable, RowAction } from './data-table.js';

export interface HomePageProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  devices: readonly StaffSessionSummary[];
  /** The session of this request, marked "this device" (sign out to end it). */
  currentSessionId: string;
  notice?: string;
}

const when = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** `/admin`: who you are, what your role may do, and your signed-in devices, each but this one with a button to end it. */
export function HomePage({ viewer, assets, devices, currentSessionId, notice }: HomePageProps) {
  return (
    <AdminPage title="Home" viewer={viewer} assets={assets} current="home">
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <section class="card" aria-labelledby="you">
        <h1 id="you">Signed in as {viewer.email}</h1>
        <p class="lead">
          Your role is <strong>{viewer.role}</strong>: {STAFF_ROLE_SUMMARIES[viewer.role]}.
        </p>
      </section>
      <section class="card" aria-labelledby="devices">
        <h2 id="devices">Signed-in devices</h2>
        <DataTable headings={['Device', 'Last seen', 'Signed in', { hidden: 'Action' }]}>
          {devices.map((device) => (
            <tr>
              <td>{device.device}</td>
              <td>{when(device.lastSeenAt)}</td>
              <td>{when(device.createdAt)}</td>
              <td>
                {device.id === currentSessionId ? (
                  <span class="you">This device</span>
                ) : (
                  <RowAction
                    action="/admin/sessions/revoke"
                    field={{ name: 'id', value: device.id }}
                    text="Sign out"
                    label={`Sign out ${device.device}, last seen ${when(device.lastSeenAt)}`}
                  />
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
    </AdminPage>
  );
}
