import { memo, useEffect, useRef, useState } from 'react';
import type { AccessToken } from '../../../shared/domain';
import { gitlabRoleName } from '../../../shared/hosts/gitlab';
import { expiryBadge } from '../../../shared/expiry';
import { Icon } from '../../components/Icon';
import { formatDateTime, formatExpiry, formatScope, isOldToken, OLD_TOKEN_DAYS } from '../../lib/format';
import type { SortColumn } from '../../lib/token-table';
import { useNow } from '../../lib/use-now';
import { useLatch, useLatchStore } from '../../store/context';
import { CreatedCell, HeldBadges, LastUsedCell, ReplaceButton, RevokeButton, RotateButton, UseForGitButton } from './TokenCells';

const COLUMNS: { column: SortColumn; label: string }[] = [
  { column: 'name', label: 'Name' },
  { column: 'scopes', label: 'Permissions' },
  { column: 'createdAt', label: 'Created' },
  { column: 'expiresAt', label: 'Expires' },
  { column: 'lastUsedAt', label: 'Last used' },
];

export function SortHeader({ column, label }: { column: SortColumn; label: string }) {
  const sort = useLatch((state) => state.sort);
  const sortBy = useLatch((state) => state.sortBy);
  const active = sort.column === column;
  return (
    <th scope="col" aria-sort={active ? sort.direction : 'none'} className={`col-${column}`}>
      <button type="button" className="sort-button" onClick={() => sortBy(column)}>
        {label}
        <span className={active ? `sort-arrow sort-arrow--${sort.direction}` : 'sort-arrow'} aria-hidden="true" />
      </button>
    </th>
  );
}

/**
 * The sortable columns, then Status and the row actions: the same in every token table. `neverExpire`:
 * the host's tokens have no expiry (Gitea, Forgejo), so there is no Expires column.
 */
export function TokenTableHead({
  columns,
  unsorted = [],
  neverExpire = false,
}: {
  columns: { column: SortColumn; label: string }[];
  unsorted?: { className: string; label: string }[];
  neverExpire?: boolean;
}) {
  const shown = neverExpire ? columns.filter((item) => item.column !== 'expiresAt') : columns;
  return (
    <thead>
      <tr aria-rowindex={1}>
        {shown.map((item) => (
          <SortHeader key={item.column} {...item} />
        ))}
        {unsorted.map((item) => (
          <th key={item.className} scope="col" className={item.className}>
            {item.label}
          </th>
        ))}
        <th scope="col" className="col-status">
          Status
        </th>
        <th scope="col" className="col-actions">
          <span className="visually-hidden">Actions</span>
        </th>
      </tr>
    </thead>
  );
}

/** One row; memoised, so a filter keystroke re-renders only rows that came or went. */
const TokenRow = memo(function TokenRow({
  token,
  index,
  now,
  neverExpire,
  rotates,
}: {
  token: AccessToken;
  index: number;
  now: number;
  neverExpire: boolean;
  rotates: boolean;
}) {
  const store = useLatchStore();
  const expiry = formatExpiry(token.expiresAt, now);
  // The same badge as every host's rows: a warning in the last days, from the one day count.
  const soon = expiryBadge(token.expiresAt, now);
  const old = neverExpire && token.onHost && isOldToken(token.createdAt, now);
  return (
    <tr className={token.onHost ? undefined : 'token-row--gone'} aria-rowindex={index + 2}>
      <td className="col-name">
        <span className="token-name">{token.name}</span>
        <span className="token-id mono">ID {token.id}</span>
      </td>
      <td className="col-scopes">
        <span className="chips">
          {token.scopes.map((scope) => (
            <span key={scope} className="chip">
              {formatScope(scope)}
            </span>
          ))}
        </span>
        {token.accessLevel !== undefined && <span className="cell-secondary">Role: {gitlabRoleName(token.accessLevel)}</span>}
      </td>
      <CreatedCell token={token} ageAt={neverExpire ? now : undefined} />
      {/* Where tokens never expire, the Created cell says how old each is instead. */}
      {!neverExpire && (
        <td className="col-expiresAt" title={formatDateTime(token.expiresAt)}>
          <span className={expiry.expired ? 'is-expired' : undefined}>{expiry.primary}</span>
          {soon?.tone === 'warning' ? (
            <span className="badge badge--warning expiry-badge">
              <Icon name="clock" />
              {soon.text}
            </span>
          ) : (
            expiry.secondary && <span className="cell-secondary">{expiry.secondary}</span>
          )}
        </td>
      )}
      <LastUsedCell token={token} now={now} />
      <td className="col-status">
        <span className="badges">
          {!token.onHost && (
            <span className="badge badge--danger" title="The host no longer has this token: it was revoked or deleted outside Latch.">
              <Icon name="alert" />
              Gone from host
            </span>
          )}
          <HeldBadges token={token} />
          {expiry.expired && <span className="badge badge--neutral">Expired</span>}
          {old && (
            <span className="badge badge--neutral" title={`Over ${OLD_TOKEN_DAYS} days old and it never expires: consider creating a new one and revoking this.`}>
              Consider replacing
            </span>
          )}
        </span>
      </td>
      <td className="col-actions">
        {token.onHost ? (
          <span className="row-actions">
            <UseForGitButton token={token} />
            {rotates ? <RotateButton token={token} /> : <ReplaceButton token={token} />}
            <RevokeButton token={token} />
          </span>
        ) : (
          <button
            type="button"
            className="button button--small button--quiet-danger"
            aria-label={`Remove the stored copy of ${token.name}`}
            onClick={() => store.getState().openDialog({ kind: 'remove-token', token })}
          >
            Remove
          </button>
        )}
      </td>
    </tr>
  );
});

/**
 * Rows added each time the end comes near or "Show more" is pressed. Some hosts and administrators have
 * thousands of tokens: rendering them all would take a second per keystroke in the filter. The table
 * tells assistive technology how many rows there are.
 */
export const ROWS_AT_A_TIME = 40;

/**
 * Rows rendered at first: about 1,500 px of rows, more than a tall window shows. Creating, styling and laying
 * out the rows is nearly all of a render's cost, so rows further down wait until the end comes near, as the
 * later ones do.
 */
export const FIRST_ROWS = 20;

/** `filter`: the filter text the tokens match; a new one starts again from the first rows. */
/** `neverExpire`: the host's tokens have no expiry (Gitea, Forgejo), so each row says its age instead. */
/** `rotates`: the host rotates tokens by API (GitLab), so each row offers Rotate beside Revoke. */
export function TokenTable({
  tokens,
  filter,
  caption,
  busy,
  neverExpire = false,
  rotates = false,
}: {
  tokens: AccessToken[];
  filter: string;
  caption: string;
  busy: boolean;
  neverExpire?: boolean;
  rotates?: boolean;
}) {
  const now = useNow(60_000);
  const [limit, setLimit] = useState(FIRST_ROWS);
  // Rows shown while scrolling far down would otherwise all be rendered again for each keystroke in the
  // filter (0.1 to 0.8 s each with a thousand shown): a new filter shows its first rows, as a new table does.
  const [limitFor, setLimitFor] = useState(filter);
  if (limitFor !== filter) {
    setLimitFor(filter);
    setLimit(FIRST_ROWS);
  }
  const shown = tokens.length > limit ? tokens.slice(0, limit) : tokens;
  const left = tokens.length - shown.length;
  const more = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const end = more.current;
    if (left === 0 || !end || typeof IntersectionObserver === 'undefined') return;
    // Scrolling near the end shows the next rows before they are needed.
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setLimit((current) => current + ROWS_AT_A_TIME);
    }, { rootMargin: '600px' });
    observer.observe(end);
    return () => observer.disconnect();
  }, [left]);

  return (
    <div className="table-wrap">
      <table className="token-table" aria-busy={busy} aria-rowcount={tokens.length + 1}>
        <caption className="visually-hidden">{caption}</caption>
        <TokenTableHead columns={COLUMNS} neverExpire={neverExpire} />
        <tbody>
          {shown.map((token, index) => (
            <TokenRow key={token.id} token={token} index={index} now={now} neverExpire={neverExpire} rotates={rotates} />
          ))}
        </tbody>
      </table>
      {left > 0 && (
        <div className="table-more" ref={more}>
          <button type="button" className="button button--small" onClick={() => setLimit((current) => current + ROWS_AT_A_TIME)}>
            Show {Math.min(ROWS_AT_A_TIME, left)} more ({left} not shown yet)
          </button>
        </div>
      )}
    </div>
  );
}
