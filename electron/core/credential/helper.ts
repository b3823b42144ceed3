// git-credential-latch: git's `get`, `store`, `erase` and `capability` over the metadata index and the
// OS keychain the app uses. `get` is on the path of every fetch and push, so it reads the index once,
// looks up one keychain entry and loads nothing else; writes (store, erase) open the app's own index
// store, which validates and locks, and happen rarely.
//
// What goes where: stdout carries protocol lines and nothing else; any explanation is one line on
// stderr. It never prompts. Exit codes: 0 for everything git should simply carry on after — an
// answer, no match, an unknown operation or key; 1 when the request was malformed or Latch's data or
// keychain could not be used (git ignores a helper's exit code, but a script can see it); 2 when it
// was run with no operation at all.
import { printable } from '../../../shared/terminal-text';
import type { Account, TokenRefusal } from '../../../shared/domain';
import { HOSTS } from '../../../shared/hosts';
import { LatchError } from '../../../shared/result';
import { recognizeSecret } from '../../../shared/secret-formats';
import { saveSecret } from '../vault/save-secret';
import { keychainKeys, type IndexData, type Keychain, type StoredToken } from '../vault/types';
import { belongsTo, type TokenCheck } from '../hosts/token-check';
import { answerFromGitCredentials, eraseGitCredentials, keepGitCredential, matchesQuery, touchGitCredential } from './git-credentials';
import { readHelperIndex, type HelperIndex } from './index-reader';
import { accountsForRequest, credentialChoices, isFixedGitUsername, pathScope, pickAccount, type Answerable } from './match';
import { formatAnswer, parseRequest, toQuery, type AnswerField, type CredentialQuery } from './protocol';

/** The part of the app's index store the helper writes through. */
export interface IndexUpdater {
  update<T>(change: (data: IndexData) => T | Promise<T>): Promise<T>;
}

export interface HelperDeps {
  /** Latch's data directory (vault/paths.ts `latchHome`). */
  home: string;
  keychain: Keychain;
  /** Opens the app's index store; called only by `store` and `erase`. */
  openStore: () => IndexUpdater | Promise<IndexUpdater>;
  /**
   * Asks the account's host, with the secret itself, whether it works and whose it is (the host's
   * identity call); called only by `erase` and by `store` keeping a credential from git. Without it
   * every answer is 'unsure'.
   */
  checkToken?: (account: Account, secret: string) => Promise<TokenCheck>;
  now?: () => number;
}

export interface HelperOutcome {
  stdout: string;
  /** Whole lines for stderr, each already prefixed with the program name. */
  stderr: string[];
  exitCode: number;
}

const NAME = 'git-credential-latch';
/** `store` runs after every successful request; the "last used" time needs no finer grain than this. */
const LAST_USED_GRAIN_MS = 60_000;

/** The operations that read a request from stdin. */
export function readsInput(operation: string | undefined): boolean {
  return operation === 'get' || operation === 'store' || operation === 'erase';
}

/** `git-credential-latch --help`: a person ran it by hand. */
export const HELPER_USAGE =
  'Usage: git-credential-latch get|store|erase|capability\n' +
  '  The credential helper git runs for hosts set up with latch setup-git; you do not run it yourself.\n' +
  '  get answers with the token Latch keeps for the host; store and erase note whether git found it working.\n' +
  '  Set it up with: latch setup-git --host HOST   Check it with: latch doctor\n';

export async function runHelper(operation: string | undefined, input: Uint8Array, deps: HelperDeps): Promise<HelperOutcome> {
  const out: HelperOutcome = { stdout: '', stderr: [], exitCode: 0 };
  const say = (sentence: string, exitCode: number) => {
    out.stderr.push(`${NAME}: ${sentence}`);
    out.exitCode = exitCode;
    return out;
  };

  if (operation === undefined) return say('usage: git-credential-latch get|store|erase|capability (git runs it for you).', 2);
  if (operation === '--help' || operation === '-h' || operation === 'help') {
    out.stdout = HELPER_USAGE;
    return out;
  }
  if (operation === 'capability') {
    out.stdout = 'version 0\ncapability authtype\n';
    return out;
  }
  if (!readsInput(operation)) return out; // git's rule: an operation we do not know is not an error

  const parsed = parseRequest(input);
  if (!parsed.ok) return say(`ignored a malformed request: ${parsed.reason}.`, 1);
  const query = toQuery(parsed.request);
  if (!query.protocol || !query.host) return out;

  const read = readHelperIndex(deps.home);
  if (!read.ok) return say(`Latch's data file could not be used (${read.reason}); open Latch to repair it.`, 1);
  const now = (deps.now ?? Date.now)();

  try {
    if (operation === 'get') return await get(query, read.index, deps.keychain, now, out, say);
    if (operation === 'store') await store(query, read.index, deps, now);
    else {
      const note = await erase(query, read.index, deps, now);
      if (note) say(note, 0);
    }
    return out;
  } catch (error) {
    // Only Latch's own sentences are shown: anything else might carry data nobody chose to print.
    const sentence = error instanceof LatchError ? error.message : 'something unexpected went wrong; nothing was changed.';
    return say(sentence, 1);
  }
}

async function get(
  query: CredentialQuery,
  index: HelperIndex,
  keychain: Keychain,
  now: number,
  out: HelperOutcome,
  say: (sentence: string, exitCode: number) => HelperOutcome,
): Promise<HelperOutcome> {
  const choices = credentialChoices(query, index, now);
  if (choices.answers.length === 0) {
    // A host or user Latch has no usable token for: what git (or an import) left with Latch.
    const kept = await answerFromGitCredentials(query, index.gitCredentials, keychain, now);
    if (kept) {
      const answer = formatAnswer(kept);
      if (!answer.ok) return say('a kept git credential contains a line break, so it was not sent.', 1);
      out.stdout = answer.text;
      return out;
    }
    return choices.hint ? say(choices.hint, 0) : out;
  }
  // Best first; a token whose keychain entry is gone gives way to the next one that applies.
  let selection: Answerable | null = null;
  let secret: string | null = null;
  for (const choice of choices.answers) {
    secret = await keychain.get(choice.token.keychainKey);
    if (secret !== null) {
      selection = choice;
      break;
    }
  }
  if (selection === null || secret === null) {
    return say(`the keychain no longer holds the secret of "${choices.answers[0]!.token.name}"; store it again in Latch.`, 0);
  }
  const fields: AnswerField[] =
    selection.kind === 'basic'
      ? [
          ['username', selection.username],
          ['password', secret],
        ]
      : [
          ['capability[]', 'authtype'],
          ['authtype', 'Bearer'],
          ['credential', secret],
        ];
  const expiry = selection.token.expiresAt === null ? NaN : Date.parse(selection.token.expiresAt);
  if (!Number.isNaN(expiry)) fields.push(['password_expiry_utc', String(Math.floor(expiry / 1000))]);
  const answer = formatAnswer(fields);
  if (!answer.ok) return say(`the stored secret of "${selection.token.name}" contains a line break, so it was not sent.`, 1);
  out.stdout = answer.text;
  return out;
}

/** The account git meant, and those of its tokens that apply to the request, whatever their state. */
function accountTokens(query: CredentialQuery, index: HelperIndex): { account: Account; tokens: StoredToken[] } | null {
  const account = pickAccount(query, accountsForRequest(query, index.accounts));
  if (!account) return null;
  const scope = pathScope(query, account);
  if (!scope) return null;
  const tokens = index.storedTokens.filter((t) => t.accountId === account.id && scope.covers(t.owner));
  return { account, tokens };
}

/** The secret git used: the password, or the credential of a Bearer answer. */
function usedSecret(query: CredentialQuery): string | undefined {
  if (query.authtype !== undefined) return query.authtype.toLowerCase() === 'bearer' ? query.credential : undefined;
  return query.password;
}

/** What git reported back: the account it named, the secret it used, and the stored token holding that secret. */
async function reported(
  query: CredentialQuery,
  index: HelperIndex,
  keychain: Keychain,
): Promise<{ account: Account; secret: string; token: StoredToken | null } | null> {
  const secret = usedSecret(query);
  const found = secret ? accountTokens(query, index) : null;
  if (!secret || !found) return null;
  for (const token of found.tokens) {
    if ((await keychain.get(token.keychainKey)) === secret) return { account: found.account, secret, token };
  }
  // A username shared by every token of the host (Bitbucket Cloud) picked the default account, but git
  // may have used another account's token (the URL named its user): the secret says whose it is.
  const candidates = accountsForRequest(query, index.accounts);
  if (query.username !== undefined && isFixedGitUsername(query.username, candidates)) {
    for (const account of candidates.filter((a) => a.id !== found.account.id)) {
      const scope = pathScope(query, account);
      for (const token of index.storedTokens.filter((t) => t.accountId === account.id && scope?.covers(t.owner))) {
        if ((await keychain.get(token.keychainKey)) === secret) return { account, secret, token };
      }
    }
  }
  return { account: found.account, secret, token: null };
}

/**
 * git approved a credential: note when a stored token was last used, or keep a new one if allowed;
 * for a host or user without a Latch account, keep it as a git credential.
 */
async function store(query: CredentialQuery, index: HelperIndex, deps: HelperDeps, now: number): Promise<void> {
  if (!pickAccount(query, accountsForRequest(query, index.accounts))) {
    await storeGitCredential(query, index, deps, now);
    return;
  }
  const used = await reported(query, index, deps.keychain);
  if (!used) return;
  const { token } = used;
  if (token) {
    const last = token.lastUsedAt === null ? 0 : Date.parse(token.lastUsedAt) || 0;
    const refusedUnsure = token.refusal?.check === 'unsure';
    if (token.rejectedAt === null && !refusedUnsure && now - last < LAST_USED_GRAIN_MS) return;
    const updater = await deps.openStore();
    await updater.update((data) => {
      const entry = data.storedTokens.find((t) => t.accountId === token.accountId && t.tokenId === token.tokenId);
      if (!entry) return;
      entry.lastUsedAt = new Date(now).toISOString();
      // The host just accepted it, so an earlier refusal no longer holds, nor doubt about one.
      entry.rejectedAt = null;
      if (entry.refusal?.check !== 'alive') entry.refusal = null;
    });
    return;
  }
  if (index.keepCredentialsFromGit) await keepFromGit(query, used.account, used.secret, index, deps, now);
}

/**
 * "Keep credentials git hands me": only a token of the account's own host whose secret embeds its token
 * id (Bitbucket Data Center's), for the account git named. Never an account password or anything unrecognised.
 */
async function keepFromGit(
  query: CredentialQuery,
  account: Account,
  secret: string,
  index: HelperIndex,
  deps: HelperDeps,
  now: number,
): Promise<void> {
  if (query.authtype !== undefined || query.username === undefined) return;
  const recognition = recognizeSecret(secret);
  const tokenId = recognition.host === account.host ? recognition.tokenId : null;
  if (!tokenId || index.storedTokens.some((t) => t.accountId === account.id && t.tokenId === tokenId)) return;
  // git approves a credential taken from a URL as readily as one Latch gave it, so a submodule URL
  // carrying someone else's token would otherwise be kept as this account's: the host says whose it is.
  if (!belongsTo(await checkWithHost(deps, account, secret), account)) return;
  const expiry = query.passwordExpiryUtc;
  const expirySeconds = expiry !== undefined && /^\d{1,12}$/.test(expiry) ? Number(expiry) : null;
  const keychainKey = keychainKeys.token(account.id, tokenId);
  const entry: StoredToken = {
    accountId: account.id,
    tokenId,
    name: 'Kept from git',
    owner: { kind: 'user' },
    scopes: [],
    gitUsername: HOSTS[account.host].gitUsername({ kind: 'user' }, account),
    createdAt: null,
    expiresAt: expirySeconds === null ? null : new Date(expirySeconds * 1000).toISOString(),
    lastUsedAt: new Date(now).toISOString(),
    rejectedAt: null,
    keychainKey,
  };
  // The index store is opened only once the keychain holds the secret; failing to open it counts as
  // failing to record it.
  const store: IndexUpdater = { update: async (change) => (await deps.openStore()).update(change) };
  await saveSecret(deps.keychain, store, {
    key: keychainKey,
    secret,
    record: (data) => {
      if (!data.accounts.some((a) => a.id === account.id)) throw new LatchError('not-found', 'the account was removed meanwhile.');
      if (data.storedTokens.some((t) => t.accountId === account.id && t.tokenId === tokenId)) return;
      data.storedTokens.push(entry);
    },
  });
}

/** git's `store` for a host or user Latch has no account for, as git's own keychain helpers do it. */
async function storeGitCredential(query: CredentialQuery, index: HelperIndex, deps: HelperDeps, now: number): Promise<void> {
  const { protocol, host, username, password } = query;
  if (!protocol || !host || username === undefined || password === undefined || query.authtype !== undefined) return;
  const path = query.path ?? null;
  const expiry = query.passwordExpiryUtc !== undefined && /^\d{1,12}$/.test(query.passwordExpiryUtc) ? query.passwordExpiryUtc : null;
  const refresh = query.oauthRefreshToken ?? null;
  // The one git just used again (Latch answered it, maybe one kept for the whole host while git names a
  // repository): note the use now and then, without rewriting the keychain or adding a copy each fetch.
  for (const same of index.gitCredentials.filter((c) => matchesQuery(c, query) && c.passwordExpiryUtc === expiry)) {
    if (refresh !== null || (await deps.keychain.get(same.keychainKey)) !== password) continue;
    const last = same.lastUsedAt === null ? 0 : Date.parse(same.lastUsedAt) || 0;
    if (now - last >= LAST_USED_GRAIN_MS) await touchGitCredential(await deps.openStore(), same.keychainKey, now);
    return;
  }
  const store: IndexUpdater = { update: async (change) => (await deps.openStore()).update(change) };
  await keepGitCredential(deps.keychain, store, { protocol, host, path, username, password, passwordExpiryUtc: expiry, oauthRefreshToken: refresh, source: 'git', used: true }, now);
}

/** The host's word on a secret; 'unsure' when it cannot be asked. */
async function checkWithHost(deps: HelperDeps, account: Account, secret: string): Promise<TokenCheck> {
  if (!deps.checkToken) return { verdict: 'unsure' };
  try {
    return await deps.checkToken(account, secret);
  } catch {
    return { verdict: 'unsure' };
  }
}


/**
 * git was refused with this credential. One refusal is no proof: a server hiccup, or a repository on
 * the same host the token cannot reach. So the host is asked with the stored secret itself; the token
 * is marked rejected (and no longer offered) only when the host says it is dead. Either way the
 * refusal and the path it was for are recorded. Returns a sentence for stderr when it stays offered.
 */
async function erase(query: CredentialQuery, index: HelperIndex, deps: HelperDeps, now: number): Promise<string | null> {
  if (index.gitCredentials.some((c) => matchesQuery(c, query))) {
    const store: IndexUpdater = { update: async (change) => (await deps.openStore()).update(change) };
    await eraseGitCredentials(deps.keychain, store, index.gitCredentials, query, query.password);
  }
  const used = await reported(query, index, deps.keychain);
  const token = used?.token;
  if (!used || !token || token.rejectedAt !== null) return null;
  const check = await checkWithHost(deps, used.account, used.secret);
  const refusal: TokenRefusal = { at: new Date(now).toISOString(), path: query.path ?? null, check: check.verdict };
  const updater = await deps.openStore();
  await updater.update((data) => {
    const entry = data.storedTokens.find((t) => t.accountId === token.accountId && t.tokenId === token.tokenId);
    if (!entry || entry.rejectedAt !== null) return;
    entry.refusal = refusal;
    if (check.verdict === 'dead') entry.rejectedAt = refusal.at;
  });
  const name = printable(token.name);
  const host = printable(query.host ?? '');
  const where = query.path === undefined ? '' : ` for ${printable(query.path)}`;
  if (check.verdict === 'alive') return `${host} refused "${name}"${where}, but the token still works there, so Latch keeps offering it.`;
  if (check.verdict === 'unsure') {
    return `${host} refused "${name}"${where}, and Latch could not ask it whether the token still works, so it keeps offering it.`;
  }
  return null;
}
