// The metadata index as `git-credential-latch get` reads it: once, synchronously, checked by hand.
// The app's reader (vault/index-store.ts) validates with zod, which alone would more than double the
// helper's start-up time (measured: +75 ms over `node -e 0`); this check covers exactly the fields the
// helper relies on and refuses the whole file when any of them is off, as the app's reader would.
// Writes always go through the app's store, never through here.
import { readFileSync } from 'node:fs';
import type { Account } from '../../../shared/domain';
import { indexPath } from '../vault/paths';
import { checkHomeSync } from '../vault/home-check';
import { keychainKeys, type GitCredential, type StoredToken } from '../vault/types';

export interface HelperIndex {
  accounts: Account[];
  storedTokens: StoredToken[];
  gitCredentials: GitCredential[];
  keepCredentialsFromGit: boolean;
}

export type IndexRead = { ok: true; index: HelperIndex } | { ok: false; reason: string };

const EMPTY: HelperIndex = { accounts: [], storedTokens: [], gitCredentials: [], keepCredentialsFromGit: false };

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isStringOrNull = (value: unknown) => value === null || typeof value === 'string';

function isAccount(value: unknown): value is Account {
  return (
    isObject(value) &&
    isString(value.id) &&
    isString(value.host) &&
    isString(value.baseUrl) &&
    isString(value.username) &&
    isString(value.userSlug) &&
    typeof value.isDefault === 'boolean'
  );
}

function isOwner(value: unknown): boolean {
  if (!isObject(value)) return false;
  switch (value.kind) {
    case 'user':
      return true;
    case 'project':
      return isString(value.projectKey);
    case 'repository':
      return isString(value.projectKey) && isString(value.repoSlug);
    case 'group':
      return isString(value.groupPath);
    default:
      return false;
  }
}

function isStoredToken(value: unknown): value is StoredToken {
  return (
    isObject(value) &&
    isString(value.accountId) &&
    isString(value.tokenId) &&
    isString(value.name) &&
    isOwner(value.owner) &&
    isStringOrNull(value.gitUsername) &&
    isStringOrNull(value.createdAt) &&
    isStringOrNull(value.expiresAt) &&
    isStringOrNull(value.lastUsedAt) &&
    isStringOrNull(value.rejectedAt) &&
    isString(value.keychainKey) &&
    (value.useForGit === undefined || typeof value.useForGit === 'boolean') &&
    // The key follows from the entry; any other would let the file point git at another secret.
    value.keychainKey === keychainKeys.token(value.accountId, value.tokenId)
  );
}

function isGitCredential(value: unknown): value is GitCredential {
  return (
    isObject(value) &&
    isString(value.protocol) &&
    isString(value.host) &&
    isStringOrNull(value.path) &&
    isString(value.username) &&
    isStringOrNull(value.passwordExpiryUtc) &&
    isString(value.keychainKey) &&
    isStringOrNull(value.refreshTokenKey) &&
    isString(value.source)
  );
}

/** Checks parsed JSON; the reason is safe to print (it never quotes the file). */
function checkHelperIndex(raw: unknown): IndexRead {
  if (!isObject(raw)) return { ok: false, reason: 'it is not a JSON object' };
  if (raw.version !== 1) {
    // Only a number is named: a string from the file could hold a line break and split the one stderr line.
    const format = typeof raw.version === 'number' ? `format ${raw.version}` : 'an unknown format';
    return { ok: false, reason: `it has ${format}, which this version does not read` };
  }
  const { accounts, storedTokens, settings } = raw;
  if (!Array.isArray(accounts) || !accounts.every(isAccount)) return { ok: false, reason: 'its accounts are not in the expected shape' };
  if (!Array.isArray(storedTokens) || !storedTokens.every(isStoredToken)) {
    return { ok: false, reason: 'its stored tokens are not in the expected shape' };
  }
  const gitCredentials = raw.gitCredentials ?? [];
  if (!Array.isArray(gitCredentials) || !gitCredentials.every(isGitCredential)) {
    return { ok: false, reason: 'its git credentials are not in the expected shape' };
  }
  const keep = isObject(settings) && settings.keepCredentialsFromGit === true;
  return { ok: true, index: { accounts, storedTokens, gitCredentials, keepCredentialsFromGit: keep } };
}

/** Reads `<home>/index.json`; no file yet means nothing is stored. */
export function readHelperIndex(home: string): IndexRead {
  let text: string;
  try {
    const trouble = checkHomeSync(home);
    if (trouble !== null) return { ok: false, reason: trouble };
    text = readFileSync(indexPath(home), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, index: EMPTY };
    return { ok: false, reason: 'the file could not be read' };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  return checkHelperIndex(raw);
}
