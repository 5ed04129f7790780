import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { Checkbox } from '../views/fields.js';

/** `/admin/customer-pages/:id/rotate`: the confirmation step before a page gets a new URL (nothing changes on GET, STF-5). */
export function RotateConfirm(props: { viewer: AdminViewer; assets: AuthAssets; id: string; name: string; error?: string }) {
  const { viewer, assets, id, name, error } = props;
  return (
    <AdminPage title={`Rotate the URL of ${name}`} viewer={viewer} assets={assets} current="customer-pages">
      <section class="card" aria-labelledby="rotate">
        <h1 id="rotate">Rotate the URL of {name}?</h1>
        <p class="lead">
          The page gets a new unlisted URL. The current one stops working at once, for everyone, including bookmarks and links already
          shared; send the new one to the customer. Signed-in viewers stay signed in.
        </p>
        <form class="row-form" method="post" action={`/admin/customer-pages/${id}/rotate`}>
          <div class="field">
            <Checkbox
              id="confirm"
              name="confirm"
              value="yes"
              label="I understand the current URL stops working"
              checked={false}
              error={error}
            />
          </div>
          <button type="submit" class="danger">
            Rotate the URL
          </button>
        </form>
        <p>
          <a href={`/admin/customer-pages/${id}`}>Cancel</a>
        </p>
      </section>
    </AdminPage>
  );
}
