// A Bitbucket Data Center stand-in for tests: the HTTP access-token endpoints (personal, project,
// repository) and the user search, over a real socket on 127.0.0.1, behaving as real servers do
// rather than as the spec says (see known-deviations.ts): 12-digit string ids that may begin with 0,
// epoch-millisecond dates, PUT answering 200, capped page sizes, the {errors:[…]} envelope, and token
// management only with the account password. Test controls inject 429s, slow creates and seed data.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { checkTokenBody, type SimOwner } from './bitbucket-datacenter-rules';
import { closeNow, listenOnLoopback, readBody } from './loopback';

export type { SimOwner } from './bitbucket-datacenter-rules';

export interface SimUser {
  id: number;
  username: string;
  password: string;
  slug: string;
  displayName: string;
  emailAddress: string;
}

/** A token as the simulator keeps it; the secret lives only in the simulator's private map. */
export interface SimToken {
  id: string;
  name: string;
  permissions: string[];
  expiryDays: number | null;
  createdDate: number;
  lastAuthenticated: number | null;
  owner: SimOwner;
}

/** One request as seen by the server: never a header value, body or password. */
export interface SimRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  /** 0 while the answer is still pending (e.g. a delayed create). */
  status: number;
  auth: 'none' | 'password' | 'token' | 'refused';
}

export interface SimulatorOptions {
  /** Tokens one owner may hold; the next create answers 400. */
  maxTokensPerOwner?: number;
  /** The largest page the server hands out, whatever `limit` asks for. */
  maxPageSize?: number;
  /** Served under this path, like a server at https://host/bitbucket. */
  contextPath?: string;
  now?: () => number;
}

interface Authenticated {
  user: SimUser;
  token: SimToken | null;
}

/** An owner in a route is as named in the URL, not yet checked to exist. */
type Route = { kind: 'users' } | { kind: 'tokens'; owner: SimOwner; tokenId: string | null };

class HttpFailure {
  constructor(
    readonly status: number,
    readonly message: string,
    readonly exceptionName: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

const EXCEPTION = {
  auth: 'com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException',
  notPermitted: 'com.atlassian.bitbucket.AuthorisationException',
  noUser: 'com.atlassian.bitbucket.user.NoSuchUserException',
  noProject: 'com.atlassian.bitbucket.project.NoSuchProjectException',
  noRepo: 'com.atlassian.bitbucket.repository.NoSuchRepositoryException',
  noToken: 'com.atlassian.bitbucket.NoSuchEntityException',
  validation: 'com.atlassian.bitbucket.validation.ArgumentValidationException',
  limit: 'com.atlassian.bitbucket.auth.TokenLimitExceededException',
  injected: 'com.atlassian.bitbucket.ServiceException',
} as const;

const ownerKey = (owner: SimOwner): string =>
  owner.kind === 'user' ? `user:${owner.userSlug}` : owner.kind === 'project' ? `project:${owner.projectKey}` : `repo:${owner.projectKey}/${owner.repoSlug}`;

export class BitbucketDataCenterSimulator {
  /** Every request in arrival order; tests may clear it with `requests.length = 0`. */
  readonly requests: SimRequest[] = [];

  private server: Server | null = null;
  private readonly users = new Map<string, SimUser>();
  private readonly projects = new Map<string, Set<string>>();
  private readonly tokenList: SimToken[] = [];
  private readonly secrets = new Map<string, string>(); // secret -> token id
  private readonly failures: Array<{ status: number; headers: Record<string, string>; method?: string }> = [];
  private createDelayMs = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private idCounter = 0;
  private readonly maxTokens: number;
  private readonly maxPageSize: number;
  private readonly contextPath: string;
  private readonly now: () => number;

  constructor(options: SimulatorOptions = {}) {
    this.maxTokens = options.maxTokensPerOwner ?? 100;
    this.maxPageSize = options.maxPageSize ?? 25;
    this.contextPath = (options.contextPath ?? '').replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
  }

  async start(): Promise<{ baseUrl: string }> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    const port = await listenOnLoopback(server);
    return { baseUrl: `http://127.0.0.1:${port}${this.contextPath}` };
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    this.server = null;
    if (!server) return;
    await closeNow(server);
  }

  addUser(user: { username: string; password: string; slug?: string; displayName?: string; emailAddress?: string }): SimUser {
    const slug = user.slug ?? user.username.toLowerCase().replace(/[^a-z0-9_.-]+/g, '_');
    const record: SimUser = {
      id: this.users.size + 101,
      username: user.username,
      password: user.password,
      slug,
      displayName: user.displayName ?? user.username,
      emailAddress: user.emailAddress ?? `${slug}@example.com`,
    };
    this.users.set(slug, record);
    return { ...record };
  }

  /** The user changes their password on the server (as in its web page); the old one is refused from now on. */
  setPassword(username: string, password: string): void {
    const user = this.findUser(username);
    if (!user) throw new Error(`no simulator user ${username}`);
    user.password = password;
  }

  addProject(key: string): void {
    if (!this.projects.has(key)) this.projects.set(key, new Set());
  }

  addRepo(projectKey: string, repoSlug: string): void {
    this.addProject(projectKey);
    this.projects.get(projectKey)!.add(repoSlug);
  }

  /** The next `count` requests answer `status` (with an errors envelope and these headers) and do nothing else. */
  failNext(status: number, count = 1, headers: Record<string, string> = {}): void {
    for (let i = 0; i < count; i += 1) this.failures.push({ status, headers });
  }

  /** Like failNext, for the next requests of one method only (DELETE: a revoke), letting the others through. */
  failNextOf(method: string, status: number, count = 1): void {
    for (let i = 0; i < count; i += 1) this.failures.push({ status, headers: {}, method });
  }

  /** The next create makes the token at once but answers only after `ms`: a client that gives up earlier loses the secret. */
  delayNextCreate(ms: number): void {
    this.createDelayMs = ms;
  }

  /** Adds `count` tokens to an owner (a user slug or any owner), oldest first. Their secrets are thrown away. */
  seedTokens(owner: string | SimOwner, count: number): SimToken[] {
    const target: SimOwner = typeof owner === 'string' ? { kind: 'user', userSlug: owner } : owner;
    const base = this.now() - count * 60_000;
    const made: SimToken[] = [];
    for (let i = 0; i < count; i += 1) {
      const permissions = target.kind === 'repository' ? ['REPO_READ'] : ['PROJECT_READ', 'REPO_WRITE'];
      const { token } = this.makeToken(target, `seed token ${i + 1}`, permissions, i % 4 === 0 ? 30 : null, base + i * 60_000);
      if (i % 3 === 0) token.lastAuthenticated = base + i * 60_000 + 30_000;
      made.push({ ...token });
    }
    return made;
  }

  /** Copies of the tokens, of one owner or all, oldest first. */
  tokens(owner?: SimOwner): SimToken[] {
    const key = owner ? ownerKey(owner) : null;
    return this.tokenList.filter((token) => key === null || ownerKey(token.owner) === key).map((token) => ({ ...token, owner: { ...token.owner } }));
  }

  /**
   * Who a secret belongs to, as git over HTTP would find out: Bearer (no username) accepts any live
   * token; Basic accepts the user's password or one of the user's own personal tokens (project and
   * repository tokens are Bearer only). Null when refused. Marks the token as used.
   */
  authenticate(secret: string, username?: string): Authenticated | null {
    const tokenId = this.secrets.get(secret);
    const token = tokenId ? this.tokenList.find((candidate) => candidate.id === tokenId) : undefined;
    const live = token && !this.isExpired(token) ? token : undefined;
    if (username === undefined) {
      if (!live) return null;
      live.lastAuthenticated = this.now();
      return { user: this.tokenUser(live), token: { ...live } };
    }
    const user = this.findUser(username);
    if (!user) return null;
    if (secret === user.password) return { user: { ...user }, token: null };
    if (live && live.owner.kind === 'user' && live.owner.userSlug === user.slug) {
      live.lastAuthenticated = this.now();
      return { user: { ...user }, token: { ...live } };
    }
    return null;
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const rawPath = req.url ?? '/';
    // Logged on arrival, so a request whose answer the client gave up on still shows.
    const entry: SimRequest = { method, path: rawPath, status: 0, auth: 'none' };
    this.requests.push(entry);
    try {
      const body = await readBody(req);
      const at = this.failures.findIndex((failure) => failure.method === undefined || failure.method === method);
      const injected = at < 0 ? undefined : this.failures.splice(at, 1)[0];
      if (injected) {
        throw new HttpFailure(injected.status, injectedMessage(injected.status), EXCEPTION.injected, injected.headers);
      }
      const url = new URL(rawPath, 'http://simulator');
      const route = this.route(url.pathname);
      const who = this.authenticateRequest(req.headers.authorization);
      entry.auth = who === 'refused' ? 'refused' : who ? (who.token ? 'token' : 'password') : 'none';
      if (who === 'refused' || who === null) {
        throw new HttpFailure(401, 'Authentication failed. Please check your credentials and try again.', EXCEPTION.auth);
      }
      res.setHeader('x-ausername', who.user.username);
      res.setHeader('x-auserid', String(who.user.id));
      if (route.kind === 'users') {
        if (method !== 'GET') throw new HttpFailure(405, `Method ${method} is not allowed here.`, EXCEPTION.validation);
        return this.send(res, entry, 200, this.userPage(url));
      }
      // A token cannot manage tokens: the real servers insist on the account password here.
      if (who.token) {
        throw new HttpFailure(401, 'You are not permitted to access this resource. Access tokens cannot be used to manage access tokens.', EXCEPTION.notPermitted);
      }
      const owner = this.checkOwner(route.owner, who.user);
      const { status, payload } = await this.tokenEndpoint(method, url, owner, route.tokenId, body, who.user);
      return this.send(res, entry, status, payload);
    } catch (error) {
      const failure =
        error instanceof HttpFailure ? error : new HttpFailure(500, 'An internal error occurred.', 'java.lang.IllegalStateException');
      for (const [name, value] of Object.entries(failure.headers)) res.setHeader(name, value);
      return this.send(res, entry, failure.status, {
        errors: [{ context: null, message: failure.message, exceptionName: failure.exceptionName }],
      });
    }
  }

  private send(res: ServerResponse, entry: SimRequest, status: number, payload: unknown): void {
    entry.status = status;
    if (res.destroyed) return;
    if (status === 204 || payload === undefined) {
      res.writeHead(status).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' }).end(JSON.stringify(payload));
  }

  private route(pathname: string): Route {
    if (!pathname.startsWith(`${this.contextPath}/`)) throw notFound(pathname);
    const parts = pathname.slice(this.contextPath.length + 1).split('/').map((part) => decodeURIComponent(part));
    const [rest, area, version, ...tail] = parts;
    if (rest !== 'rest' || (version !== 'latest' && version !== '1.0')) throw notFound(pathname);
    if (area === 'api' && tail.length === 1 && tail[0] === 'users') return { kind: 'users' };
    if (area !== 'access-tokens') throw notFound(pathname);
    const [kind, a, b, c, d] = tail;
    if (kind === 'users' && a && tail.length <= 3) return { kind: 'tokens', owner: { kind: 'user', userSlug: a }, tokenId: b ?? null };
    if (kind === 'projects' && a && b === 'repos' && c && tail.length <= 5) {
      return { kind: 'tokens', owner: { kind: 'repository', projectKey: a, repoSlug: c }, tokenId: d ?? null };
    }
    if (kind === 'projects' && a && tail.length <= 3) return { kind: 'tokens', owner: { kind: 'project', projectKey: a }, tokenId: b ?? null };
    throw notFound(pathname);
  }

  /** The signed-in user, null with no credentials, 'refused' with wrong ones. */
  private authenticateRequest(header: string | undefined): Authenticated | null | 'refused' {
    if (!header) return null;
    const [scheme, value = ''] = header.split(' ', 2);
    if (scheme?.toLowerCase() === 'bearer') return this.authenticate(value.trim()) ?? 'refused';
    if (scheme?.toLowerCase() !== 'basic') return 'refused';
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return 'refused';
    return this.authenticate(decoded.slice(colon + 1), decoded.slice(0, colon)) ?? 'refused';
  }

  private checkOwner(owner: SimOwner, user: SimUser): SimOwner {
    if (owner.kind === 'user') {
      const target = this.users.get(owner.userSlug);
      if (!target) throw new HttpFailure(404, `User ${owner.userSlug} does not exist.`, EXCEPTION.noUser);
      if (target.slug !== user.slug) {
        throw new HttpFailure(401, 'You are not permitted to manage access tokens of another user.', EXCEPTION.notPermitted);
      }
      return owner;
    }
    const repos = this.projects.get(owner.projectKey);
    if (!repos) throw new HttpFailure(404, `Project ${owner.projectKey} does not exist.`, EXCEPTION.noProject);
    if (owner.kind === 'repository' && !repos.has(owner.repoSlug)) {
      throw new HttpFailure(404, `Repository ${owner.projectKey}/${owner.repoSlug} does not exist.`, EXCEPTION.noRepo);
    }
    return owner;
  }

  private async tokenEndpoint(
    method: string,
    url: URL,
    owner: SimOwner,
    tokenId: string | null,
    body: string,
    user: SimUser,
  ): Promise<{ status: number; payload: unknown }> {
    const key = ownerKey(owner);
    const mine = this.tokenList.filter((token) => ownerKey(token.owner) === key);
    if (tokenId === null) {
      if (method === 'GET') return { status: 200, payload: this.page(mine.slice().reverse().map((token) => this.wire(token)), url) };
      if (method !== 'PUT') throw new HttpFailure(405, `Method ${method} is not allowed here.`, EXCEPTION.validation);
      const checked = checkTokenBody(parseJson(body), owner, false);
      if ('error' in checked) throw new HttpFailure(400, checked.error, EXCEPTION.validation);
      if (mine.length >= this.maxTokens) {
        throw new HttpFailure(400, `You have reached the maximum number of tokens (${this.maxTokens}). Delete a token before creating another.`, EXCEPTION.limit);
      }
      const { token, secret } = this.makeToken(owner, checked.fields.name!, checked.fields.permissions!, checked.fields.expiryDays ?? null, this.now());
      const payload = { ...this.wire(token, user), token: secret };
      if (this.createDelayMs > 0) {
        const delay = this.createDelayMs;
        this.createDelayMs = 0;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            resolve();
          }, delay);
          this.timers.add(timer);
        });
      }
      return { status: 200, payload };
    }
    const token = mine.find((candidate) => candidate.id === tokenId);
    if (!token) throw new HttpFailure(404, `No access token with ID ${tokenId} exists.`, EXCEPTION.noToken);
    if (method === 'GET') return { status: 200, payload: this.wire(token) };
    if (method === 'DELETE') {
      this.tokenList.splice(this.tokenList.indexOf(token), 1);
      for (const [secret, id] of this.secrets) if (id === token.id) this.secrets.delete(secret);
      return { status: 204, payload: undefined };
    }
    if (method === 'POST') {
      const checked = checkTokenBody(parseJson(body), owner, true);
      if ('error' in checked) throw new HttpFailure(400, checked.error, EXCEPTION.validation);
      if (checked.fields.name !== undefined) token.name = checked.fields.name;
      if (checked.fields.permissions !== undefined) token.permissions = checked.fields.permissions;
      return { status: 200, payload: this.wire(token) };
    }
    throw new HttpFailure(405, `Method ${method} is not allowed here.`, EXCEPTION.validation);
  }

  // ---- data ----

  private userPage(url: URL): unknown {
    const filter = (url.searchParams.get('filter') ?? '').toLowerCase();
    const users = [...this.users.values()]
      .filter((user) => [user.username, user.displayName, user.emailAddress].some((field) => field.toLowerCase().includes(filter)))
      .sort((a, b) => a.username.localeCompare(b.username))
      .map((user) => this.wireUser(user));
    return this.page(users, url);
  }

  /** Real servers' paging: `limit` defaults to 25 and is capped; `nextPageStart` only when more follow. */
  private page<T>(all: T[], url: URL): Record<string, unknown> {
    const start = Math.max(0, Number.parseInt(url.searchParams.get('start') ?? '0', 10) || 0);
    const asked = Number.parseInt(url.searchParams.get('limit') ?? '25', 10);
    const limit = Math.min(this.maxPageSize, asked > 0 ? asked : 25);
    const values = all.slice(start, start + limit);
    const isLastPage = start + values.length >= all.length;
    return { size: values.length, limit, isLastPage, start, values, ...(isLastPage ? {} : { nextPageStart: start + values.length }) };
  }

  private wire(token: SimToken, creator?: SimUser): Record<string, unknown> {
    const user = creator ?? (token.owner.kind === 'user' ? this.users.get(token.owner.userSlug) : undefined);
    return {
      id: token.id,
      createdDate: token.createdDate,
      ...(token.lastAuthenticated !== null ? { lastAuthenticated: token.lastAuthenticated } : {}),
      name: token.name,
      permissions: [...token.permissions],
      ...(token.expiryDays !== null ? { expiryDays: token.expiryDays } : {}),
      ...(user ? { user: this.wireUser(user) } : {}),
    };
  }

  private wireUser(user: SimUser): Record<string, unknown> {
    return {
      name: user.username,
      emailAddress: user.emailAddress,
      active: true,
      displayName: user.displayName,
      id: user.id,
      slug: user.slug,
      type: 'NORMAL',
    };
  }

  private makeToken(owner: SimOwner, name: string, permissions: string[], expiryDays: number | null, createdDate: number): { token: SimToken; secret: string } {
    const id = this.nextId();
    const token: SimToken = { id, name, permissions: [...permissions], expiryDays, createdDate, lastAuthenticated: null, owner: { ...owner } };
    // Real secrets are BBDC- + base64("<id>:<random bytes>"), so the id can be read out of a leaked one.
    const secret = `BBDC-${Buffer.concat([Buffer.from(`${id}:`), randomBytes(24)]).toString('base64')}`;
    this.tokenList.push(token);
    this.secrets.set(secret, id);
    return { token, secret };
  }

  /** 12 digits; the first and every third begin with 0, because real ones do and clients drop it when they parse numbers. */
  private nextId(): string {
    for (;;) {
      const n = this.idCounter;
      this.idCounter += 1;
      const digits = Array.from(randomBytes(12), (byte) => String(byte % 10)).join('');
      const id = n % 3 === 0 ? `0${digits.slice(1)}` : `${1 + (Number(digits[0]) % 9)}${digits.slice(1)}`;
      if (!this.tokenList.some((token) => token.id === id)) return id;
    }
  }

  private findUser(username: string): SimUser | undefined {
    const wanted = username.toLowerCase();
    return [...this.users.values()].find((user) => user.username.toLowerCase() === wanted || user.slug === wanted);
  }

  private tokenUser(token: SimToken): SimUser {
    if (token.owner.kind === 'user') return { ...this.users.get(token.owner.userSlug)! };
    // Project and repository tokens act as a service user of their own.
    const name = token.owner.kind === 'project' ? `project-${token.owner.projectKey}` : `repo-${token.owner.projectKey}-${token.owner.repoSlug}`;
    return { id: 0, username: name.toLowerCase(), password: '', slug: name.toLowerCase(), displayName: name, emailAddress: '' };
  }

  private isExpired(token: SimToken): boolean {
    return token.expiryDays !== null && token.createdDate + token.expiryDays * 86_400_000 <= this.now();
  }
}

function notFound(pathname: string): HttpFailure {
  return new HttpFailure(404, `Nothing is served at ${pathname}.`, 'com.atlassian.bitbucket.rest.NotFoundException');
}

function injectedMessage(status: number): string {
  if (status === 429) return 'Rate limit exceeded. Try again later.';
  if (status >= 500) return 'The service is temporarily unavailable.';
  return `Injected failure (${status}).`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
