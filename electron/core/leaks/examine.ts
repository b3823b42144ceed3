// Finding Latch's own copies of a secret without changing anything or asking any host: the keychain
// (stored tokens, account passwords), git's credential-store files (the default ones and those a store
// helper was pointed at), ~/.netrc, and the remote URLs of the repositories it is told about.
import type { Account } from '../../../shared/domain';
import { describeSecret } from '../../../shared/leaks';
import { recognizeSecret, type SecretRecognition } from '../../../shared/secret-formats';
import type { IndexStore } from '../vault/index-store';
import { keychainKeys, type GitCredential, type Keychain, type StoredToken } from '../vault/types';
import { sentenceOf } from './errors';
import { findSecretInStoreFile, type StoreFileHits } from './git-credentials-file';
import type { SessionPort } from './ports';
import { sameSecret } from './same-secret';
import { storeFilesToSearch } from './store-files';
import { findSecretInRemotes, repositoryOf, type RemoteHit } from './git-remotes';
import { netrcFiles, sortNetrc } from './netrc-file';

export interface ExamineDeps {
  store: IndexStore;
  keychain: Keychain;
  session: SessionPort;
  env: NodeJS.ProcessEnv;
}

export interface ExamineOptions {
  /** Folders of git repositories whose remote URLs to search too (any folder inside one will do). */
  repos?: readonly string[];
  /** Where the command runs: its repository, if it is in one, is searched too; if not, nothing is said. */
  workingDir?: string;
}

/** What Latch can tell without changing anything and without asking any host. */
export interface LeakExamination {
  recognition: SecretRecognition;
  description: string;
  /** Stored tokens whose keychain copy is the secret. */
  storedTokens: Array<{ account: Account; token: StoredToken }>;
  /** Accounts whose password (remembered, or held in the unlock window) is the secret. */
  passwordOf: Account[];
  /** Git credentials Latch keeps whose password is the secret. */
  savedByGit: GitCredential[];
  /** Lines of git's credential-store files that hold it. */
  plaintext: StoreFileHits[];
  /** Every credential-store file searched, holding it or not. */
  storeFiles: string[];
  /** The netrc files searched (their hits are in `plaintext` too). */
  netrcFiles: string[];
  /** Remote URLs of the repositories searched that carry it. */
  remotes: RemoteHit[];
  /** The repositories whose remote URLs were searched. */
  repos: string[];
  /** Places Latch could not look, as sentences. */
  problems: string[];
}

export async function examineSecret(deps: ExamineDeps, secret: string, options: ExamineOptions = {}): Promise<LeakExamination> {
  const { store, keychain, session } = deps;
  const data = await store.read();
  const problems: string[] = [];
  let keychainDown: string | null = null;
  const readKeychain = async (key: string): Promise<string | null> => {
    if (keychainDown !== null) return null;
    try {
      return await keychain.get(key);
    } catch (error) {
      keychainDown = sentenceOf(error);
      return null;
    }
  };

  // Every stored secret is read and compared, none skipped on a first match: one token may be
  // stored under two accounts, and every copy has to go.
  const storedTokens: LeakExamination['storedTokens'] = [];
  for (const token of data.storedTokens) {
    const account = data.accounts.find((candidate) => candidate.id === token.accountId);
    if (!account) continue;
    const held = await readKeychain(token.keychainKey);
    if (held !== null && sameSecret(held, secret)) storedTokens.push({ account, token });
  }
  const passwordOf: Account[] = [];
  for (const account of data.accounts) {
    const inMemory = session.password(account.id);
    const remembered = account.rememberPassword ? await readKeychain(keychainKeys.accountPassword(account.id)) : null;
    if ([inMemory, remembered].some((held) => held !== null && sameSecret(held, secret))) passwordOf.push(account);
  }
  const savedByGit: GitCredential[] = [];
  for (const credential of data.gitCredentials ?? []) {
    const held = await readKeychain(credential.keychainKey);
    if (held !== null && sameSecret(held, secret)) savedByGit.push(credential);
  }
  if (keychainDown !== null) problems.push(`Latch could not search its keychain for copies: ${keychainDown}`);

  const storeFiles = await storeFilesToSearch(deps.env);
  problems.push(...storeFiles.problems);
  const plaintext: StoreFileHits[] = [];
  for (const file of storeFiles.files) {
    try {
      const hits = await findSecretInStoreFile(file, secret);
      if (hits) plaintext.push(hits);
    } catch (error) {
      problems.push(sentenceOf(error));
    }
  }
  const netrc = netrcFiles(deps.env);
  for (const file of netrc) {
    try {
      const hits = await findSecretInStoreFile(file, secret, sortNetrc);
      if (hits) plaintext.push(hits);
    } catch (error) {
      problems.push(sentenceOf(error));
    }
  }

  const repos: string[] = [];
  const here = options.workingDir === undefined ? null : await repositoryOf(options.workingDir, deps.env);
  if (here !== null) repos.push(here);
  for (const dir of options.repos ?? []) {
    const top = await repositoryOf(dir, deps.env);
    if (top === null) problems.push(`${dir} is not in a git repository, so Latch searched no remote URLs there.`);
    else if (!repos.includes(top)) repos.push(top);
  }
  const remotes: RemoteHit[] = [];
  for (const repo of repos) {
    try {
      remotes.push(...(await findSecretInRemotes(repo, secret, deps.env)));
    } catch (error) {
      problems.push(sentenceOf(error));
    }
  }
  return {
    recognition: recognizeSecret(secret),
    description: describeSecret(secret),
    storedTokens,
    passwordOf,
    savedByGit,
    plaintext,
    storeFiles: storeFiles.files,
    netrcFiles: netrc,
    remotes,
    repos,
    problems,
  };
}
