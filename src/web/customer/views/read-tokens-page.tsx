import type { ReadTokenSummary } from '../../../services/sessions/read-tokens.js';
import { type AuthAssets, AuthLayout } from './auth-layout.js';

export interface ReadTokensPageProps {
  pageName: string;
  homePath: string;
  assets: AuthAssets;
  /** The page's absolute URL, for the examples. */
  pageUrl: string;
  tokens: readonly ReadTokenSummary[];
  /** A token just made: shown this once, never again. */
  created?: { name: string; token: string };
  /** Why the last create was refused, and the name typed. */
  error?: { name: string; message: string };
}

const formatDate = (at: Date): string => at.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/** "API and feed access": the signed-in viewer's personal read tokens; plain forms, no script. */
export function ReadTokensPage({ pageName, homePath, assets, pageUrl, tokens, created, error }: ReadTokensPageProps) {
  const action = `${homePath}/tokens`;
  return (
    <AuthLayout title="API and feed access" pageName={pageName} homePath={homePath} assets={assets} wide>
      <div class="card tokens">
        <p>
          <a href={homePath}>Back to the status page</a>
        </p>
        <h1>API and feed access</h1>
        <p>
          A read token lets your tools (feed readers, scripts, monitoring) read this page's status API and feeds without signing in. It
          reads only this page, and stops working if you revoke it or lose access to the page.
        </p>
        {created && (
          <section class="token-created" aria-labelledby="created-heading">
            <h2 id="created-heading">Token “{created.name}” created</h2>
            <p>Copy it now: it will not be shown again.</p>
            <div class="field">
              <label for="new-token">Your new token</label>
              <input id="new-token" type="text" readonly value={created.token} />
            </div>
            <p>Send it as a header, or in the address for feed readers that cannot:</p>
            <pre>
              <code>{`curl -H "Authorization: Bearer ${created.token}" ${pageUrl}/api/v2/summary.json`}</code>
            </pre>
          </section>
        )}
        <h2>Your tokens</h2>
        {tokens.length === 0 ? (
          <p>You have no tokens for this page.</p>
        ) : (
          <table>
            <caption class="visually-hidden">Your read tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr>
                  <td>{token.name}</td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>{formatDate(token.createdAt)}</td>
                  <td>{token.lastUsedAt ? formatDate(token.lastUsedAt) : 'Never'}</td>
                  <td>
                    <form method="post" action={`${action}/${encodeURIComponent(token.id)}/revoke`}>
                      <button class="button" type="submit" aria-label={`Revoke ${token.name}`}>
                        Revoke
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>New token</h2>
        <form method="post" action={action} novalidate>
          <div class="field">
            <label for="token-name">Name</label>
            <input
              id="token-name"
              name="name"
              type="text"
              required
              maxlength={80}
              value={error?.name ?? ''}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? 'token-name-error' : undefined}
            />
            {error && (
              <p id="token-name-error" class="field-error">
                {error.message}
              </p>
            )}
          </div>
          <button class="button" type="submit">
            Create token
          </button>
        </form>
      </div>
    </AuthLayout>
  );
}
