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
// serve). Users and tokens live in github-accounts.ts; tokens are issued there in GitHub's formats,
// as the web page would: GitHub has no API to create them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { GitHubAccounts, SCOPED, type GitHubSimUser, type GitVerdict, type IssueTokenOptions, type SimToken } from './github-accounts';
import { HourlyCounter, rateHeaders } from './github-rate-limit';
import { API_VERSIONS, DEFAULT_API_VERSION, DOCS, NO_USER_AGENT, errorBody, expiryHeader, readBody, revokeBodyProblem, sendJson, wireUser } from './github-wire';
import { closeNow, listenOnLoopback } from './loopback';
import { basicCredentials } from './smart-http-server';

export type { GitHubSimUser, GitVerdict, IssueTokenOptions } from './github-accounts';
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

export interface GitHubSimulator {
  readonly personality: GitHubPersonality;
  /** The origin: git's, and on Enterprise Server the API's too. */
  readonly baseUrl: string;
  /** Where the REST API lives: the origin itself (github.com) or `${baseUrl}/api/v3` (Enterprise Server). */
  readonly apiBase: string;
  /** Every request in arrival order; tests may clear it with `requests.length = 0`. */
  readonly requests: GitHubSimRequest[];
  addUser(user: { login: string; name?: string | null; email?: string | null }): GitHubSimUser;
  /** A new token's secret, in GitHub's format for its kind; `login` must be a user unless it is an installation's. */
  issueToken(options: IssueTokenOptions): string;
  /** Revoked in the web page: refused from now on. */
  revoke(secret: string): void;
  isAlive(secret: string): boolean;
  /** `login` may read and write `owner/repo`, besides its owner. */
  addCollaborator(repo: string, login: string): void;
  /** What git over HTTPS is told for `owner/repo` (github-accounts.ts has the rules). */
  gitAccess(credentials: { username: string; password: string } | null, repo: string, access: 'read' | 'write'): GitVerdict;
  /** The next `count` API requests answer `status` with GitHub's error body and these headers, and do nothing else. */
  failNext(status: number, count?: number, headers?: Record<string, string>): void;
  stop(): Promise<void>;
}

type Answer = [body: Record<string, unknown>, headers: Record<string, string>];

class GitHubFailure {
  constructor(
    readonly status: number,
    readonly body: Record<string, string> | string,
    readonly headers: Record<string, string> = {},
  ) {}
}

class GitHubServer {
  readonly requests: GitHubSimRequest[] = [];
  readonly personality: GitHubPersonality;
  baseUrl = '';
  apiBase = '';
  readonly failures: Array<{ status: number; headers: Record<string, string> }> = [];

  private server: Server | null = null;
  private readonly now: () => number;
  private readonly revokeCalls: HourlyCounter;
  private readonly coreCalls: HourlyCounter;

  constructor(
    private readonly options: GitHubSimulatorOptions,
    private readonly accounts: GitHubAccounts,
  ) {
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
    let status: number;
    let answer: Answer;
    try {
      const text = await readBody(req);
      if (!req.headers['user-agent']?.trim()) throw new GitHubFailure(403, NO_USER_AGENT);
      const injected = this.failures.shift();
      if (injected) throw new GitHubFailure(injected.status, errorBody(injected.status, injectedMessage(injected.status)), injected.headers);
      if (!API_VERSIONS.includes(version)) throw new GitHubFailure(400, errorBody(400, `API version ${version} is not supported.`, DOCS.versions));
      const route = this.route(new URL(entry.path, 'http://simulator').pathname);
      if (route === '/user' && method === 'GET') [status, answer] = [200, this.user(req.headers.authorization)];
      else if (route === '/credentials/revoke' && method === 'POST' && this.hasRevokeEndpoint()) [status, answer] = [202, this.revokeCall(req, text)];
      else throw new GitHubFailure(404, errorBody(404, 'Not Found'));
    } catch (error) {
      const failure = error instanceof GitHubFailure ? error : new GitHubFailure(500, errorBody(500, 'Server Error'));
      status = failure.status;
      if (typeof failure.body === 'string') {
        entry.status = status;
        if (!res.destroyed) res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(failure.body);
        return;
      }
      answer = [failure.body, failure.headers];
    }
    entry.status = status;
    sendJson(res, status, answer[0], { ...common, ...answer[1] });
  }

  /** The API path under the personality's prefix (/api/v3 on Enterprise Server), or null outside it. */
  private route(pathname: string): string | null {
    if (this.personality === 'github.com') return pathname;
    return pathname.startsWith('/api/v3/') ? pathname.slice('/api/v3'.length) : null;
  }

  private hasRevokeEndpoint(): boolean {
    return this.personality === 'github.com' || this.options.enterpriseRevoke !== 'missing';
  }

  private user(authorization: string | undefined): Answer {
    if (authorization === undefined) throw new GitHubFailure(401, errorBody(401, 'Requires authentication', DOCS.user));
    const token = this.apiToken(authorization);
    if (!token) throw new GitHubFailure(401, errorBody(401, 'Bad credentials'));
    if (token.kind === 'installation') throw new GitHubFailure(403, errorBody(403, 'Resource not accessible by integration', DOCS.user));
    const user = this.accounts.user(token.login)!;
    const headers: Record<string, string> = { ...rateHeaders(this.coreCalls.hit(user.login.toLowerCase()), 5000), 'x-ratelimit-resource': 'core' };
    if (SCOPED.has(token.kind)) {
      headers['x-oauth-scopes'] = token.scopes.join(', ');
      headers['x-accepted-oauth-scopes'] = '';
    }
    if (token.expiresAt !== null) {
      headers['github-authentication-token-expiration'] = expiryHeader(token.expiresAt, this.options.expiryHeader ?? 'utc', this.options.expiryHeaderOffsetMinutes ?? 0);
    }
    return [wireUser(user, this.apiBase, this.baseUrl), headers];
  }

  private revokeCall(req: IncomingMessage, text: string): Answer {
    const authorization = req.headers.authorization;
    // Who the hourly limit counts: the caller's address, or on Enterprise Server its user when authenticated.
    let client = { key: `address ${req.socket.remoteAddress ?? ''}`, words: req.socket.remoteAddress ?? 'this address' };
    if (this.personality === 'github.com') {
      // "Any authenticated requests will return a 403." The wording of the message is not published.
      if (authorization !== undefined) throw new GitHubFailure(403, errorBody(403, 'Authenticated requests are not accepted by this endpoint.', DOCS.revoke));
    } else if (authorization !== undefined) {
      const token = this.apiToken(authorization);
      if (!token) throw new GitHubFailure(401, errorBody(401, 'Bad credentials'));
      const user = this.accounts.user(token.login);
      client = { key: `user ${token.login.toLowerCase()}`, words: user ? `user ID ${user.id}` : token.login };
    } else if (this.options.enterpriseRevoke === 'authenticated-only') {
      const status = this.options.unauthenticatedRevokeStatus ?? 401;
      throw new GitHubFailure(status, errorBody(status, status === 401 ? 'Requires authentication' : 'Must authenticate to access this endpoint.', DOCS.revoke));
    }

    const limit = this.options.revokeLimitPerHour ?? 60;
    const hit = this.revokeCalls.hit(client.key);
    const rate = rateHeaders(hit, limit);
    if (hit.used > limit) {
      const status = this.options.rateLimitStatus ?? 429;
      const headers = { ...rate };
      if (this.options.retryAfter ?? true) headers['retry-after'] = String(Math.max(1, Math.ceil((hit.resetAt - this.now()) / 1000)));
      throw new GitHubFailure(status, errorBody(status, `API rate limit exceeded for ${client.words}.`, DOCS.rateLimits), headers);
    }

    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new GitHubFailure(400, errorBody(400, 'Problems parsing JSON', DOCS.revoke), rate);
    }
    const problem = revokeBodyProblem(body);
    if (problem) throw new GitHubFailure(422, errorBody(422, problem, DOCS.revoke), rate);
    // Accepted, not done: the tokens die after the delay, and nothing says which of the strings were tokens.
    this.accounts.revokeBySecret((body as { credentials: string[] }).credentials, this.now() + (this.options.revokeDelayMs ?? 3000));
    return [{}, rate];
  }

  /** The token an API request authenticates with: Bearer, `token`, or Basic with it as the password (any username). */
  private apiToken(authorization: string): SimToken | null {
    const [scheme = '', value = ''] = authorization.split(' ', 2);
    const secret = /^(bearer|token)$/i.test(scheme) ? value.trim() : (basicCredentials(authorization)?.password ?? '');
    return this.accounts.authenticating(secret);
  }
}

function injectedMessage(status: number): string {
  if (status === 429) return 'API rate limit exceeded.';
  if (status >= 500) return 'Server Error';
  return `Injected failure (${status}).`;
}

/** Starts a simulator on 127.0.0.1. */
export async function startGitHubSimulator(options: GitHubSimulatorOptions = {}): Promise<GitHubSimulator> {
  const accounts = new GitHubAccounts(options.now ?? Date.now);
  const server = new GitHubServer(options, accounts);
  await server.start();
  return {
    personality: server.personality,
    baseUrl: server.baseUrl,
    apiBase: server.apiBase,
    requests: server.requests,
    addUser: (user) => accounts.addUser(user),
    issueToken: (tokenOptions) => accounts.issueToken(tokenOptions),
    revoke: (secret) => accounts.revoke(secret),
    isAlive: (secret) => accounts.isAlive(secret),
    addCollaborator: (repo, login) => accounts.addCollaborator(repo, login),
    gitAccess: (credentials, repo, access) => accounts.gitAccess(credentials, repo, access),
    failNext: (status, count = 1, headers = {}) => {
      for (let i = 0; i < count; i += 1) server.failures.push({ status, headers });
    },
    stop: () => server.stop(),
  };
}
