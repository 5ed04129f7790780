import type { AllowlistDomain } from '../../../domain/access/email-domain.js';
import type { ReadTokenSummary } from '../../../services/sessions/read-tokens.js';
import type { SessionSummary } from '../../../services/sessions/sessions.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { DataTable } from '../views/data-table.js';
import { AllowlistText, CopyableUrl, formatWhen } from './customer-page-parts.js';
import { Notice, TextField } from '../views/fields.js';
import { ReadTokensSection } from './read-tokens-section.js';

/** One customer page as its screen shows it. */
export interface CustomerPageFacts {
  id: string;
  name: string;
  setName: string;
  url: string;
  allowlist: readonly AllowlistDomain[];
  /** No address can sign in (the page answers 404). */
  noOneCanSignIn: boolean;
}

export interface CustomerPageDetailProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  script: { src: string; nonce: string };
  page: CustomerPageFacts;
  sessions: readonly SessionSummary[];
  readTokens: readonly ReadTokenSummary[];
  /** Whether the viewer may rotate and revoke (STF-3: the server checks again). */
  canWrite: boolean;
  notice?: { text: string; error?: boolean };
  /** The domain revoke form as sent, with what was wrong with it. */
  domainForm?: { domain: string; error: string };
}

/** `/admin/customer-pages/:id`: the page's URL, allowlist, signed-in viewers and read tokens; preview, audit, rotate and revoke. */
export function CustomerPageDetail(props: CustomerPageDetailProps) {
  const { viewer, assets, script, page, sessions, readTokens, canWrite, notice, domainForm } = props;
  const base = `/admin/customer-pages/${page.id}`;
  return (
    <AdminPage title={page.name} viewer={viewer} assets={assets} current="customer-pages" script={script}>
      <Notice notice={notice} />
      <section class="card" aria-labelledby="page">
        <p>
          <a href="/admin/customer-pages">Customer pages</a>
        </p>
        <h1 id="page">{page.name}</h1>
        <dl class="facts">
          <dt>Set</dt>
          <dd>{page.setName}</dd>
          <dt>URL</dt>
          <dd>
            <CopyableUrl id="url" url={page.url} label={`URL of ${page.name}`} />
          </dd>
          <dt>Allowlist</dt>
          <dd>
            <AllowlistText allowlist={page.allowlist} />
            {page.noOneCanSignIn && (
              <span class="warning">No one can sign in to this page: it serves nothing until its allowlist has a usable domain.</span>
            )}
          </dd>
        </dl>
        <p class="actions">
          {!page.noOneCanSignIn && <a href={`${base}/preview`}>Preview as this customer</a>}
          <a href={`/admin/audit?page=${page.id}`}>Audit log of this page</a>
          {canWrite && <a href={`${base}/rotate`}>Rotate the URL…</a>}
        </p>
      </section>
      <section class="card" aria-labelledby="viewers">
        <h2 id="viewers">Signed-in viewers ({sessions.length})</h2>
        {sessions.length === 0 ? (
          <p class="muted">No one is signed in.</p>
        ) : (
          <DataTable headings={['Address', 'Signed in', 'Last seen', ...(canWrite ? [{ hidden: 'Revoke' }] : [])]} stack>
            {sessions.map((session) => (
              <tr>
                <td>{session.email}</td>
                <td data-label="Signed in">{formatWhen(session.createdAt)}</td>
                <td data-label="Last seen">{formatWhen(session.lastSeenAt)}</td>
                {canWrite && (
                  <td>
                    <form class="inline" method="post" action={`${base}/sessions/revoke`}>
                      <input type="hidden" name="by" value="email" />
                      <input type="hidden" name="email" value={session.email} />
                      <button type="submit" class="danger" aria-label={`Revoke ${session.email}`}>
                        Revoke
                      </button>
                    </form>
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
        )}
        {canWrite && (
          <>
            <form class="row-form" method="post" action={`${base}/sessions/revoke`} novalidate>
              <input type="hidden" name="by" value="domain" />
              <TextField
                id="domain"
                name="domain"
                label="Revoke everyone at a domain"
                maxlength={254}
                attrs={{ placeholder: 'example.com or *.example.com' }}
                value={domainForm?.domain ?? ''}
                error={domainForm?.error}
              />
              <button type="submit" class="danger">
                Revoke domain
              </button>
            </form>
            <form class="row-form" method="post" action={`${base}/sessions/revoke`}>
              <input type="hidden" name="by" value="all" />
              <button type="submit" class="danger">
                Revoke all viewers
              </button>
            </form>
          </>
        )}
      </section>
      <ReadTokensSection base={base} tokens={readTokens} canWrite={canWrite} />
    </AdminPage>
  );
}
