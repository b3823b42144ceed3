// Settings live in the index beside the accounts, so the app, the CLI and the git helper share them.
import type { Settings } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import { unlockMinutesProblem } from '../../../shared/schemas';
import type { IndexStore } from '../vault/index-store';

export interface SettingsService {
  get(): Promise<Settings>;
  set(change: Partial<Settings>): Promise<Settings>;
}

export function createSettingsService(store: IndexStore): SettingsService {
  return {
    get: async () => ({ ...(await store.read()).settings }),
    set: (change) =>
      store.update((data) => {
        if (change.unlockMinutes !== undefined) {
          const problem = unlockMinutesProblem(change.unlockMinutes);
          if (problem) throw new LatchError('validation', problem);
          data.settings.unlockMinutes = change.unlockMinutes;
        }
        if (change.keepCredentialsFromGit !== undefined) data.settings.keepCredentialsFromGit = change.keepCredentialsFromGit;
        return { ...data.settings };
      }),
  };
}
