// A GitLab (gitlab.com or self-managed) stand-in for tests: REST v4 under /api/v4 on a real socket on
// 127.0.0.1, answering the token endpoints as GitLab's own code does (hosts-next.md §2): personal
// tokens (list, read, revoke, rotate, and the /self routes any token may use on itself), project and
// group access tokens acting as bot users, reuse detection that revokes a rotated token's whole
// family, the 365-day expiry limit, offset paging with GitLab's headers, Rack::Attack throttling, and
// GitLab's three error shapes. No API makes a general personal token, so tests issue them as the web
// page would (issuePersonalToken). Differences from the published OpenAPI are listed in
// gitlab-known-deviations.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import * as api from './gitlab-api';
import { ACCESS, addDays, expiryProblem, gitAbilities, ParamError, PERSONAL_SCOPES, readParams, utcDay, type AccessLevel } from './gitlab-rules';
import { GitLabState, type GitLabUser, type SecretFormat } from './gitlab-state';
import { bearerError, grapeError, messageError, unauthorized, type Answer } from './gitlab-wire';
import { closeNow, listenOnLoopback, readBody } from './loopback';

export { ACCESS, type AccessLevel } from './gitlab-rules';
export type { GitLabUser } from './gitlab-state';

export interface GitLabSimulatorOptions {
  now?: () => number;
  /** GitLab.com's free tier refuses project and group access tokens; self-managed allows them on any tier. */
  premium?: boolean;
  /** 365; 400 with the buffered_token_expiration_limit flag. */
  maxExpiryDays?: number;
  /** Rack::Attack's authenticated API throttle: this many requests per period, per credential. */
  rateLimit?: { requests: number; periodSeconds: number };
  /** per_page when none is asked for (GitLab: 20). */
  pageSize?: number;
  /** What new secrets look like; routable is GitLab's default since 2025. */
  secretFormat?: SecretFormat;
}

/** One request as the server saw it: method, path and query, status. Never a header value or body. */
export interface GitLabRequest {
  method: string;
  /** Path and query as sent, with a private_token value replaced by [FILTERED] as GitLab logs it. */
  url: string;
  /** 0 while the answer is still being written. */
  status: number;
}

export type TokenState = 'active' | 'revoked' | 'expired';

/** What git over HTTP may do, as GitLab's Git HTTP controller decides. */
export type GitDecision = { ok: true; user: string; tokenId: number } | { ok: false; status: 401 | 403 | 404 };

export interface GitLabSimulator {
  /** http://127.0.0.1:port, where the web pages (and, through gitlab-git.ts, git) would be. */
  baseUrl: string;
  /** baseUrl + /api/v4 */
  apiBase: string;
  /** Every request in arrival order; tests may clear it with `requests.length = 0`. */
  requests: GitLabRequest[];
  addUser(user: { username: string; name?: string; email?: string }): { id: number; username: string };
  /** A group (and any missing parents); members by username and access level. */
  addGroup(path: string, members?: Record<string, AccessLevel>): { id: number; fullPath: string };
  /** A project at group/…/name or username/name; members by username and access level. */
  addProject(path: string, members?: Record<string, AccessLevel>): { id: number; fullPath: string };
  /** A token made on the user's Access tokens page, shown once. `expiresAt` YYYY-MM-DD, default the longest allowed. */
  issuePersonalToken(input: { user: string; name: string; scopes: string[]; expiresAt?: string; description?: string; format?: SecretFormat }): {
    id: number;
    secret: string;
  };
  /** `count` more tokens of the user, without secrets, for long lists; their ids. */
  seedPersonalTokens(user: string, count: number): number[];
  /** Revoked on the web page. */
  revokeInPage(tokenId: number): void;
  tokenState(tokenId: number): TokenState;
  /** The next `count` requests answer `status` with GitLab's message body and these headers, and do nothing else. */
  failNext(status: number, count?: number, headers?: Record<string, string>): void;
  /** Git over HTTP: any non-blank username, a token as the password, the project by its full path. */
  gitAccess(username: string, secret: string, projectPath: string, service: 'read' | 'write'): GitDecision;
  stop(): Promise<void>;
}

type Scopes = 'any' | readonly string[];

interface Route {
  method: string;
  /** Segments after /api/v4; `:name` captures one (URL-decoded) segment. */
  path: string;
  /** Scopes any one of which lets a token in. */
  scopes: Scopes;
  endpoint: api.Endpoint;
}

const READ = ['api', 'read_api'];
const WRITE = ['api'];
const SELF_ROTATE = ['api', 'self_rotate'];

// Literal segments first: /personal_access_tokens/self is not token "self".
const ROUTES: Route[] = [
  { method: 'GET', path: 'user', scopes: ['api', 'read_api', 'read_user'], endpoint: api.getUser },
  { method: 'GET', path: 'personal_access_tokens', scopes: READ, endpoint: api.listPersonalTokens },
  // "As any token regardless of scope should be able to view/revoke itself" (self_information.rb).
  { method: 'GET', path: 'personal_access_tokens/self', scopes: 'any', endpoint: api.getSelf },
  { method: 'DELETE', path: 'personal_access_tokens/self', scopes: 'any', endpoint: api.revokeSelf },
  { method: 'POST', path: 'personal_access_tokens/self/rotate', scopes: SELF_ROTATE, endpoint: api.rotateSelf },
  { method: 'GET', path: 'personal_access_tokens/:id', scopes: READ, endpoint: api.getPersonalToken },
  { method: 'DELETE', path: 'personal_access_tokens/:id', scopes: WRITE, endpoint: api.revokePersonalToken },
  { method: 'POST', path: 'personal_access_tokens/:id/rotate', scopes: WRITE, endpoint: api.rotatePersonalToken },
  ...(['projects', 'groups'] as const).flatMap((kind): Route[] => [
    { method: 'POST', path: `${kind}/:id/access_tokens/self/rotate`, scopes: SELF_ROTATE, endpoint: api.rotateResourceSelf },
    { method: 'GET', path: `${kind}/:id/access_tokens`, scopes: READ, endpoint: api.listResourceTokens },
    { method: 'POST', path: `${kind}/:id/access_tokens`, scopes: WRITE, endpoint: api.createResourceToken },
    { method: 'GET', path: `${kind}/:id/access_tokens/:token_id`, scopes: READ, endpoint: api.getResourceToken },
    { method: 'DELETE', path: `${kind}/:id/access_tokens/:token_id`, scopes: WRITE, endpoint: api.revokeResourceToken },
    { method: 'POST', path: `${kind}/:id/access_tokens/:token_id/rotate`, scopes: WRITE, endpoint: api.rotateResourceToken },
  ]),
];

function match(route: Route, segments: string[]): Record<string, string> | null {
  const parts = route.path.split('/');
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i += 1) {
    if (parts[i]!.startsWith(':')) params[parts[i]!.slice(1)] = segments[i]!;
    else if (parts[i] !== segments[i]) return null;
  }
  return params;
}

/** GitLab's path for resetting reuse detection: a revoked token presented here revokes its family. */
const ROTATE_PATH = /access_tokens\/(\d+|self)\/rotate$/;

export async function startGitLabSimulator(options: GitLabSimulatorOptions = {}): Promise<GitLabSimulator> {
  const now = options.now ?? Date.now;
  const state = new GitLabState(now);
  const requests: GitLabRequest[] = [];
  const failures: Array<{ status: number; headers: Record<string, string> }> = [];
  const throttle = new Map<string, { window: number; count: number }>();
  const settings: api.ApiSettings = {
    premium: options.premium ?? true,
    maxExpiryDays: options.maxExpiryDays ?? 365,
    pageSize: options.pageSize ?? 20,
    secretFormat: options.secretFormat ?? 'routable',
    origin: '',
  };

  function answer(req: IncomingMessage, body: string): Answer {
    const injected = failures.shift();
    if (injected) return { ...messageError(injected.status, `${injected.status} ${injectedWords(injected.status)}`), headers: injected.headers };
    const url = new URL(req.url ?? '/', 'http://simulator');
    const credential = credentialOf(req, url);
    // Rack::Attack runs before the API, and counts every request, found or not.
    const throttled = throttleAnswer(credential ?? `ip:${req.socket.remoteAddress}`);
    if (throttled) return throttled;

    if (!url.pathname.startsWith('/api/v4/')) return grapeError(404, '404 Not Found');
    const segments = url.pathname.slice('/api/v4/'.length).split('/').map(safeDecode);
    const method = req.method ?? 'GET';
    const candidates = ROUTES.map((route) => ({ route, params: match(route, segments) })).filter((found) => found.params !== null);
    const chosen = candidates.find((found) => found.route.method === method);
    if (!chosen) {
      if (candidates.length === 0) return grapeError(404, '404 Not Found');
      return { ...grapeError(405, '405 Not Allowed'), headers: { allow: [...new Set(candidates.map((found) => found.route.method))].join(', ') } };
    }

    if (!credential) return unauthorized();
    const who = state.authenticate(credential);
    if (!who.ok) {
      if (who.reason === 'unknown') return unauthorized();
      if (who.reason === 'revoked' && ROTATE_PATH.test(url.pathname)) state.revokeDescendants(who.token);
      return bearerError(who.reason);
    }
    const scopes = chosen.route.scopes;
    if (scopes !== 'any' && !who.token.scopes.some((scope) => scopes.includes(scope))) return bearerError('insufficient_scope', scopes);
    state.markUsed(who.token, req.socket.remoteAddress ?? '127.0.0.1');
    // Grape validates parameters after the API guard has let the caller in.
    let input: Record<string, unknown>;
    try {
      input = readParams(String(req.headers['content-type'] ?? ''), body, url.searchParams);
    } catch (error) {
      if (error instanceof ParamError) return grapeError(400, error.message);
      throw error;
    }
    return chosen.route.endpoint(state, settings, { url, path: chosen.params!, input, user: who.user, token: who.token });
  }

  function throttleAnswer(key: string): Answer | null {
    if (!options.rateLimit) return null;
    const { requests: limit, periodSeconds } = options.rateLimit;
    const seconds = Math.floor(now() / 1000);
    const window = Math.floor(seconds / periodSeconds);
    const counter = throttle.get(key);
    const current = counter && counter.window === window ? counter : { window, count: 0 };
    current.count += 1;
    throttle.set(key, current);
    if (current.count <= limit) return null;
    const reset = (window + 1) * periodSeconds;
    return {
      status: 429,
      text: 'Retry later\n',
      headers: {
        'ratelimit-name': 'throttle_authenticated_api',
        'ratelimit-limit': String(limit),
        'ratelimit-observed': String(current.count),
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(reset),
        'ratelimit-resettime': new Date(reset * 1000).toUTCString(),
        'retry-after': String(reset - seconds),
      },
    };
  }

  function send(res: ServerResponse, entry: GitLabRequest, reply: Answer): void {
    entry.status = reply.status;
    if (res.destroyed) return;
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    if (reply.status === 204) res.writeHead(204).end();
    else if (reply.text !== undefined) res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.text);
    else res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body ?? null));
  }

  const server: Server = createServer((req, res) => {
    const entry: GitLabRequest = { method: req.method ?? 'GET', url: filterSecrets(req.url ?? '/'), status: 0 };
    requests.push(entry);
    readBody(req).then(
      (body) => {
        let reply: Answer;
        try {
          reply = answer(req, body);
        } catch {
          reply = messageError(500, '500 Internal Server Error');
        }
        send(res, entry, reply);
      },
      () => send(res, entry, messageError(400, '400 Bad request')),
    );
  });
  const port = await listenOnLoopback(server);
  const baseUrl = `http://127.0.0.1:${port}`;
  settings.origin = baseUrl;

  const user = (username: string): GitLabUser => {
    const found = state.userByName(username);
    if (!found) throw new Error(`no simulator user ${username}`);
    return found;
  };
  const tokenOf = (id: number) => {
    const token = state.tokens.get(id);
    if (!token) throw new Error(`no simulator token ${id}`);
    return token;
  };

  return {
    baseUrl,
    apiBase: `${baseUrl}/api/v4`,
    requests,
    addUser(input) {
      const made = state.addUser(input);
      return { id: made.id, username: made.username };
    },
    addGroup(path, members) {
      const group = state.addGroup(path, members);
      return { id: group.id, fullPath: group.fullPath };
    },
    addProject(path, members) {
      const project = state.addProject(path, members);
      return { id: project.id, fullPath: project.fullPath };
    },
    issuePersonalToken(input) {
      const owner = user(input.user);
      const bad = input.scopes.find((scope) => !PERSONAL_SCOPES.includes(scope));
      if (input.scopes.length === 0 || bad !== undefined) throw new Error(`a personal token cannot have scope ${bad ?? '(none)'}`);
      const today = utcDay(now());
      const expiresAt = input.expiresAt ?? addDays(today, settings.maxExpiryDays);
      const tooLate = expiryProblem(expiresAt, today, settings.maxExpiryDays);
      if (tooLate) throw new Error(tooLate);
      const { token, secret } = state.issueToken(
        owner,
        { name: input.name, description: input.description ?? null, scopes: input.scopes, expiresAt },
        input.format ?? settings.secretFormat,
      );
      return { id: token.id, secret };
    },
    seedPersonalTokens(username, count) {
      const owner = user(username);
      const expiresAt = addDays(utcDay(now()), 30);
      return Array.from({ length: count }, (_, i) => state.seedToken(owner, `seed ${i + 1}`, ['read_repository'], expiresAt).id);
    },
    revokeInPage(tokenId) {
      tokenOf(tokenId).revoked = true;
    },
    tokenState(tokenId) {
      const token = tokenOf(tokenId);
      return token.revoked ? 'revoked' : state.isActive(token) ? 'active' : 'expired';
    },
    failNext(status, count = 1, headers = {}) {
      for (let i = 0; i < count; i += 1) failures.push({ status, headers });
    },
    gitAccess(username, secret, projectPath, service) {
      const who = username.trim() === '' ? null : state.authenticate(secret);
      if (!who?.ok) return { ok: false, status: 401 };
      const project = state.projectByPath(projectPath);
      const resource = project ? { kind: 'project' as const, project } : undefined;
      const level = resource ? state.accessLevel(who.user, resource) : 0;
      // A bot that cannot read the project fails authentication itself (Gitlab::Auth): 401, not 404.
      if (who.user.bot && level === 0) return { ok: false, status: 401 };
      if (level === 0) return { ok: false, status: 404 };
      const can = gitAbilities(who.token.scopes);
      // Private projects: Reporter may fetch, Developer may push (protected branches are not modelled).
      const allowed = service === 'read' ? can.download && level >= ACCESS.reporter : can.push && level >= ACCESS.developer;
      if (!allowed) return { ok: false, status: 403 };
      state.markUsed(who.token, '127.0.0.1');
      return { ok: true, user: who.user.username, tokenId: who.token.id };
    },
    stop: () => closeNow(server),
  };
}

/** The secret a request carries: PRIVATE-TOKEN, Authorization: Bearer, or ?private_token=. */
function credentialOf(req: IncomingMessage, url: URL): string | null {
  const header = req.headers['private-token'];
  if (typeof header === 'string' && header !== '') return header;
  const [scheme, value = ''] = (req.headers.authorization ?? '').split(' ', 2);
  if (scheme?.toLowerCase() === 'bearer' && value.trim() !== '') return value.trim();
  return url.searchParams.get('private_token') || null;
}

function filterSecrets(url: string): string {
  return url.replace(/([?&]private_token=)[^&#]*/gi, '$1[FILTERED]');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function injectedWords(status: number): string {
  return status === 429 ? 'Too Many Requests' : status === 503 ? 'Service Unavailable' : status >= 500 ? 'Internal Server Error' : 'Injected failure';
}
