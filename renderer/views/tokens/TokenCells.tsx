// The cells both token tables show the same way: when a token was made and last used, and what Latch
// holds of it (its keychain copy, git's report that the host refused it and what the host then said),
// and the Revoke button.
// The buttons take the store's action when clicked instead of subscribing to it: the actions never
// change, and a subscription per button is hundreds in a long table, each set up on every render of new
// rows and called on every change of the store.
import type { AccessToken } from '../../../shared/domain';
import { HOSTS } from '../../../shared/hosts';
import { Icon } from '../../components/Icon';
import { formatAge, formatDate, formatDateTime, formatLastUsed } from '../../lib/format';
import { useLatch, useLatchStore } from '../../store/context';

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

/** What "Rejected" means, wherever the badge appears. */
export const REJECTED_WORDS =
  'git reported that the host refused this token, and the host, asked with the token, says it no longer works (revoked, expired or changed there), so Latch no longer gives it to git. Replace it, or remove it from Latch.';

/** "In keychain", "git", and "Rejected", in that order. */
export function HeldBadges({ token }: { token: AccessToken }) {
  return (
    <>
      {token.stored && (
        <span className="badge badge--success">
          <Icon name="key" />
          In keychain
        </span>
      )}
      {token.signsIn && (
        <span className="badge badge--info" title="Latch signs in to the host with this token to list, create and rotate the others. Rotate it before it expires; revoking it signs Latch out.">
          <Icon name="key" />
          Latch signs in with it
        </span>
      )}
      {token.git && (
        <span
          className="badge badge--info"
          title={
            token.git === 'pinned'
              ? 'git gets this token for this account: you chose it.'
              : 'git gets this token for this account: of the tokens Latch keeps, it reaches highest on repositories.'
          }
        >
          <Icon name="git" />
          {token.git === 'pinned' ? 'Used for git (your choice)' : 'Used for git'}
        </span>
      )}
      {token.rejected && (
        <span className="badge badge--danger" title={REJECTED_WORDS}>
          <Icon name="alert" />
          <span>Rejected</span>
          {/* The tooltip is for the pointer; this is the same explanation for a screen reader. */}
          <span className="visually-hidden">: {REJECTED_WORDS}</span>
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
  const store = useLatchStore();
  return (
    <button type="button" className="button button--small" aria-label={`Rotate ${token.name}`} onClick={() => store.getState().openDialog({ kind: 'rotate', token })}>
      Rotate
    </button>
  );
}

/** Revoke at the host, after the confirmation the dialog asks. */
export function RevokeButton({ token }: { token: AccessToken }) {
  const store = useLatchStore();
  return (
    <button
      type="button"
      className="button button--small button--quiet-danger"
      aria-label={`Revoke ${token.name}`}
      onClick={() => store.getState().openDialog({ kind: 'revoke', token })}
    >
      Revoke
    </button>
  );
}

/**
 * "Use for git" on a kept token git does not get yet; "Let Latch choose" on the one the person chose.
 * Where Latch already gives git this token, there is nothing to change.
 */
export function UseForGitButton({ token }: { token: AccessToken }) {
  const store = useLatchStore();
  if (!token.stored || !token.onHost || token.git === 'chosen') return null;
  const pinned = token.git === 'pinned';
  return (
    <button
      type="button"
      className="button button--small button--quiet"
      aria-label={pinned ? `Let Latch choose the token git gets instead of ${token.name}` : `Use ${token.name} for git`}
      onClick={() => void store.getState().pinForGit(pinned ? null : token)}
    >
      {pinned ? 'Let Latch choose' : 'Use for git'}
    </button>
  );
}

/** Replace in one action, where the host can create and revoke but has no rotate API (Data Center). */
export function ReplaceButton({ token }: { token: AccessToken }) {
  const store = useLatchStore();
  const replaces = useLatch((state) => {
    const account = state.accounts.find((candidate) => candidate.id === state.selectedAccountId);
    const host = account ? HOSTS[account.host] : null;
    // Not where each call may need its own one-time code (Gitea, Forgejo): a replace makes three.
    return host !== null && host.createByApi && host.revokeByApi && !host.rotateByApi && !host.twoFactor;
  });
  if (!replaces || !token.onHost) return null;
  return (
    <button
      type="button"
      className="button button--small button--quiet"
      aria-label={`Replace ${token.name}`}
      onClick={() => store.getState().openDialog({ kind: 'replace', token })}
    >
      Replace…
    </button>
  );
}
