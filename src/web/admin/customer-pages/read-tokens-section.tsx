import type { ReadTokenSummary } from '../../../services/sessions/read-tokens.js';
import { DataTable } from '../views/data-table.js';
import { formatWhen } from './customer-page-parts.js';

/** The page's personal read tokens on its dashboard screen, each with a revoke button for admins (docs/read-tokens.md). */
export function ReadTokensSection({ base, tokens, canWrite }: { base: string; tokens: readonly ReadTokenSummary[]; canWrite: boolean }) {
  return (
    <section class="card" aria-labelledby="read-tokens">
      <h2 id="read-tokens">Read tokens ({tokens.length})</h2>
      {tokens.length === 0 ? (
        <p class="muted">No viewer has a read token.</p>
      ) : (
        <DataTable headings={['Name', 'Token', 'Address', 'Created', 'Last used', ...(canWrite ? [{ hidden: 'Revoke' }] : [])]} stack>
          {tokens.map((token) => (
            <tr>
              <td>{token.name}</td>
              <td data-label="Token">
                <code>{token.prefix}…</code>
              </td>
              <td data-label="Address">{token.email}</td>
              <td data-label="Created">{formatWhen(token.createdAt)}</td>
              <td data-label="Last used">{formatWhen(token.lastUsedAt)}</td>
              {canWrite && (
                <td>
                  <form class="inline" method="post" action={`${base}/read-tokens/${encodeURIComponent(token.id)}/revoke`}>
                    <button type="submit" class="danger" aria-label={`Revoke token ${token.name} of ${token.email}`}>
                      Revoke
                    </button>
                  </form>
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
