// A GitHub stand-in for tests, over a real socket on 127.0.0.1, answering the two calls Latch makes
// (hosts-next.md §3) the way GitHub does:
//   - GET {api}/user with a token (Bearer, `token`, or Basic with the token as password): the owner,
//     X-OAuth-Scopes for classic and OAuth tokens (absent for the others), and
//     GitHub-Authentication-Token-Expiration when the token expires; 401 "Bad credentials" otherwise.
//   - POST {api}/credentials/revoke {"credentials":[…]}: 202 accepted, the tokens dying `revokeDelayMs`
//     later, not at once; 422 for a body outside the published schema; 403 when authenticated, on
//     github.com; 60 calls an hour per client, then 429 (or 403) with x-ratelimit-remaining: 0.
// Two personalities: `github.com` (the API at the root of its own origin, as api.github.com) and
// `enterprise` (the API under /api/v3, git on the same origin through github-git.ts). Every request
// needs a User-Agent (403 otherwise) and may pin X-GitHub-Api-Version (400 for one GitHub does not
// serve). Tokens are issued here, in GitHub's formats with real checksums, as the web page would:
// GitHub has no API to create them. `gitAccess` answers what git over HTTPS would be told.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DOCS, API_VERSIONS, DEFAULT_API_VERSION, NO_USER_AGENT, errorBody, expiryHeader, readBody, revokeBodyProblem, sendJson, wireUser } from './github-wire';
import { makeGitHubSecret, type GitHubTokenKind } from './github-token-format';
import { closeNow, listenOnLoopback } from './loopback';
import { basicCredentials } from './smart-http-server';

export type { GitHubTokenKind } from './github-token-format';
export type GitHubPersonality = 'github.com' | 'enterprise';

export interface GitHubSimulatorOptions {
  personality?: GitHubPersonality;
  /** How long tokens keep working after an accepted POST /credentials/revoke. Default 3 s. */
  revokeDelayMs?: number;
  /**
   * Enterprise Server only, how its POST /credentials/revoke takes callers: 'anyone' (default; the
   * GHES copy of the docs speaks of authenticated requests, github.com's of unauthenticated ones),
   * 'authenticated-only' (a call without credentials is refused), or 'missing' (404, older servers).
   */
  enterpriseRevoke?: 'anyone' | 'authenticated-only' | 'missing';
  /** With 'authenticated-only': the status a call without credentials gets. Default 401. */
  unauthenticatedRevokeStatus?: 401 | 403;
  /** The form of GitHub-Authentication-Token-Expiration: "… UTC" (default) or "… +hhmm". */
  expiryHeader?: 'utc' | 'offset';
  /** With expiryHeader 'offset': the zone the time is written in, in minutes east of UTC. Default 0. */
  expiryHeaderOffsetMinutes?: number;
  /** Calls to POST /credentials/revoke per client per hour. Default 60, GitHub's limit. */
  revokeLimitPerHour?: number;
  /** The status of a rate-limited call; GitHub documents "403 Forbidden or 429 Too Many Requests". Default 429. */
  rateLimitStatus?: 403 | 429;
  /** Whether a rate-limited answer carries Retry-After; without it a client must read x-ratelimit-reset. Default true. */
  retryAfter?: boolean;
  now?: () => number;
}

/** One request as the simulator saw it: never a header value, so never a secret. */
export interface GitHubSimRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  /** 0 while the answer is still being written. */
  status: number;
  /** Whether it carried credentials (an Authorization header), good or not. */
  authenticated: boolean;
  /** Whether it named a REST API version (X-GitHub-Api-Version). */
  apiVersionPinned: boolean;
}

export interface GitHubSimUser {
  login: string;
  id: number;
  name: string | null;
  email: string | null;
  createdAt: string;
}

export interface IssueTokenOptions {
  login: string;
  kind: GitHubTokenKind;
  /** Classic and OAuth tokens only: their scopes, as X-OAuth-Scopes reports them. Default ['repo']. */
  scopes?: string[];
  /** Fine-grained and GitHub App tokens only: the repository Contents permission. Default 'write'. */
  contents?: 'read' | 'write';
  /** When it stops working (epoch ms), or null for never. Default null. */
  expiresAt?: number | null;
}

export type GitVerdict = { ok: true; login: string } | { ok: false; status: 401 | 403 };

interface SimToken {
  login: string;
  kind: GitHubTokenKind;
  scopes: string[];
  contents: 'read' | 'write';
  expiresAt: number | null;
  /** When a revocation takes effect; null while none was asked for. */
  diesAt: number | null;
}

class GitHubFailure {
  constructor(
    readonly status: number,
    readonly body: Record<string, string> | string,
    readonly headers: Record<string, string> = {},
  ) {}
}

const HOUR_MS = 3_600_000;
/** The kinds POST /credentials/revoke takes; installation tokens (ghs_) are not among them. */
const REVOCABLE = new Set<GitHubTokenKind>(['classic', 'fine-grained', 'oauth', 'user-to-server', 'refresh']);
/** Kinds that answer X-OAuth-Scopes and are held to scopes for git. */
const SCOPED = new Set<GitHubTokenKind>(['classic', 'oauth']);

/** Calls per key in an hour that starts with the key's first call, as GitHub's x-ratelimit-reset counts. */
class HourlyCounter {
  private readonly windows = new Map<string, { start: number; used: number }>();
  constructor(private readonly now: () => number) {}

  hit(key: string): { used: number; resetAt: number } {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now >= window.start + HOUR_MS) {
      window = { start: now, used: 0 };
      this.windows.set(key, window);
    }
    window.used += 1;
    return { used: window.used, resetAt: window.start + HOUR_MS };
  }
}

class GitHubSim {
  readonly requests: GitHubSimRequest[] = [];
  readonly personality: GitHubPersonality;
  baseUrl = '';
  apiBase = '';

  private server: Server | null = null;
  private readonly options: GitHubSimulatorOptions;
  private readonly now: () => number;
  private readonly users = new Map<string, GitHubSimUser>(); // lower-cased login -> user
  private readonly tokens = new Map<string, SimToken>(); // secret -> token
  private readonly collaborators = new Map<string, Set<string>>(); // lower-cased owner/repo -> lower-cased logins
  private readonly failures: Array<{ status: number; headers: Record<string, string> }> = [];
  private readonly revokeCalls: HourlyCounter;
  private readonly coreCalls: HourlyCounter;
  private nextId = 1_000_001;

  constructor(options: GitHubSimulatorOptions) {
    this.options = options;
    this.personality = options.personality ?? 'github.com';
    this.now = options.now ?? Date.now;
    this.revokeCalls = new HourlyCounter(this.now);
    this.coreCalls = new HourlyCounter(this.now);
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    const port = await listenOnLoopback(server);
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.apiBase = this.personality === 'enterprise' ? `${this.baseUrl}/api/v3` : this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await closeNow(server);
  }

  addUser(user: { login: string; name?: string | null; email?: string | null }): GitHubSimUser {
    const record: GitHubSimUser = {
      login: user.login,
      id: this.nextId++,
      name: user.name ?? null,
      email: user.email ?? null,
      createdAt: new Date(this.now() - 800 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    this.users.set(user.login.toLowerCase(), record);
    return { ...record };
  }

  /** A token as GitHub's settings page (or an app's flow) makes it: shown once, here returned. */
  issueToken(options: IssueTokenOptions): string {
    const scoped = SCOPED.has(options.kind);
    if (!scoped && options.scopes) throw new Error(`${options.kind} tokens have permissions, not scopes: use \`contents\``);
    if (scoped && options.contents) throw new Error(`${options.kind} tokens have scopes, not permissions: use \`scopes\``);
    // An installation acts as its app's bot, which needs no account here.
    if (options.kind !== 'installation' && !this.users.has(options.login.toLowerCase())) throw new Error(`no simulator user ${options.login}`);
    const secret = makeGitHubSecret(options.kind);
    this.tokens.set(secret, {
      login: options.login,
      kind: options.kind,
      scopes: scoped ? [...(options.scopes ?? ['repo'])] : [],
      contents: options.contents ?? 'write',
      expiresAt: options.expiresAt ?? null,
      diesAt: null,
    });
    return secret;
  }

  /** Revoked by its owner in the web page: refused everywhere from now on. */
  revoke(secret: string): void {
    const token = this.tokens.get(secret);
    if (!token) throw new Error('no such simulator token');
    token.diesAt = Math.min(token.diesAt ?? Infinity, this.now());
  }

  /** Whether GitHub would still take this secret (not expired, no revocation in effect yet). */
  isAlive(secret: string): boolean {
    const token = this.tokens.get(secret);
    return token !== undefined && this.live(token);
  }

  /** `login` may read and write `owner/repo` (its owner always may). */
  addCollaborator(repo: string, login: string): void {
    const key = repo.toLowerCase();
    const set = this.collaborators.get(key) ?? new Set<string>();
    set.add(login.toLowerCase());
    this.collaborators.set(key, set);
  }

  /**
   * What git over HTTPS is told for `owner/repo` with these Basic credentials: any non-empty username
   * with a live token as the password (hosts-next.md §3.5). Every repository here is private, so a
   * classic or OAuth token needs the `repo` scope to read or write; fine-grained and App tokens need
   * Contents read, or write to push. The token's user must own the repository or collaborate on it.
   */
  gitAccess(credentials: { username: string; password: string } | null, repo: string, access: 'read' | 'write'): GitVerdict {
    if (!credentials || credentials.username === '') return { ok: false, status: 401 };
    const token = this.tokens.get(credentials.password);
    // A refresh token only buys new tokens; it opens nothing itself.
    if (!token || !this.live(token) || token.kind === 'refresh') return { ok: false, status: 401 };
    const login = token.login.toLowerCase();
    const owner = repo.split('/', 1)[0]!.toLowerCase();
    if (login !== owner && !this.collaborators.get(repo.toLowerCase())?.has(login)) return { ok: false, status: 403 };
    const allowed = SCOPED.has(token.kind) ? token.scopes.includes('repo') : access === 'read' || token.contents === 'write';
    return allowed ? { ok: true, login: token.login } : { ok: false, status: 403 };
  }

  /** The next `count` API requests answer `status` with GitHub's error body and these headers, and do nothing else. */
  failNext(status: number, count = 1, headers: Record<string, string> = {}): void {
    for (let i = 0; i < count; i += 1) this.failures.push({ status, headers });
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const entry: GitHubSimRequest = {
      method,
      path: req.url ?? '/',
      status: 0,
      authenticated: req.headers.authorization !== undefined,
      apiVersionPinned: req.headers['x-github-api-version'] !== undefined,
    };
    this.requests.push(entry);
    const version = String(req.headers['x-github-api-version'] ?? DEFAULT_API_VERSION);
    const common: Record<string, string> = { 'x-github-media-type': 'github.v3; format=json' };
    if (API_VERSIONS.includes(version)) common['x-github-api-version-selected'] = version;
    try {
      const body = await readBody(req);
      if (!req.headers['user-agent']?.trim()) throw new GitHubFailure(403, NO_USER_AGENT);
      const injected = this.failures.shift();
      if (injected) throw new GitHubFailure(injected.status, errorBody(injected.status, injectedMessage(injected.status)), injected.headers);
      if (!API_VERSIONS.includes(version)) throw new GitHubFailure(400, errorBody(400, `API version ${version} is not supported.`, DOCS.versions));
      const route = this.route(new URL(entry.path, 'http://simulator').pathname);
      if (route === '/user' && method === 'GET') return this.answer(res, entry, 200, ...this.user(req.headers.authorization), common);
      if (route === '/credentials/revoke' && method === 'POST' && this.hasRevokeEndpoint()) {
        return this.answer(res, entry, 202, ...this.revokeCall(req, body), common);
      }
      throw new GitHubFailure(404, errorBody(404, 'Not Found'));
    } catch (error) {
      const failure = error instanceof GitHubFailure ? error : new GitHubFailure(500, errorBody(500, 'Server Error'));
      if (typeof failure.body === 'string') {
        entry.status = failure.status;
        if (!res.destroyed) res.writeHead(failure.status, { 'content-type': 'text/plain; charset=utf-8' }).end(failure.body);
        return;
      }
      this.answer(res, entry, failure.status, failure.body, failure.headers, common);
    }
  }

  /** The API path under the personality's prefix (/api/v3 on Enterprise Server), or null outside it. */
  private route(pathname: string): string | null {
    if (this.personality === 'github.com') return pathname;
    return pathname.startsWith('/api/v3/') ? pathname.slice('/api/v3'.length) : null;
  }

  private hasRevokeEndpoint(): boolean {
    return this.personality === 'github.com' || this.options.enterpriseRevoke !== 'missing';
  }

  private user(authorization: string | undefined): [Record<string, unknown>, Record<string, string>] {
    if (authorization === undefined) throw new GitHubFailure(401, errorBody(401, 'Requires authentication', DOCS.user));
    const token = this.apiToken(authorization);
    if (!token) throw new GitHubFailure(401, errorBody(401, 'Bad credentials'));
    if (token.kind === 'installation') throw new GitHubFailure(403, errorBody(403, 'Resource not accessible by integration', DOCS.user));
    const user = this.users.get(token.login.toLowerCase())!;
    const headers: Record<string, string> = { ...this.rateHeaders(this.coreCalls.hit(user.login), 5000), 'x-ratelimit-resource': 'core' };
    if (SCOPED.has(token.kind)) {
      headers['x-oauth-scopes'] = token.scopes.join(', ');
      headers['x-accepted-oauth-scopes'] = '';
    }
    if (token.expiresAt !== null) {
      headers['github-authentication-token-expiration'] = expiryHeader(token.expiresAt, this.options.expiryHeader ?? 'utc', this.options.expiryHeaderOffsetMinutes ?? 0);
    }
    return [wireUser(user, this.apiBase, this.baseUrl), headers];
  }

  private revokeCall(req: IncomingMessage, text: string): [Record<string, unknown>, Record<string, string>] {
    const authorization = req.headers.authorization;
    let client = `address ${req.socket.remoteAddress ?? 'unknown'}`;
    if (this.personality === 'github.com') {
      // "Any authenticated requests will return a 403." The wording of the message is not published.
      if (authorization !== undefined) throw new GitHubFailure(403, errorBody(403, 'Authenticated requests are not accepted by this endpoint.', DOCS.revoke));
    } else if (authorization !== undefined) {
      const token = this.apiToken(authorization);
      if (!token) throw new GitHubFailure(401, errorBody(401, 'Bad credentials'));
      client = `user ${token.login.toLowerCase()}`;
    } else if (this.options.enterpriseRevoke === 'authenticated-only') {
      const status = this.options.unauthenticatedRevokeStatus ?? 401;
      throw new GitHubFailure(status, errorBody(status, status === 401 ? 'Requires authentication' : 'Must authenticate to access this endpoint.', DOCS.revoke));
    }

    const limit = this.options.revokeLimitPerHour ?? 60;
    const hit = this.revokeCalls.hit(client);
    const rate = this.rateHeaders(hit, limit);
    if (hit.used > limit) {
      const status = this.options.rateLimitStatus ?? 429;
      const headers = { ...rate };
      if (this.options.retryAfter ?? true) headers['retry-after'] = String(Math.max(1, Math.ceil((hit.resetAt - this.now()) / 1000)));
      throw new GitHubFailure(status, errorBody(status, `API rate limit exceeded for ${client}.`, DOCS.rateLimits), headers);
    }

    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new GitHubFailure(400, errorBody(400, 'Problems parsing JSON', DOCS.revoke), rate);
    }
    const problem = revokeBodyProblem(body);
    if (problem) throw new GitHubFailure(422, errorBody(422, problem, DOCS.revoke), rate);

    // Accepted, not done: each known, live, revocable token dies after the delay. Nothing says which were.
    const diesAt = this.now() + (this.options.revokeDelayMs ?? 3000);
    for (const secret of (body as { credentials: string[] }).credentials) {
      const token = this.tokens.get(secret);
      if (token && REVOCABLE.has(token.kind) && this.live(token)) token.diesAt = Math.min(token.diesAt ?? Infinity, diesAt);
    }
    return [{}, rate];
  }

  /** The token an API request authenticates with: Bearer, `token`, or Basic with it as the password (any username). */
  private apiToken(authorization: string): SimToken | null {
    const [scheme = '', value = ''] = authorization.split(' ', 2);
    const secret = /^(bearer|token)$/i.test(scheme) ? value.trim() : (basicCredentials(authorization)?.password ?? '');
    const token = this.tokens.get(secret);
    return token && this.live(token) && token.kind !== 'refresh' ? token : null;
  }

  private live(token: SimToken): boolean {
    const now = this.now();
    return (token.expiresAt === null || now < token.expiresAt) && (token.diesAt === null || now < token.diesAt);
  }

  private rateHeaders(hit: { used: number; resetAt: number }, limit: number): Record<string, string> {
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - hit.used)),
      'x-ratelimit-used': String(Math.min(hit.used, limit)),
      'x-ratelimit-reset': String(Math.ceil(hit.resetAt / 1000)),
    };
  }

  private answer(res: ServerResponse, entry: GitHubSimRequest, status: number, body: unknown, headers: Record<string, string>, common: Record<string, string>): void {
    entry.status = status;
    sendJson(res, status, body, { ...common, ...headers });
  }
}

function injectedMessage(status: number): string {
  if (status === 429) return 'API rate limit exceeded.';
  if (status >= 500) return 'Server Error';
  return `Injected failure (${status}).`;
}

export type GitHubSimulator = Pick<
  GitHubSim,
  'personality' | 'baseUrl' | 'apiBase' | 'requests' | 'addUser' | 'issueToken' | 'revoke' | 'isAlive' | 'addCollaborator' | 'gitAccess' | 'failNext' | 'stop'
>;

/** Starts a simulator on 127.0.0.1; `baseUrl` is its origin and `apiBase` where its REST API lives. */
export async function startGitHubSimulator(options: GitHubSimulatorOptions = {}): Promise<GitHubSimulator> {
  const sim = new GitHubSim(options);
  await sim.start();
  return sim;
}
