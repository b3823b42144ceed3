// Moving one credential in: into the keychain (a kept token of the matching Latch account when the
// secret names its token id there, otherwise a git credential), read back, and only then removed from
// where it was found. Any failure before the removal puts the keychain and index back as they were,
// so the credential stays where it was and nothing is duplicated; a failed removal does the same.
import type { Account } from '../../../shared/domain';
import { HOSTS } from '../../../shared/hosts';
import { LatchError } from '../../../shared/result';
import { recognizeSecret } from '../../../shared/secret-formats';
import { accountsForRequest, pickAccount } from '../credential/match';
import { keepGitCredential } from '../credential/git-credentials';
import { queryOf } from '../credential/protocol';
import { rewriteLocked } from '../fs/lock-rewrite';
import { removeStoreLines } from '../leaks/git-credentials-file';
import { saveSecret } from '../vault/save-secret';
import type { IndexStore } from '../vault/index-store';
import { keychainKeys, type Keychain, type StoredToken } from '../vault/types';
import type { Found } from './found';
import { withoutEntry } from './netrc';
import { removePasswordFromRemote } from './remote-urls';

export interface MoveDeps {
  store: IndexStore;
  keychain: Keychain;
  env: NodeJS.ProcessEnv;
  now: () => number;
}

/** Where a found credential goes in the vault. */
export type Destination = { kind: 'token'; account: Account; tokenId: string } | { kind: 'git-credential' };

export function destinationOf(found: Found, accounts: readonly Account[]): Destination {
  const { protocol, host, username } = found.finding;
  const query = queryOf({ protocol: protocol ?? undefined, host: host ?? undefined, username: username ?? undefined });
  const account = pickAccount(query, accountsForRequest(query, accounts));
  const recognition = recognizeSecret(found.secret);
  if (account && recognition.host === account.host && recognition.tokenId) return { kind: 'token', account, tokenId: recognition.tokenId };
  return { kind: 'git-credential' };
}

/** A password in a remote URL is the account's, not the repository's: kept for the whole host. */
const keptPath = (found: Found) => (found.place.kind === 'remote' ? null : found.finding.path);

const where = (found: Found) => (found.finding.line === null ? found.finding.source : `${found.finding.source}:${found.finding.line}`);

/**
 * Keychain write and index record, then the read-back. Answers how to put things back as they were
 * (for when the plaintext cannot be removed).
 */
async function keep(deps: MoveDeps, found: Found, destination: Destination): Promise<() => Promise<void>> {
  const { finding, secret } = found;
  const data = await deps.store.read();
  let key: string;
  let recordedBefore: boolean;
  if (destination.kind === 'token') {
    const { account, tokenId } = destination;
    key = keychainKeys.token(account.id, tokenId);
    recordedBefore = data.storedTokens.some((t) => t.accountId === account.id && t.tokenId === tokenId);
  } else {
    key = keychainKeys.gitCredential({ protocol: finding.protocol!, host: finding.host!, path: keptPath(found), username: finding.username ?? '' });
    recordedBefore = (data.gitCredentials ?? []).some((c) => c.keychainKey === key);
  }
  const before = await deps.keychain.get(key);

  if (destination.kind === 'token') {
    const { account, tokenId } = destination;
    const entry: StoredToken = {
      accountId: account.id,
      tokenId,
      name: `Imported from ${where(found)}`,
      owner: { kind: 'user' },
      scopes: [],
      gitUsername: HOSTS[account.host].gitUsername({ kind: 'user' }, account),
      createdAt: null,
      expiresAt: null,
      lastUsedAt: null,
      rejectedAt: null,
      keychainKey: key,
    };
    await saveSecret(deps.keychain, deps.store, {
      key,
      secret,
      record: (index) => {
        if (!index.accounts.some((a) => a.id === account.id)) throw new LatchError('not-found', 'The account was removed meanwhile.');
        if (!index.storedTokens.some((t) => t.accountId === account.id && t.tokenId === tokenId)) index.storedTokens.push(entry);
      },
    });
  } else {
    await keepGitCredential(
      deps.keychain,
      deps.store,
      {
        protocol: finding.protocol!,
        host: finding.host!,
        path: keptPath(found),
        username: finding.username ?? '',
        password: secret,
        passwordExpiryUtc: null,
        oauthRefreshToken: null,
        source: where(found),
        used: false,
      },
      deps.now(),
    );
  }

  const undo = async () => {
    if (!recordedBefore) {
      await deps.store.update((index) => {
        index.storedTokens = index.storedTokens.filter((t) => t.keychainKey !== key);
        index.gitCredentials = (index.gitCredentials ?? []).filter((c) => c.keychainKey !== key);
      });
    }
    if (before === null) await deps.keychain.delete(key);
    else await deps.keychain.set(key, before);
  };

  let readBack: string | null = null;
  try {
    readBack = await deps.keychain.get(key);
  } catch {
    readBack = null;
  }
  if (readBack !== secret) {
    await undo().catch(() => undefined);
    throw new LatchError('keychain', 'The keychain did not give the credential back as it was written, so Latch left it where it was.');
  }
  return undo;
}

/** Removes the plaintext copy: the file line, the password from the remote URL, the .netrc entry. */
export async function removePlaintext(deps: Pick<MoveDeps, 'env'>, found: Found): Promise<void> {
  const { place } = found;
  // No waiting on a lock someone else holds: the person is told and runs the import again.
  if (place.kind === 'store-file') {
    const removed = await removeStoreLines(place.file, [place.text], { lockWaitMs: 0 });
    if (removed === null) throw new LatchError('conflict', `The line in ${place.file} changed while Latch was reading it; run the import again.`);
  } else if (place.kind === 'netrc') {
    const removed = await rewriteLocked(
      place.file,
      (bytes) => {
        const text = withoutEntry(bytes.toString('utf8'), place.entry);
        return text === null ? null : { bytes: Buffer.from(text, 'utf8'), result: true };
      },
      { lockWaitMs: 0 },
    );
    if (removed === null) throw new LatchError('conflict', `The entry in ${place.file} changed while Latch was reading it; run the import again.`);
  } else {
    await removePasswordFromRemote(place.remote, { env: deps.env });
  }
}

/** Keeps it, then removes the plaintext; on any failure, the vault is as it was and a LatchError says why. */
export async function moveIn(deps: MoveDeps, found: Found, accounts: readonly Account[]): Promise<void> {
  const undo = await keep(deps, found, destinationOf(found, accounts));
  try {
    await removePlaintext(deps, found);
  } catch (error) {
    await undo().catch(() => undefined);
    throw error;
  }
}
