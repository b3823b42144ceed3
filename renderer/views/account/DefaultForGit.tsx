import { useState } from 'react';
import type { AccountView } from '../../../shared/domain';
import { Icon } from '../../components/Icon';
import { displayHost } from '../../lib/host';
import { useLatch } from '../../store/context';

/**
 * With several accounts on one host, git takes the default one unless the remote URL names a user.
 * Shown only then: with one account per host there is nothing to choose.
 */
export function DefaultForGit({ account }: { account: AccountView }) {
  const host = displayHost(account.baseUrl);
  const sharing = useLatch((state) => state.accounts.filter((other) => displayHost(other.baseUrl) === host).length);
  const setDefault = useLatch((state) => state.setDefault);
  const [error, setError] = useState<string | null>(null);
  if (sharing < 2) return null;
  if (account.isDefault) {
    return (
      <span className="badge badge--neutral" title={`git uses this account on ${host} when the remote URL names no user`}>
        <Icon name="git" />
        Default for git on {host}
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        className="button button--small"
        onClick={() => void setDefault(account.id).then((failure) => setError(failure?.message ?? null))}
      >
        Make default for git on {host}
      </button>
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
