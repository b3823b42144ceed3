// The local step: every copy on this computer goes once the host step is final. Each failure is kept
// as a sentence and the rest carries on, so one locked file does not keep the others.
import type { LeakFileCleanup } from '../../../shared/leaks';
import { describeAccount } from '../../../shared/domain';
import type { IndexStore } from '../vault/index-store';
import { keychainKeys, type Keychain } from '../vault/types';
import { sentenceOf } from './errors';
import type { LeakExamination } from './examine';
import { removeSecretFromStoreFile } from './git-credentials-file';
import { removeSecretFromRemotes } from './git-remotes';
import { sortNetrc } from './netrc-file';
import { forgetGitCredentials } from '../credential/git-credentials';
import type { SessionPort, TokensPort } from './ports';
import type { Target } from './report-words';
import { forgetCopy, type Tally } from './revoke';

export interface RemoveLocalDeps {
  store: IndexStore;
  keychain: Keychain;
  session: SessionPort;
  tokens: TokensPort;
  env: NodeJS.ProcessEnv;
}

export interface LocalRemoval {
  passwordsForgotten: string[];
  gitCredentials: LeakFileCleanup[];
  savedByGit: string[];
}

export async function removeLocalCopies(deps: RemoveLocalDeps, secret: string, exam: LeakExamination, forget: Target[], tally: Tally): Promise<LocalRemoval> {
  for (const target of forget) await forgetCopy(deps.tokens, target, tally);

  // A leaked account password is about to be changed; the copy Latch keeps of it would only fail.
  const passwordsForgotten: string[] = [];
  for (const account of exam.passwordOf) {
    deps.session.lock(account.id);
    try {
      if (account.rememberPassword) {
        await deps.keychain.delete(keychainKeys.accountPassword(account.id));
        await deps.store.update((data) => {
          const kept = data.accounts.find((candidate) => candidate.id === account.id);
          if (kept) kept.rememberPassword = false;
        });
      }
      passwordsForgotten.push(describeAccount(account));
    } catch (error) {
      tally.problems.push(`Latch could not forget the password it keeps for ${describeAccount(account)}: ${sentenceOf(error)}`);
    }
  }

  // Every file again, not only those seen earlier: git may have written a line since.
  const gitCredentials: LeakFileCleanup[] = [];
  const clean = async (remove: () => Promise<LeakFileCleanup | LeakFileCleanup[] | null>) => {
    try {
      const removed = await remove();
      if (removed) gitCredentials.push(...(Array.isArray(removed) ? removed : [removed]));
    } catch (error) {
      // A file that could not be read was already named when it was searched.
      const problem = sentenceOf(error);
      if (!tally.problems.includes(problem)) tally.problems.push(problem);
    }
  };
  for (const file of exam.storeFiles) await clean(() => removeSecretFromStoreFile(file, secret));
  for (const file of exam.netrcFiles) await clean(() => removeSecretFromStoreFile(file, secret, {}, sortNetrc));
  for (const repo of exam.repos) await clean(() => removeSecretFromRemotes(repo, secret, deps.env));
  const savedByGit: string[] = [];
  if (exam.savedByGit.length > 0) {
    try {
      await forgetGitCredentials(deps.keychain, deps.store, exam.savedByGit);
      savedByGit.push(...exam.savedByGit.map((c) => `${c.username || '(no username)'} at ${c.protocol}://${c.host}`));
    } catch (error) {
      tally.problems.push(`Latch could not remove the git credentials it keeps that hold it: ${sentenceOf(error)}`);
    }
  }
  return { passwordsForgotten, gitCredentials, savedByGit };
}
