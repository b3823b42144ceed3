import type { AccountView } from '../../../shared/domain';
import { Icon } from '../../components/Icon';
import { keptWithoutPassword } from '../../lib/browser-token';
import { formatTimeLeft } from '../../lib/format';
import { currentLock } from '../../lib/lock';
import { useLatch } from '../../store/context';

/** Whether Latch holds the account's password, for how long, and the way to change that (or that it has none). */
export function LockStatus({ account, now }: { account: AccountView; now: number }) {
  const lockAccount = useLatch((state) => state.lockAccount);
  const selectAccount = useLatch((state) => state.selectAccount);
  const lock = currentLock(account, now);
  const name = account.displayName;

  switch (lock.state) {
    case 'remembered':
      return (
        <div className="lock-status lock-status--remembered">
          <Icon name="key" />
          <span>Password in keychain</span>
        </div>
      );
    case 'unlocked':
      return (
        <div className="lock-status lock-status--open">
          <Icon name="unlock" />
          <span>Unlocked · {formatTimeLeft(lock.until, now)}</span>
          <button type="button" className="link-button" aria-label={`Lock now: ${name}`} onClick={() => void lockAccount(account.id)}>
            Lock now
          </button>
        </div>
      );
    case 'locked':
      return (
        <div className="lock-status lock-status--locked">
          <Icon name="lock" />
          <span>Locked</span>
          <button type="button" className="link-button" aria-label={`Unlock: ${name}`} onClick={() => selectAccount(account.id)}>
            Unlock
          </button>
        </div>
      );
    case 'no-password':
      // Nothing to lock: the account has no password in Latch, only the API tokens it keeps.
      return (
        <div className="lock-status lock-status--token">
          <Icon name="key" />
          {/* Gitea and Forgejo call theirs access tokens. */}
          <span>{keptWithoutPassword(account) ? 'Access tokens' : 'API tokens'}</span>
        </div>
      );
  }
}
