// A Gitea or Forgejo stand-in for tests: the API calls Latch makes (version, API settings, current
// user, the token list/create/delete routes and Gitea 1.27's /token self routes) over a real socket on
// 127.0.0.1, answering as the real servers do rather than as their swagger files say (see
// gitea-known-deviations.ts):
//   - token management only with Basic and the account password (Gitea: 401 "auth required" for a
//     token, Forgejo: 401 "auth method not allowed" for create and delete; Forgejo lists for a token
//     with read:user), plus the TOTP code in each flavour's header, never the same code twice;
//   - 1-based pages with X-Total-Count and no Link, `limit` capped at max_response_items;
//   - create answers 201 with the secret in `sha1`, once; names unique per user; scopes required and
//     normalised; delete reads its path segment as a Go integer in any base before trying it as a name;
//   - errors as {message, url}, 404s as {errors, message, url}, validation failures as 422.
// Choices where the sources leave a gap (hosts-next.md §6): a token sent as the Basic password
// cannot manage tokens on Gitea either (UNCONFIRMED there; the docs say password); Gitea 1.27 refuses a
// reused TOTP code as Forgejo does (its models/auth ValidateAndConsumeTOTP); an unknown token in the
// header is anonymous on Forgejo and a 401 on Gitea.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AuthRefused, AUTH_MESSAGES, authenticateApi, authenticateGit, type AuthContext, type Caller } from './gitea-auth';
import { bindCreateForm, grants, normalizeScopes, parseIntBase0, requiredScope, versionAtLeast, type CreateForm, type Flavor, type ScopeCategory } from './gitea-rules';
import { GiteaStore, type GiteaRepo, type GiteaUser } from './gitea-store';
import { totpCode } from './gitea-totp';
import { apiSettings, createdToken, currentToken, listedToken, wireUser, type WireOptions } from './gitea-wire';
import { closeNow, listenOnLoopback, readBody } from './loopback';

export type { Flavor } from './gitea-rules';

export interface GiteaSimulatorOptions {
  flavor: Flavor;
  /** Gitea "1.27.1" or Forgejo "16.0.1" unless given. Gates /token (Gitea ≥ 1.27) and repository tokens (Forgejo ≥ 15). */
  version?: string;
  /** [api] MAX_RESPONSE_ITEMS: the largest page whatever `limit` asks (50). */
  maxResponseItems?: number;
  /** [api] DEFAULT_PAGING_NUM: the page size without `limit` (30). */
  defaultPagingNum?: number;
  /** Answer tokens as servers before Gitea 1.27 / Forgejo 16 did, without created_at and last_used_at. */
  legacyTokenFields?: boolean;
  /** Answer as Gitea before 1.22.3: create takes no scopes and answers `scopes: null`. */
  legacyCreate?: boolean;
  /** Take the same TOTP code again within its window, as servers before the replay check did (default: Gitea before 1.27). */
  acceptsOtpReuse?: boolean;
  now?: () => number;
}

/** One request as the server saw it: never a header value, a body or a secret. */
export interface GiteaSimRequest {
  method: string;
  /** Path and query as sent, with any token= or access_token= value blanked. */
  url: string;
  /** 0 while the answer is still being written. */
  status: number;
  auth: 'none' | 'password' | 'token' | 'refused';
  /** Whether a one-time code header came with it (never the code). */
  otp: boolean;
}

/** A token as the simulator keeps it, without its secret. */
export interface GiteaSimToken {
  id: number;
  username: string;
  name: string;
  scopes: string[];
  createdAt: number;
  lastUsedAt: number | null;
  repositories: Array<{ owner: string; name: string }> | null;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

class ApiFailure {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

const NOT_FOUND = "The target couldn't be found.";

export class GiteaSimulator {
  /** Every request in arrival order; tests may clear it with `requests.length = 0`. */
  readonly requests: GiteaSimRequest[] = [];
  readonly flavor: Flavor;
  /** The version as GET /version reports it: Forgejo adds "+gitea-1.22.0". */
  readonly version: string;
  baseUrl = '';
  apiBase = '';

  private server: Server | null = null;
  private readonly store: GiteaStore;
  private readonly auth: AuthContext;
  private readonly now: () => number;
  private readonly maxResponseItems: number;
  private readonly defaultPagingNum: number;
  private readonly selfTokenRoutes: boolean;
  private readonly wireOptions: WireOptions;

  constructor(options: GiteaSimulatorOptions) {
    this.flavor = options.flavor;
    const version = options.version ?? (this.flavor === 'gitea' ? '1.27.1' : '16.0.1');
    this.version = this.flavor === 'forgejo' ? `${version}+gitea-1.22.0` : version;
    this.now = options.now ?? Date.now;
    this.store = new GiteaStore(() => this.now());
    this.maxResponseItems = options.maxResponseItems ?? 50;
    this.defaultPagingNum = options.defaultPagingNum ?? 30;
    this.selfTokenRoutes = this.flavor === 'gitea' && versionAtLeast(version, '1.27.0');
    this.auth = {
      flavor: this.flavor,
      store: this.store,
      now: () => this.now(),
      acceptsOtpReuse: options.acceptsOtpReuse ?? (this.flavor === 'gitea' && !versionAtLeast(version, '1.27.0')),
    };
    this.wireOptions = {
      flavor: this.flavor,
      baseUrl: '',
      legacyTokenFields: options.legacyTokenFields ?? false,
      repositoryTokens: this.flavor === 'forgejo' && versionAtLeast(version, '15.0.0'),
      legacyCreate: options.legacyCreate ?? false,
    };
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    const port = await listenOnLoopback(server);
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.apiBase = `${this.baseUrl}/api/v1`;
    this.wireOptions.baseUrl = this.baseUrl;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await closeNow(server);
  }

  addUser(user: { username: string; password: string; totp?: boolean; webauthn?: boolean; email?: string; fullName?: string }): { id: number; username: string } {
    const made = this.store.addUser(user);
    return { id: made.id, username: made.username };
  }

  /** A repository a Forgejo repository-specific token may name. */
  addRepo(owner: string, name: string): { id: number } {
    return { id: this.store.addRepo(owner, name).id };
  }

  /** The code the user's authenticator app shows now. */
  currentOtp(username: string): string {
    const user = this.userOrThrow(username);
    if (!user.totpSecret) throw new Error(`simulator user ${username} has no two-factor authentication`);
    return totpCode(user.totpSecret, this.now());
  }

  /**
   * A token made as the settings page makes it. Unlike the API it does not check the name, so a test
   * can also set up what older servers left behind: two tokens of one name.
   */
  issueToken(username: string, name: string, scopes: string[], options: { repositories?: Array<{ owner: string; name: string }> } = {}): { id: number; secret: string } {
    const user = this.userOrThrow(username);
    const normalized = normalizeScopes(scopes, this.flavor);
    if ('error' in normalized) throw new Error(normalized.error);
    const repositories = options.repositories?.map((ref) => this.store.findRepo(ref.owner, ref.name) ?? this.store.addRepo(ref.owner, ref.name)) ?? null;
    const { token, secret } = this.store.issue(user, name, normalized.scopes, repositories);
    return { id: token.id, secret };
  }

  /** The user deletes a token on the settings page. */
  deleteInPage(id: number): void {
    if (!this.store.remove(id)) throw new Error(`no simulator token ${id}`);
  }

  /** Copies of a user's tokens, oldest first. */
  tokens(username: string): GiteaSimToken[] {
    const user = this.userOrThrow(username);
    return this.store
      .tokensOf(user.id)
      .reverse()
      .map((token) => ({
        id: token.id,
        username: user.username,
        name: token.name,
        scopes: [...token.scopes],
        createdAt: token.createdAt,
        lastUsedAt: token.lastUsedAt,
        repositories: token.repositories?.map((repo) => ({ owner: repo.owner, name: repo.name })) ?? null,
      }));
  }

  /**
   * Who git's Basic credentials are: the user, and the token's scopes (null for the account password,
   * which carries every right). Null when the server would refuse them. Marks a token used.
   */
  gitUser(username: string, password: string): { username: string; scopes: string[] | null; repositories: string[] | null } | null {
    const caller = authenticateGit(this.auth, username, password);
    if (!caller || caller.kind === 'anonymous') return null;
    if (caller.kind === 'password') return { username: caller.user.username, scopes: null, repositories: null };
    return {
      username: caller.user.username,
      scopes: [...caller.token.scopes],
      repositories: caller.token.repositories?.map((repo) => `${repo.owner}/${repo.name}`.toLowerCase()) ?? null,
    };
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const entry: GiteaSimRequest = { method, url: blankSecrets(req.url ?? '/'), status: 0, auth: 'none', otp: hasOtp(req.headers) };
    this.requests.push(entry);
    try {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://simulator');
      if (!url.pathname.startsWith('/api/v1/')) return this.send(res, entry, { status: 404, body: '404 page not found\n' });
      let caller: Caller;
      try {
        caller = authenticateApi(this.auth, req.headers);
      } catch (error) {
        if (!(error instanceof AuthRefused)) throw error;
        entry.auth = 'refused';
        throw this.apiError(401, error.message);
      }
      entry.auth = caller.kind === 'anonymous' ? 'none' : caller.kind;
      return this.send(res, entry, this.route(method, url, caller, req.headers, body));
    } catch (error) {
      if (error instanceof ApiFailure) return this.send(res, entry, { status: error.status, body: error.body });
      return this.send(res, entry, { status: 500, body: { message: 'internal error', url: this.swaggerUrl() } });
    }
  }

  private send(res: ServerResponse, entry: GiteaSimRequest, answer: Answer): void {
    entry.status = answer.status;
    if (res.destroyed) return;
    if (answer.body === undefined) {
      res.writeHead(answer.status, answer.headers ?? {}).end();
      return;
    }
    const text = typeof answer.body === 'string';
    res
      .writeHead(answer.status, { 'content-type': text ? 'text/plain; charset=utf-8' : 'application/json;charset=utf-8', ...answer.headers })
      .end(text ? (answer.body as string) : JSON.stringify(answer.body));
  }

  private route(method: string, url: URL, caller: Caller, headers: IncomingHttpHeaders, body: string): Answer {
    let parts: string[];
    try {
      parts = url.pathname.slice('/api/v1/'.length).split('/').map((part) => decodeURIComponent(part));
    } catch {
      throw this.notFound();
    }
    const path = parts.join('/');
    if (path === 'version') return this.only(method, ['GET'], () => ({ status: 200, body: { version: this.version } }));
    if (path === 'settings/api') {
      return this.only(method, ['GET'], () => ({ status: 200, body: apiSettings(this.flavor, this.maxResponseItems, this.defaultPagingNum) }));
    }
    if (path === 'user') {
      return this.only(method, ['GET'], () => {
        this.requireScope(caller, method, 'user');
        if (caller.kind === 'anonymous') throw this.apiError(401, 'token is required');
        return { status: 200, body: wireUser(caller.user, this.wireOptions) };
      });
    }
    if (path === 'token' && this.selfTokenRoutes) return this.only(method, ['GET', 'DELETE'], () => this.selfToken(method, caller, headers));
    if (parts[0] === 'users' && parts[2] === 'tokens' && parts[1] && (parts.length === 3 || (parts.length === 4 && parts[3] !== ''))) {
      return this.tokenRoutes(method, parts[1], parts[3] ?? null, caller, url, body);
    }
    throw this.notFound();
  }

  /** /users/{username}/tokens[/{token}], with the checks in the order the routers run them. */
  private tokenRoutes(method: string, username: string, segment: string | null, caller: Caller, url: URL, body: string): Answer {
    return this.only(method, segment === null ? ['GET', 'POST'] : ['DELETE'], () => {
      this.requireScope(caller, method, 'user');
      const owner = this.store.findUser(username);
      if (!owner) throw this.notFound('GetUserByName', [`user redirect does not exist [name: ${username}]`]);
      if (caller.kind === 'anonymous' || caller.user.id !== owner.id) {
        throw this.apiError(403, 'doer should be the site admin or be same as the contextUser');
      }
      if (method === 'GET') {
        // Gitea guards the whole group; Forgejo lets a read:user token list.
        if (this.flavor === 'gitea') this.requirePassword(caller);
        return this.list(owner, url);
      }
      if (method === 'POST') {
        // Gitea's group guard runs before the body is bound; Forgejo binds first.
        if (this.flavor === 'gitea') this.requirePassword(caller);
        const form = this.bind(body);
        this.requirePassword(caller);
        return this.create(owner, form);
      }
      this.requirePassword(caller);
      return this.remove(owner, segment!);
    });
  }

  private list(owner: GiteaUser, url: URL): Answer {
    const all = this.store.tokensOf(owner.id);
    const page = Math.max(1, goAtoi(url.searchParams.get('page')));
    const asked = goAtoi(url.searchParams.get('limit'));
    const limit = asked <= 0 ? this.defaultPagingNum : Math.min(asked, this.maxResponseItems);
    const items = all.slice((page - 1) * limit, page * limit).map((token) => listedToken(token, this.wireOptions));
    return { status: 200, body: items, headers: { 'x-total-count': String(all.length), 'access-control-expose-headers': 'X-Total-Count' } };
  }

  private create(owner: GiteaUser, form: CreateForm): Answer {
    if (this.store.tokensOf(owner.id).some((token) => token.name === form.name)) throw this.apiError(400, 'access token name has been used already');
    const normalized = normalizeScopes(form.scopes, this.flavor);
    if ('error' in normalized) throw this.apiError(400, normalized.error);
    if (normalized.scopes.length === 0 && !this.wireOptions.legacyCreate) throw this.apiError(400, 'access token must have a scope');
    const repositories = this.repositoriesOf(form, normalized.scopes);
    const { token, secret } = this.store.issue(owner, form.name, normalized.scopes, repositories);
    return { status: 201, body: createdToken(token, secret, this.wireOptions) };
  }

  /**
   * Forgejo ≥ 15's repository-specific tokens: only repository and issue scopes, only existing
   * repositories (the 400 wording of both refusals is UNCONFIRMED). Gitea ignores the field, as Go's
   * JSON decoding ignores any unknown field: the token is made for every repository.
   */
  private repositoriesOf(form: CreateForm, scopes: string[]): GiteaRepo[] | null {
    if (!this.wireOptions.repositoryTokens || !form.repositories || form.repositories.length === 0) return null;
    if (scopes.some((scope) => !/^(read|write):(repository|issue)$/.test(scope))) {
      throw this.apiError(400, 'invalid access token scope provided: a repository-specific access token may only have repository and issue scopes');
    }
    return form.repositories.map((ref) => {
      const repo = this.store.findRepo(ref.owner, ref.name);
      if (!repo) throw this.apiError(400, `repository does not exist [id: 0, uid: 0, owner_name: ${ref.owner}, name: ${ref.name}]`);
      return repo;
    });
  }

  /** The segment is an id in any base Go reads (0x1f, 017, 1_0), else a name; never both. */
  private remove(owner: GiteaUser, segment: string): Answer {
    const id = parseIntBase0(segment);
    let targetId: number | null = null;
    if (id === 0n) {
      const named = this.store.tokensOf(owner.id).filter((token) => token.name === segment);
      if (named.length > 1) throw this.apiError(422, `multiple matches for token name '${segment}'`);
      targetId = named[0]?.id ?? null;
    } else {
      const token = id <= BigInt(Number.MAX_SAFE_INTEGER) && id > 0n ? this.store.tokenById(Number(id)) : undefined;
      targetId = token && token.userId === owner.id ? token.id : null;
    }
    if (targetId === null) throw this.notFound();
    this.store.remove(targetId);
    return { status: 204 };
  }

  /** Gitea ≥ 1.27: the token in the Authorization header describes or deletes itself, whatever its scopes. */
  private selfToken(method: string, caller: Caller, headers: IncomingHttpHeaders): Answer {
    if (caller.kind === 'anonymous') throw this.apiError(401, 'token is required');
    const scheme = (headers.authorization ?? '').split(' ', 1)[0]!.toLowerCase();
    if (caller.kind !== 'token' || (scheme !== 'token' && scheme !== 'bearer')) throw this.apiError(404, 'invalid personal token');
    if (method === 'GET') return { status: 200, body: currentToken(caller.token, caller.user) };
    this.store.remove(caller.token.id);
    return { status: 204 };
  }

  // ---- the routers' guards ----

  /** tokenRequiresScopes: a token needs read:x for GET and write:x otherwise; passwords are not checked. */
  private requireScope(caller: Caller, method: string, category: ScopeCategory): void {
    if (caller.kind !== 'token') return;
    const required = requiredScope(method, category);
    if (grants(caller.token.scopes, required)) return;
    throw this.apiError(
      403,
      this.flavor === 'gitea'
        ? `token does not have at least one of required scope(s), required=[${required}], token scope=${caller.token.scopes.join(',')}`
        : `token does not have at least one of required scope(s): [${required}]`,
    );
  }

  /** reqBasicOrRevProxyAuth: Basic with the account password, nothing else. */
  private requirePassword(caller: Caller): void {
    if (caller.kind !== 'password') throw this.apiError(401, AUTH_MESSAGES[this.flavor].basicRequired);
  }

  /** The router's bind(CreateAccessTokenOption): 422 with the binding's message when Go could not decode it. */
  private bind(body: string): CreateForm {
    const form = bindCreateForm(body, this.wireOptions.repositoryTokens);
    if ('error' in form) throw this.apiError(422, form.error);
    return form;
  }

  private only(method: string, allowed: string[], handler: () => Answer): Answer {
    if (!allowed.includes(method)) throw new ApiFailure(405, undefined);
    return handler();
  }

  private apiError(status: number, message: string): ApiFailure {
    return new ApiFailure(status, { message, url: this.swaggerUrl() });
  }

  /** The 404 body: Go marshals its map with sorted keys, and a nil errors slice as null. */
  private notFound(message = NOT_FOUND, errors: string[] | null = null): ApiFailure {
    return new ApiFailure(404, { errors, message, url: this.swaggerUrl() });
  }

  private swaggerUrl(): string {
    return `${this.baseUrl}/api/swagger`;
  }

  private userOrThrow(username: string): GiteaUser {
    const user = this.store.findUser(username);
    if (!user) throw new Error(`no simulator user ${username}`);
    return user;
  }
}

export async function startGiteaSimulator(options: GiteaSimulatorOptions): Promise<GiteaSimulator> {
  return new GiteaSimulator(options).start();
}

/** Go's strconv.Atoi as ctx.FormInt uses it: anything but a plain integer is 0. */
function goAtoi(text: string | null): number {
  return text !== null && /^[+-]?\d+$/.test(text) ? Number.parseInt(text, 10) : 0;
}

function hasOtp(headers: IncomingHttpHeaders): boolean {
  return headers['x-gitea-otp'] !== undefined || headers['x-forgejo-otp'] !== undefined;
}

/** The log never holds a secret, even one a client wrongly put in the query. */
function blankSecrets(url: string): string {
  return url.replace(/([?&](?:token|access_token)=)[^&#]*/gi, '$1');
}
