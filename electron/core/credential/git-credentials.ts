// Git credentials: what Latch keeps for a host or user it has no account for, with the semantics of
// git's own keychain helpers (libsecret, osxkeychain, wincred) so that `credential.helper=latch` is a
// drop-in for them. `store` keeps what git approved (one per protocol, host, path and username, a
// second store overwrites); `get` answers exact matches only; `erase` removes every match, and only
// those holding the password git names when it names one. The password lives in the keychain; the
// index says which keychain entries are git credentials and for what.
//
// Imports types and the vault's one save operation only: git-credential-latch's small bundle uses it.
import { saveSecret } from '../vault/save-secret';
import { keychainKeys, type GitCredential, type IndexData, type Keychain } from '../vault/types';
import type { AnswerField, CredentialQuery } from './protocol';

export interface IndexWriter {
  update<T>(change: (data: IndexData) => T | Promise<T>): Promise<T>;
}

/** The fields a git credential is filed under. */
export type CredentialAddress = Pick<GitCredential, 'protocol' | 'host' | 'path' | 'username'>;

/**
 * git's credential_match: every field the request names must be the stored one's. A credential kept
 * without a path (imported for a whole host) answers for every repository on it.
 */
export function matchesQuery(credential: GitCredential, query: CredentialQuery): boolean {
  if (query.protocol !== credential.protocol || query.host !== credential.host) return false;
  if (query.username !== undefined && query.username !== credential.username) return false;
  if (query.path !== undefined && credential.path !== null && query.path !== credential.path) return false;
  return true;
}

const sameAddress = (a: CredentialAddress, b: CredentialAddress) =>
  a.protocol === b.protocol && a.host === b.host && a.path === b.path && a.username === b.username;

function isExpired(credential: GitCredential, now: number): boolean {
  if (credential.passwordExpiryUtc === null) return false;
  const seconds = Number(credential.passwordExpiryUtc);
  return Number.isFinite(seconds) && seconds * 1000 <= now;
}

/** The answer to `get`: the first kept credential that matches and has not expired; null when none does. */
export async function answerFromGitCredentials(
  query: CredentialQuery,
  credentials: readonly GitCredential[],
  keychain: Keychain,
  now: number,
): Promise<AnswerField[] | null> {
  for (const credential of credentials) {
    if (!matchesQuery(credential, query) || isExpired(credential, now)) continue;
    const password = await keychain.get(credential.keychainKey);
    if (password === null) continue;
    const fields: AnswerField[] = [
      ['username', credential.username],
      ['password', password],
    ];
    if (credential.passwordExpiryUtc !== null) fields.push(['password_expiry_utc', credential.passwordExpiryUtc]);
    if (credential.refreshTokenKey !== null) {
      const refresh = await keychain.get(credential.refreshTokenKey);
      if (refresh !== null) fields.push(['oauth_refresh_token', refresh]);
    }
    return fields;
  }
  return null;
}

export interface KeepCredential extends CredentialAddress {
  password: string;
  passwordExpiryUtc: string | null;
  oauthRefreshToken: string | null;
  source: string;
  /** git just used it (a `store`); an import has not, so its last use stays unknown. */
  used: boolean;
}

/**
 * Keeps one credential: keychain first, then the index (vault/save-secret.ts), overwriting the one
 * with the same address. Answers the keychain entry that holds the password.
 */
export async function keepGitCredential(keychain: Keychain, store: IndexWriter, keep: KeepCredential, now: number): Promise<string> {
  const keychainKey = keychainKeys.gitCredential(keep);
  const refreshTokenKey = keep.oauthRefreshToken === null ? null : `${keychainKey}:refresh`;
  const at = new Date(now).toISOString();
  await saveSecret(keychain, store, {
    key: keychainKey,
    secret: keep.password,
    record: (data) => {
      const list = (data.gitCredentials ??= []);
      const earlier = list.find((c) => sameAddress(c, keep));
      const entry: GitCredential = {
        protocol: keep.protocol,
        host: keep.host,
        path: keep.path,
        username: keep.username,
        passwordExpiryUtc: keep.passwordExpiryUtc,
        keychainKey,
        refreshTokenKey,
        // Where it first came from stays: an import is still an import after git approves it again.
        source: earlier?.source ?? keep.source,
        createdAt: earlier?.createdAt ?? at,
        lastUsedAt: keep.used ? at : (earlier?.lastUsedAt ?? null),
      };
      if (earlier) list.splice(list.indexOf(earlier), 1, entry);
      else list.push(entry);
    },
  });
  if (refreshTokenKey !== null) await keychain.set(refreshTokenKey, keep.oauthRefreshToken!);
  return keychainKey;
}

/** Removes the kept credentials that match (and, when `password` is given, hold it); answers how many. */
export async function eraseGitCredentials(
  keychain: Keychain,
  store: IndexWriter,
  credentials: readonly GitCredential[],
  query: CredentialQuery,
  password: string | undefined,
): Promise<number> {
  const doomed: GitCredential[] = [];
  for (const credential of credentials) {
    if (!matchesQuery(credential, query)) continue;
    if (password !== undefined && (await keychain.get(credential.keychainKey)) !== password) continue;
    doomed.push(credential);
  }
  if (doomed.length === 0) return 0;
  await forgetGitCredentials(keychain, store, doomed);
  return doomed.length;
}

/** Index entries first, then the keychain: a secret the index no longer names is never answered. */
export async function forgetGitCredentials(keychain: Keychain, store: IndexWriter, doomed: readonly GitCredential[]): Promise<void> {
  const keys = new Set(doomed.map((c) => c.keychainKey));
  await store.update((data) => {
    data.gitCredentials = (data.gitCredentials ?? []).filter((c) => !keys.has(c.keychainKey));
  });
  for (const credential of doomed) {
    await keychain.delete(credential.keychainKey);
    if (credential.refreshTokenKey !== null) await keychain.delete(credential.refreshTokenKey);
  }
}

/** Notes a use, at most once a minute (git stores after every successful request). */
export async function touchGitCredential(store: IndexWriter, keychainKey: string, now: number): Promise<void> {
  await store.update((data) => {
    const entry = (data.gitCredentials ?? []).find((c) => c.keychainKey === keychainKey);
    if (entry) entry.lastUsedAt = new Date(now).toISOString();
  });
}
