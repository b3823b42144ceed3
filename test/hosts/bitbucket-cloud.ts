// A Bitbucket Cloud stand-in for tests: GET /2.0/user over a real socket on 127.0.0.1, answering as
// api.bitbucket.org does for Atlassian API tokens with scopes (hosts.md): Basic with the Atlassian
// account email and the token (the Bitbucket username is refused there), 401 with Bitbucket's realm
// and error envelope for a wrong, expired or revoked token, 403 when the token lacks
// read:user:bitbucket. Tokens are issued here as they would be at id.atlassian.com, since Cloud has
// no API for that; `gitUser` answers the question git's Basic check on bitbucket.org would.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeNow, listenOnLoopback } from './loopback';

/** The fixed username Bitbucket Cloud's git accepts with any API token. */
export const CLOUD_GIT_USERNAME = 'x-bitbucket-api-token-auth';
export const READ_USER_SCOPE = 'read:user:bitbucket';
export const DEFAULT_SCOPES = [READ_USER_SCOPE, 'read:repository:bitbucket', 'write:repository:bitbucket'];

export interface CloudSimUser {
  email: string;
  username: string;
  displayName: string;
  uuid: string;
  accountId: string;
  createdOn: string;
}

/** One request as the server saw it: never a header value, so never a secret. */
export interface CloudSimRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** 0 while the answer is still being written. */
  status: number;
}

export interface CloudSimulatorOptions {
  now?: () => number;
}

interface SimApiToken {
  email: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
}

class CloudFailure {
  constructor(
    readonly status: number,
    readonly error: { message: string; detail?: unknown },
    readonly headers: Record<string, string> = {},
  ) {}
}

const REALM = { 'www-authenticate': 'Basic realm="Bitbucket.org HTTP"' };

export class BitbucketCloudSimulator {
  /** Every request in arrival order; tests may clear it with `requests.length = 0`. */
  readonly requests: CloudSimRequest[] = [];

  private server: Server | null = null;
  private baseUrl = '';
  private readonly users = new Map<string, CloudSimUser>(); // lower-cased email -> user
  private readonly secrets = new Map<string, SimApiToken>();
  private readonly failures: Array<{ status: number; headers: Record<string, string> }> = [];
  private readonly now: () => number;

  constructor(options: CloudSimulatorOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async start(): Promise<{ baseUrl: string }> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    const port = await listenOnLoopback(server);
    this.baseUrl = `http://127.0.0.1:${port}`;
    return { baseUrl: this.baseUrl };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await closeNow(server);
  }

  addUser(user: { email: string; username: string; displayName?: string }): CloudSimUser {
    const uuid = randomUUID();
    const record: CloudSimUser = {
      email: user.email,
      username: user.username,
      displayName: user.displayName ?? user.username,
      uuid: `{${uuid}}`,
      // Atlassian account ids look like "557058:<uuid>" for most accounts.
      accountId: `557058:${randomUUID()}`,
      createdOn: new Date(this.now() - 400 * 86_400_000).toISOString(),
    };
    this.users.set(user.email.toLowerCase(), record);
    return { ...record };
  }

  /** The person changes their Bitbucket username in its settings; tokens stay theirs. */
  renameUser(email: string, username: string): void {
    const user = this.users.get(email.toLowerCase());
    if (!user) throw new Error(`no simulator user ${email}`);
    user.username = username;
  }

  /**
   * A token as id.atlassian.com's "Create API token with scopes" makes it: shown once, here returned.
   * `expiresInDays` may be 0 or negative to get one that has already expired.
   */
  issueToken(email: string, options: { scopes?: string[]; expiresInDays?: number } = {}): string {
    const user = this.users.get(email.toLowerCase());
    if (!user) throw new Error(`no simulator user ${email}`);
    const days = options.expiresInDays ?? 365;
    // Real ones: ATATT3xFfGF0 + about 180 url-safe characters + "=" + an 8-hex-digit checksum.
    const secret = `ATATT3xFfGF0${randomBytes(135).toString('base64url')}=${randomBytes(4).toString('hex').toUpperCase()}`;
    this.secrets.set(secret, {
      email: user.email,
      scopes: [...(options.scopes ?? DEFAULT_SCOPES)],
      expiresAt: this.now() + days * 86_400_000,
      revoked: false,
    });
    return secret;
  }

  /** Revoked in the browser: refused everywhere from now on. */
  revokeToken(secret: string): void {
    const token = this.secrets.get(secret);
    if (!token) throw new Error('no such simulator token');
    token.revoked = true;
  }

  /**
   * Git's Basic check on bitbucket.org: the username is x-bitbucket-api-token-auth or the token
   * owner's Bitbucket username, the token live. Null when git would be refused.
   */
  gitUser(username: string, secret: string): { username: string; scopes: string[] } | null {
    const token = this.live(secret);
    if (!token) return null;
    const user = this.users.get(token.email.toLowerCase())!;
    if (username !== CLOUD_GIT_USERNAME && username !== user.username) return null;
    return { username: user.username, scopes: [...token.scopes] };
  }

  /** The next `count` requests answer `status` (with the error envelope and these headers) and do nothing else. */
  failNext(status: number, count = 1, headers: Record<string, string> = {}): void {
    for (let i = 0; i < count; i += 1) this.failures.push({ status, headers });
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const entry: CloudSimRequest = { method, url, status: 0 };
    this.requests.push(entry);
    try {
      await drain(req);
      const injected = this.failures.shift();
      if (injected) throw new CloudFailure(injected.status, { message: injectedMessage(injected.status) }, injected.headers);
      const pathname = new URL(url, 'http://simulator').pathname;
      if (pathname !== '/2.0/user') throw new CloudFailure(404, { message: `Resource not found`, detail: `There is no API hosted at this URL.` });
      if (method !== 'GET') throw new CloudFailure(405, { message: `Method ${method} is not allowed here.` });
      const token = this.authenticate(req.headers.authorization);
      if (!token.scopes.includes(READ_USER_SCOPE)) {
        throw new CloudFailure(403, {
          message: 'Your credentials lack one or more required privilege scopes.',
          detail: { granted: [...token.scopes], required: [READ_USER_SCOPE] },
        });
      }
      return this.send(res, entry, 200, this.wireUser(this.users.get(token.email.toLowerCase())!));
    } catch (error) {
      const failure = error instanceof CloudFailure ? error : new CloudFailure(500, { message: 'Something went wrong.' });
      for (const [name, value] of Object.entries(failure.headers)) res.setHeader(name, value);
      return this.send(res, entry, failure.status, { type: 'error', error: failure.error });
    }
  }

  /** REST takes only the Atlassian account email with the token; anything else is a plain 401. */
  private authenticate(header: string | undefined): SimApiToken {
    const refused = new CloudFailure(401, { message: 'Unauthorized' }, REALM);
    const [scheme, value = ''] = (header ?? '').split(' ', 2);
    if (scheme?.toLowerCase() !== 'basic') throw refused;
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw refused;
    const email = decoded.slice(0, colon);
    const token = this.live(decoded.slice(colon + 1));
    if (!token || token.email.toLowerCase() !== email.toLowerCase()) throw refused;
    return token;
  }

  private live(secret: string): SimApiToken | null {
    const token = this.secrets.get(secret);
    return token && !token.revoked && token.expiresAt > this.now() ? token : null;
  }

  private wireUser(user: CloudSimUser): Record<string, unknown> {
    const api = `${this.baseUrl}/2.0/users/${encodeURIComponent(user.uuid)}`;
    return {
      display_name: user.displayName,
      links: {
        self: { href: api },
        avatar: { href: `https://secure.gravatar.com/avatar/${user.uuid.slice(1, 9)}?d=identicon` },
        repositories: { href: `${this.baseUrl}/2.0/repositories/${encodeURIComponent(user.uuid)}` },
        html: { href: `${this.baseUrl}/${encodeURIComponent(user.uuid)}/` },
      },
      created_on: user.createdOn,
      type: 'user',
      uuid: user.uuid,
      username: user.username,
      is_staff: false,
      account_id: user.accountId,
      nickname: user.username,
      account_status: 'active',
    };
  }

  private send(res: ServerResponse, entry: CloudSimRequest, status: number, payload: unknown): void {
    entry.status = status;
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(payload));
  }
}

function injectedMessage(status: number): string {
  if (status === 429) return 'Rate limit for this resource has been exceeded';
  if (status >= 500) return 'Something went wrong';
  return `Injected failure (${status}).`;
}

function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    req.on('data', () => undefined);
    req.on('end', () => resolve());
    req.on('error', reject);
  });
}
