import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from './admin-page.js';

/** A screen that only says something: a role refusal (STF-3), a page that is not there. */
export function MessageScreen({ viewer, assets, title, text }: { viewer: AdminViewer; assets: AuthAssets; title: string; text: string }) {
  return (
    <AdminPage title={title} viewer={viewer} assets={assets} current="home">
      <section class="card">
        <h1>{title}</h1>
        <p class="lead">{text}</p>
        <p>
          <a href="/admin">Back to the dashboard</a>
        </p>
      </section>
    </AdminPage>
  );
}
