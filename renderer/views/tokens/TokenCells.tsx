// The cells both token tables show the same way: when a token was made and last used, and what Latch
// holds of it (its keychain copy, git's report that the host refused it and what the host then said),
// and the Revoke button.
import type { AccessToken } from '../../../shared/domain';
import { Icon } from '../../components/Icon';
import { formatAge, formatDate, formatDateTime, formatLastUsed } from '../../lib/format';
import { useLatch } from '../../store/context';

/** When the token was made; with `ageAt` (hosts whose tokens never expire), how old it is as well. */
export function CreatedCell({ token, ageAt }: { token: AccessToken; ageAt?: number }) {
  const age = ageAt === undefined ? null : formatAge(token.createdAt, ageAt);
  return (
    <td className="col-createdAt" title={formatDateTime(token.createdAt)}>
      {formatDate(token.createdAt)}
      {age && <span className="cell-secondary">{age}</span>}
    </td>
  );
}

export function LastUsedCell({ token, now }: { token: AccessToken; now: number }) {
  return (
    <td className="col-lastUsedAt" title={formatDateTime(token.lastUsedAt)}>
      {formatLastUsed(token.lastUsedAt, now)}
    </td>
  );
}

/** "In keychain" and "Rejected", in that order. */
export function HeldBadges({ token }: { token: AccessToken }) {
  return (
    <>
      {token.stored && (
        <span className="badge badge--success">
          <Icon name="key" />
          In keychain
        </span>
      )}
      {token.rejected && (
        <span className="badge badge--danger" title="git reported that the host refused this token, and the host says it no longer works">
          <Icon name="alert" />
          Rejected
        </span>
      )}
      {!token.rejected && token.refusal?.check === 'unsure' && (
        <span className="badge badge--warning" title={`${refusedWhere(token.refusal.path)} Latch could not ask the host whether it still works, so git still gets it.`}>
          <Icon name="alert" />
          Refused, not checked
        </span>
      )}
      {!token.rejected && token.refusal?.check === 'alive' && (
        <span className="badge badge--neutral" title={`${refusedWhere(token.refusal.path)} The host says the token still works, so git still gets it.`}>
          Refused for a repository
        </span>
      )}
    </>
  );
}

function refusedWhere(path: string | null): string {
  return path === null ? 'git reported that the host refused this token.' : `git reported that the host refused this token for ${path}.`;
}

/** Rotate at the host (GitLab), after the confirmation the dialog asks: the new secret is shown once. */
export function RotateButton({ token }: { token: AccessToken }) {
  const openDialog = useLatch((state) => state.openDialog);
  return (
    <button type="button" className="button button--small" aria-label={`Rotate ${token.name}`} onClick={() => openDialog({ kind: 'rotate', token })}>
      Rotate
    </button>
  );
}

/** Revoke at the host, after the confirmation the dialog asks. */
export function RevokeButton({ token }: { token: AccessToken }) {
  const openDialog = useLatch((state) => state.openDialog);
  return (
    <button
      type="button"
      className="button button--small button--quiet-danger"
      aria-label={`Revoke ${token.name}`}
      onClick={() => openDialog({ kind: 'revoke', token })}
    >
      Revoke
    </button>
  );
}
