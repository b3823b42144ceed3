import type { AccessToken } from '../../../shared/domain';
import { Icon } from '../../components/Icon';
import { OpenPageButton } from '../../components/OpenPageButton';
import { expiryBadge, formatDay } from '../../lib/browser-token';
import type { SortColumn } from '../../lib/token-table';
import { useNow } from '../../lib/use-now';
import { useLatch } from '../../store/context';
import { TokenTableHead } from './TokenTable';
import { CreatedCell, HeldBadges, LastUsedCell, RevokeButton, UseForGitButton } from './TokenCells';

const COLUMNS: { column: SortColumn; label: string }[] = [
  { column: 'name', label: 'Name' },
  { column: 'createdAt', label: 'Added' },
  { column: 'expiresAt', label: 'Expires' },
  { column: 'lastUsedAt', label: 'Last used' },
];

/**
 * Tokens made in the browser and given to Latch, on a host (or account) whose tokens Latch cannot list:
 * Bitbucket Cloud, GitHub, Gitea and Forgejo accounts with a security key. Where Latch cannot revoke
 * one with its own secret, the row opens the host's token page for that; it always removes Latch's copy.
 */
export function BrowserTokenTable({
  accountId,
  tokens,
  caption,
  busy,
  revokes = false,
  scopes = false,
  neverExpire = false,
}: {
  accountId: string;
  tokens: AccessToken[];
  caption: string;
  busy: boolean;
  /** Latch revokes them itself, with the secret it keeps (GitHub, Gitea from 1.27). */
  revokes?: boolean;
  /** The host says each token's scopes (GitHub, Gitea), so they are shown. */
  scopes?: boolean;
  /** The host's tokens have no expiry (Gitea, Forgejo): no Expires column saying "Never" in every row. */
  neverExpire?: boolean;
}) {
  const openDialog = useLatch((state) => state.openDialog);
  const now = useNow(60_000);

  return (
    <div className="table-wrap">
      <table className="token-table token-table--kept" aria-busy={busy}>
        <caption className="visually-hidden">{caption}</caption>
        <TokenTableHead columns={COLUMNS} neverExpire={neverExpire} unsorted={scopes ? [{ className: 'col-scopes', label: 'Scopes' }] : []} />
        <tbody>
          {tokens.map((token) => {
            const badge = expiryBadge(token.expiresAt, now);
            return (
              <tr key={token.id}>
                <td className="col-name">
                  <span className="token-name">{token.name}</span>
                </td>
                <CreatedCell token={token} ageAt={neverExpire ? now : undefined} />
                {!neverExpire && (
                  <td className="col-expiresAt">
                    {/* The day the person entered, as a UTC day: the token works until its end. */}
                    <span className={badge?.tone === 'danger' ? 'is-expired' : undefined}>{token.expiresAt ? formatDay(token.expiresAt) : 'Never'}</span>
                    {badge && (
                      <span className={`badge badge--${badge.tone} expiry-badge`}>
                        {badge.tone === 'warning' && <Icon name="clock" />}
                        {badge.text}
                      </span>
                    )}
                  </td>
                )}
                <LastUsedCell token={token} now={now} />
                {scopes && <td className="col-scopes">{token.scopes.length > 0 ? token.scopes.join(', ') : 'not reported'}</td>}
                <td className="col-status">
                  <span className="badges">
                    <HeldBadges token={token} />
                  </span>
                </td>
                <td className="col-actions">
                  <span className="row-actions">
                    <UseForGitButton token={token} />
                    {revokes ? (
                      <RevokeButton token={token} />
                    ) : (
                    <OpenPageButton
                      page={{ accountId }}
                      label="Revoke in browser…"
                      ariaLabel={`Revoke ${token.name} in browser`}
                      className="button button--small button--quiet"
                    />
                    )}
                    <button
                      type="button"
                      className="button button--small button--quiet-danger"
                      aria-label={`Remove ${token.name} from Latch`}
                      onClick={() => openDialog({ kind: 'remove-token', token })}
                    >
                      Remove from Latch
                    </button>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
