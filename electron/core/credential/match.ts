// Which stored token, if any, answers a credential request. Pure: the helper reads the index once and
// hands it here. A helper that answers the wrong host leaks a credential, so every comparison is exact:
// protocol and host (with port) as git wrote them against the stored server, case-sensitively; a
// path-scoped token only for paths inside its project or repository. Anything unusual is no match.
import type { Account } from '../../../shared/domain';
import { HOSTS, repoAccess } from '../../../shared/hosts';
import { gitHost, gitProtocol } from '../../../shared/url';
import type { StoredToken } from '../vault/types';
import { queryOf, type CredentialQuery } from './protocol';

export interface MatchIndex {
  accounts: readonly Account[];
  storedTokens: readonly StoredToken[];
}

export type Selection =
  | { kind: 'basic'; account: Account; token: StoredToken; username: string }
  | { kind: 'bearer'; account: Account; token: StoredToken }
  /** `hint` is a sentence for stderr when a token exists but this git cannot use it. */
  | { kind: 'none'; hint: string | null };

const NONE: Selection = { kind: 'none', hint: null };

export interface ServerAddress {
  protocol: 'http' | 'https';
  /** host[:port] as git writes it. */
  host: string;
  /** The context path's segments (e.g. ['bitbucket'] for https://example.com/bitbucket). */
  contextPath: string[];
}

/** Where git would say a stored server lives; null for a base URL that does not parse. */
export function serverAddress(baseUrl: string): ServerAddress | null {
  try {
    const contextPath = new URL(baseUrl).pathname.split('/').filter((segment) => segment !== '');
    return { protocol: gitProtocol(baseUrl), host: gitHost(baseUrl), contextPath };
  } catch {
    return null;
  }
}

/**
 * git's `path` attribute (no leading slash, already URL-decoded) as segments, or null when it holds
 * anything that could make a prefix check lie: `.`/`..` segments, empty segments, backslashes, or
 * control characters. A single trailing slash is allowed.
 */
export function pathSegments(path: string): string[] | null {
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  const body = trimmed.endsWith('/') ? trimmed.slice(0, -1) : trimmed;
  if (body === '') return [];
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(body)) return null;
  const segments = body.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return null;
  return segments;
}

// Bitbucket treats project keys and repository slugs without regard to case (its clone URLs show the
// key in lower case), so those two segments compare case-insensitively; everything else is exact.
const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The path with a last segment's `.git` cut off, as GitLab's clone URLs end. */
function withoutGit(segments: readonly string[]): string[] {
  const last = segments.at(-1) ?? '';
  return [...segments.slice(0, -1), last.toLowerCase().endsWith('.git') ? last.slice(0, -4) : last];
}

/** Does a token with this owner apply to the repository at `segments` (relative to the context path)? */
export function ownerCoversPath(owner: StoredToken['owner'], segments: readonly string[]): boolean {
  switch (owner.kind) {
    case 'user':
      return true;
    case 'project':
      // A GitLab project is named by its full path (it always holds a '/', which a Bitbucket key never does).
      if (owner.projectKey.includes('/')) return sameName(withoutGit(segments).join('/'), owner.projectKey);
      return segments.length >= 3 && segments[0] === 'scm' && sameName(segments[1]!, owner.projectKey);
    case 'group': {
      // A GitLab group token reaches every project under the group and its subgroups.
      const group = owner.groupPath.split('/');
      return segments.length > group.length && group.every((part, i) => sameName(part, segments[i]!));
    }
    case 'repository': {
      if (segments.length !== 3 || segments[0] !== 'scm' || !sameName(segments[1]!, owner.projectKey)) return false;
      const repo = segments[2]!;
      const slug = repo.toLowerCase().endsWith('.git') ? repo.slice(0, -4) : repo;
      return sameName(slug, owner.repoSlug);
    }
  }
}

/** Which of an account's tokens the request's repository path allows. */
export interface PathScope {
  /** The repository path relative to the server's context path; null when git sent no path. */
  inside: readonly string[] | null;
  /** Does a token with this owner apply? Every owner does when there is no path. */
  covers(owner: StoredToken['owner']): boolean;
}

/**
 * The one place a request's path is turned into the tokens it allows, for answering git and for
 * recognising the secret git reports back. Null when nothing may match: a server address that does
 * not parse, or a path that could make the prefix check lie.
 */
export function pathScope(query: CredentialQuery, account: Account): PathScope | null {
  const server = serverAddress(account.baseUrl);
  if (!server) return null;
  if (query.path === undefined) return { inside: null, covers: () => true };
  const full = pathSegments(query.path);
  if (full === null) return null;
  const inside = full.slice(server.contextPath.length);
  return { inside, covers: (owner) => ownerCoversPath(owner, inside) };
}

/** Accounts whose server is exactly where this request goes. */
export function accountsForRequest(query: CredentialQuery, accounts: readonly Account[]): Account[] {
  const { protocol, host } = query;
  if (!protocol || !host) return [];
  const path = query.path === undefined ? null : pathSegments(query.path);
  if (query.path !== undefined && path === null) return [];
  return accounts.filter((account) => {
    const server = serverAddress(account.baseUrl);
    if (!server || server.protocol !== protocol || server.host !== host) return false;
    // With a context path, a request for a path outside it is for another application on that host.
    return path === null || server.contextPath.every((segment, i) => path[i] === segment);
  });
}

/**
 * The username in the request picks the account; without one, the host's default account. A username
 * that is the host's fixed git username (Bitbucket Cloud's x-bitbucket-api-token-auth, which clone
 * URLs for API tokens carry) names nobody, so it too gets the default account.
 */
export function pickAccount(query: CredentialQuery, candidates: readonly Account[]): Account | null {
  const username = query.username;
  if (username !== undefined && username !== '' && !isFixedGitUsername(username, candidates)) {
    return (
      candidates.find((a) => a.userSlug === username || a.username === username) ??
      // Bitbucket user names are case-insensitive; an exact match above wins over this one.
      candidates.find((a) => sameName(a.userSlug, username) || sameName(a.username, username)) ??
      null
    );
  }
  return defaultAccount(candidates);
}

/** The username git sends with every personal token of the candidates' host, whoever the person is. */
export function isFixedGitUsername(username: string, candidates: readonly Account[]): boolean {
  return candidates.some((account) => {
    const fixed = HOSTS[account.host].gitUsername({ kind: 'user' }, account);
    // Where git's username is the person's own (Data Center: the user slug), it names that account.
    return fixed === username && fixed !== account.userSlug && fixed !== account.username;
  });
}

/** Of the accounts on one host, the one marked default, or the only one; null when neither decides. */
export function defaultAccount(candidates: readonly Account[]): Account | null {
  const defaults = candidates.filter((a) => a.isDefault);
  if (defaults.length === 1) return defaults[0]!;
  return candidates.length === 1 ? candidates[0]! : null;
}

function isExpiredAt(token: StoredToken, now: number): boolean {
  if (token.expiresAt === null) return false;
  const at = Date.parse(token.expiresAt);
  return Number.isNaN(at) || at <= now;
}

/**
 * How narrow a token is: a repository or GitLab project token reaches one repository, a Bitbucket project
 * token one project, a GitLab group token its group (a subgroup's is narrower), a personal token
 * everything; the account's own management token (GitLab: it has the api scope) least of all.
 */
function ownerSpecificity(t: StoredToken): number {
  switch (t.owner.kind) {
    case 'repository':
      return 3;
    case 'project':
      return t.owner.projectKey.includes('/') ? 3 : 2;
    case 'group':
      return 1 + t.owner.groupPath.split('/').length / 1000;
    case 'user':
      return t.management === true ? -1 : 0;
  }
}

/** Tokens of `account` that may be sent for this request, best first. */
function candidateTokens(query: CredentialQuery, account: Account, index: MatchIndex, now: number): StoredToken[] {
  const scope = pathScope(query, account);
  if (!scope) return [];
  const inside = scope.inside;
  const tokens = index.storedTokens.filter(
    (t) => t.accountId === account.id && t.rejectedAt === null && !isExpiredAt(t, now) && scope.covers(t.owner),
  );
  // The token the person chose for git first; an account's own management token (GitLab's, with `api`,
  // far more than git needs) last of all. Without a path, a personal token next, because it works for
  // every repository the person can reach where a project token might be refused. Then the one reaching
  // highest on repositories, so a push is not refused because a newer read-only token came first (git
  // sends no `erase` on a 403, so nothing would recover); with a path, the most specific token that
  // covers it among equals. Then the newest.
  const pinned = (t: StoredToken) => (t.useForGit === true ? 1 : 0);
  const everyday = (t: StoredToken) => (t.management === true ? 0 : 1);
  const broad = (t: StoredToken) => (inside === null ? -ownerSpecificity(t) : 0);
  const access = (t: StoredToken) => repoAccess(account.host, t.scopes);
  const narrow = (t: StoredToken) => (inside === null ? 0 : ownerSpecificity(t));
  const created = (t: StoredToken) => (t.createdAt === null ? 0 : Date.parse(t.createdAt) || 0);
  return tokens.sort(
    (a, b) =>
      pinned(b) - pinned(a) || everyday(b) - everyday(a) || broad(b) - broad(a) || access(b) - access(a) || narrow(b) - narrow(a) || created(b) - created(a),
  );
}

function hasCapability(query: CredentialQuery, capability: string): boolean {
  return query.capabilities.includes(capability);
}

export type Answerable = Exclude<Selection, { kind: 'none' }>;

export interface Choices {
  /** Every token this git can be answered with, best first. */
  answers: Answerable[];
  /** When there is none: a sentence for stderr if a token exists that this git cannot use. */
  hint: string | null;
}

/**
 * The tokens `get` may answer with, best first, and how each would be sent. The helper tries them in
 * this order, so a token whose keychain entry went missing does not hide the next one.
 */
export function credentialChoices(query: CredentialQuery, index: MatchIndex, now: number): Choices {
  const account = pickAccount(query, accountsForRequest(query, index.accounts));
  if (!account) return { answers: [], hint: null };
  const bearerOk = hasCapability(query, 'authtype');
  const answers: Answerable[] = [];
  let bearerOnly: StoredToken | null = null;
  for (const token of candidateTokens(query, account, index, now)) {
    if (token.gitUsername !== null) answers.push({ kind: 'basic', account, token, username: token.gitUsername });
    else if (bearerOk) answers.push({ kind: 'bearer', account, token });
    else bearerOnly ??= token;
  }
  if (answers.length === 0 && bearerOnly) {
    return {
      answers,
      hint:
        `Latch holds "${bearerOnly.name}" for ${query.host}, but the host accepts it only as a Bearer token, ` +
        'which needs git 2.46 or later. Update git, or store a personal token for this account.',
    };
  }
  return { answers, hint: null };
}

/** The token to answer `get` with, and how. */
export function selectCredential(query: CredentialQuery, index: MatchIndex, now: number): Selection {
  const choices = credentialChoices(query, index, now);
  return choices.answers[0] ?? (choices.hint ? { kind: 'none', hint: choices.hint } : NONE);
}

/**
 * The stored token handed out for an account outside git (`latch token get`, `latch exec`): the one
 * git would get for the account's host with no path, Bearer allowed.
 */
export function tokenForAccount(account: Account, index: MatchIndex, now: number): StoredToken | null {
  const server = serverAddress(account.baseUrl);
  if (!server) return null;
  const query = queryOf({ protocol: server.protocol, host: server.host, capabilities: ['authtype'] });
  return candidateTokens(query, account, index, now)[0] ?? null;
}
