// The git credentials Latch keeps, for the window's "Saved by git" and `latch credentials`: listed
// without their secrets, and removed from the index and the keychain.
import type { SavedGitCredential } from '../../../shared/git-credentials';
import { LatchError } from '../../../shared/result';
import { forgetGitCredentials } from '../credential/git-credentials';
import type { IndexStore } from '../vault/index-store';
import type { GitCredential, Keychain } from '../vault/types';

export interface GitCredentialsService {
  list(): Promise<SavedGitCredential[]>;
  /** Removes the ones with these ids; refuses when none of them is kept any more. */
  remove(ids: readonly string[]): Promise<void>;
}

export function savedView(c: GitCredential): SavedGitCredential {
  return { id: c.keychainKey, protocol: c.protocol, host: c.host, path: c.path, username: c.username, lastUsedAt: c.lastUsedAt, source: c.source };
}

export function createGitCredentialsService(deps: { store: IndexStore; keychain: Keychain }): GitCredentialsService {
  return {
    async list() {
      return ((await deps.store.read()).gitCredentials ?? []).map(savedView);
    },
    async remove(ids) {
      const wanted = new Set(ids);
      const doomed = ((await deps.store.read()).gitCredentials ?? []).filter((c) => wanted.has(c.keychainKey));
      if (doomed.length === 0) throw new LatchError('not-found', 'Latch no longer keeps that git credential.');
      await forgetGitCredentials(deps.keychain, deps.store, doomed);
    },
  };
}
