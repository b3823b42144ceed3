// An account's lock state as of now: an unlock window that ran out counts as locked, even before
// the next call to main says so.
import type { AccountView, LockState } from '../../shared/domain';

export function currentLock(account: Pick<AccountView, 'lock'>, now: number): LockState {
  const lock = account.lock;
  if (lock.state === 'unlocked' && Date.parse(lock.until) <= now) return { state: 'locked' };
  return lock;
}

export const isLocked = (account: Pick<AccountView, 'lock'>, now: number): boolean => currentLock(account, now).state === 'locked';
