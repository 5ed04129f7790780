import type { AccessGrant } from '../../../domain/pages/customer-pages.js';
import type { AccessNearMiss, NearMissReason } from '../../../domain/pages/customer-page-access.js';
import { describeAllowlistDomain } from '../../../services/pages/customer-page-admin.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { EmailField } from '../views/fields.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { DataTable } from '../views/data-table.js';

export interface WhoCanAccessProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  /** What was typed, kept in the field. */
  email: string;
  error?: string;
  /** The answer, once an address was given and understood. */
  result?: { address: string; domain: string; grants: readonly AccessGrant[]; nearMisses: readonly AccessNearMiss[] };
}

const NEAR_MISS_TEXT: Readonly<Record<NearMissReason, (entry: string, domain: string) => string>> = {
  exact_entry: (entry, domain) => `${entry} admits exactly that domain, not ${domain} under it (an entry *.${entry} would).`,
  wildcard_entry: (entry, domain) => `${entry} admits subdomains of ${domain} only, not ${domain} itself.`,
  narrower_entry: (entry, domain) => `${entry} is a subdomain: it does not admit ${domain}.`,
};

/** `/admin/customer-pages/who-can-access`: which customer pages an address may sign in to and why, and which nearly admit it and why not. */
export function WhoCanAccessPage({ viewer, assets, email, error, result }: WhoCanAccessProps) {
  return (
    <AdminPage title="Who can access" viewer={viewer} assets={assets} current="customer-pages">
      <section class="card" aria-labelledby="who">
        <p>
          <a href="/admin/customer-pages">Customer pages</a>
        </p>
        <h1 id="who">Who can access</h1>
        <p class="lead">Enter an address to see which customer pages it may sign in to, and why.</p>
        <form class="row-form" method="get" action="/admin/customer-pages/who-can-access" novalidate>
          <EmailField label="Email address" autocomplete="off" value={email} error={error} />
          <button type="submit" class="primary">
            Check
          </button>
        </form>
      </section>
      {result && (
        <section class="card" aria-labelledby="answer">
          <h2 id="answer">
            {result.address} may sign in to {result.grants.length} customer page{result.grants.length === 1 ? '' : 's'}
          </h2>
          {result.grants.length > 0 && (
            <DataTable headings={['Customer page', 'Set', 'Because the allowlist has']} stack>
              {result.grants.map((grant) => (
                <tr>
                  <td>
                    <a href={`/admin/customer-pages/${grant.customerPageId}`}>{grant.pageName}</a>
                  </td>
                  <td>{grant.setName}</td>
                  <td>{describeAllowlistDomain(grant.matchedDomain)}</td>
                </tr>
              ))}
            </DataTable>
          )}
          {result.nearMisses.length > 0 && (
            <>
              <h3>Refused, although the allowlist names a related domain</h3>
              <DataTable headings={['Customer page', 'Set', 'Why not']} stack>
                {result.nearMisses.map((miss) => (
                  <tr>
                    <td>
                      <a href={`/admin/customer-pages/${miss.state.customerPage.id}`}>{miss.state.entry.name}</a>
                    </td>
                    <td>{miss.state.set.name}</td>
                    <td>{NEAR_MISS_TEXT[miss.reason](describeAllowlistDomain(miss.entry), result.domain)}</td>
                  </tr>
                ))}
              </DataTable>
            </>
          )}
          <p class="muted">
            {result.grants.length === 0 && result.nearMisses.length === 0
              ? `Refused everywhere: no customer page’s allowlist has ${result.domain} or a domain related to it.`
              : `Every other customer page refuses it: ${result.domain} is not on its allowlist.`}
          </p>
        </section>
      )}
    </AdminPage>
  );
}
