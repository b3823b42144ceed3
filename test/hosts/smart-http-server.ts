// Stand-ins for real git servers: one origin on 127.0.0.1 that serves repositories through
// `git http-backend` (CGI) and forwards everything else (the REST API) to a host simulator, the way
// the real servers serve git and REST side by side. Git requests must authenticate the way that host
// wants; anything else gets a 401 with WWW-Authenticate, as the real servers answer.
//   - Bitbucket Data Center: repositories under /scm/PROJECT/REPO.git; Basic with the token owner's
//     user slug, or Bearer, with a token the Data Center simulator issued.
//   - Bitbucket Cloud: repositories at /WORKSPACE/REPO.git; Basic with x-bitbucket-api-token-auth or the
//     Bitbucket username and an API token the Cloud simulator issued; fetching needs the token's
//     read:repository:bitbucket scope and pushing write:repository:bitbucket (403 otherwise).
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createGunzip } from 'node:zlib';
import type { BitbucketCloudSimulator } from './bitbucket-cloud';
import type { BitbucketDataCenterSimulator } from './bitbucket-datacenter';
import { closeNow, listenOnLoopback } from './loopback';

/** One git request as the server judged it; never a secret. */
export interface GitRequestRecord {
  method: string;
  path: string;
  /** Who the request authenticated as (Data Center: user slug; Cloud: Bitbucket username), or null when refused / anonymous. */
  user: string | null;
  /** Data Center: the token id the request authenticated with. */
  tokenId: string | null;
  /** The username git sent with Basic (never the password), or null. */
  sentUsername: string | null;
  /** Whether a secret came with it (a non-empty Basic password, or Bearer); never the secret itself. */
  sentSecret: boolean;
  status: number;
}

export interface SmartHttpServer {
  baseUrl: string;
  host: string;
  requests: GitRequestRecord[];
  stop(): Promise<void>;
}

/** What one git request wants: to read (upload-pack) or to write (receive-pack). */
export type GitService = 'read' | 'write';

export type Verdict =
  | { ok: true; user: string; tokenId: string | null; sentUsername: string | null }
  | { ok: false; status: 401 | 403 | 404; sentUsername: string | null };

/** Whether the request carried a secret at all: a Bearer value or a non-empty Basic password. */
function carriesSecret(header: string | undefined): boolean {
  const [scheme, value = ''] = (header ?? '').split(' ', 2);
  if (scheme?.toLowerCase() === 'bearer') return value.trim() !== '';
  const basic = basicCredentials(header);
  return basic !== null && basic.password !== '';
}

export interface OriginOptions {
  projectRoot: string;
  upstream: string;
  realm: string;
  /** The PATH_INFO for http-backend when this request is for a repository, else null (forwarded). */
  gitPath(pathname: string): string | null;
  /** `pathname` names the repository, for hosts whose tokens reach only some of them. */
  authenticate(header: string | undefined, service: GitService, pathname: string): Verdict;
}

/** The Basic username and password of an Authorization header, or null. */
export function basicCredentials(header: string | undefined): { username: string; password: string } | null {
  const [scheme, value = ''] = (header ?? '').split(' ', 2);
  if (scheme?.toLowerCase() !== 'basic') return null;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function serviceOf(url: URL): GitService {
  return url.pathname.endsWith('/git-receive-pack') || url.searchParams.get('service') === 'git-receive-pack' ? 'write' : 'read';
}

export async function startGitOrigin(options: OriginOptions): Promise<SmartHttpServer> {
  const requests: GitRequestRecord[] = [];
  const upstreamUrl = new URL(options.upstream);

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://git-server');
    const pathInfo = options.gitPath(url.pathname);
    if (pathInfo !== null) serveGit(req, res, url, pathInfo);
    else forward(req, res);
  });

  function serveGit(req: IncomingMessage, res: ServerResponse, url: URL, pathInfo: string): void {
    const verdict = options.authenticate(req.headers.authorization, serviceOf(url), url.pathname);
    if (!verdict.ok) {
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        user: null,
        tokenId: null,
        sentUsername: verdict.sentUsername,
        sentSecret: carriesSecret(req.headers.authorization),
        status: verdict.status,
      });
      req.resume();
      const headers: Record<string, string> = { 'Content-Type': 'text/plain' };
      if (verdict.status === 401) headers['WWW-Authenticate'] = `Basic realm="${options.realm}"`;
      const words = { 401: 'Authentication required\n', 403: 'Forbidden\n', 404: 'Not Found\n' };
      res.writeHead(verdict.status, headers).end(words[verdict.status]);
      return;
    }
    const record: GitRequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      user: verdict.user,
      tokenId: verdict.tokenId,
      sentUsername: verdict.sentUsername,
      sentSecret: true,
      status: 0,
    };
    requests.push(record);

    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: options.projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: options.projectRoot,
        // Set only once authenticated: http-backend then also allows push (receive-pack).
        REMOTE_USER: verdict.user,
        REMOTE_ADDR: '127.0.0.1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: pathInfo,
        QUERY_STRING: url.search.replace(/^\?/, ''),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        GATEWAY_INTERFACE: 'CGI/1.1',
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    // git sends large request bodies gzip-compressed; http-backend gets them plain, read to EOF.
    const body = req.headers['content-encoding'] === 'gzip' ? req.pipe(createGunzip()) : req;
    body.pipe(cgi.stdin);
    cgi.stdin.on('error', () => undefined);

    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const text = head.toString('latin1');
      const end = text.search(/\r?\n\r?\n/);
      if (end === -1) return;
      const separator = /\r?\n\r?\n/.exec(text.slice(end))![0];
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of text.slice(0, end).split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon === -1) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else headers[name] = value;
      }
      record.status = status;
      res.writeHead(status, headers);
      headersDone = true;
      const rest = head.subarray(Buffer.byteLength(text.slice(0, end + separator.length), 'latin1'));
      if (rest.length > 0) res.write(rest);
    });
    cgi.on('close', () => {
      if (!headersDone) res.writeHead(500).end();
      else res.end();
    });
  }

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const upstream = httpRequest(
      { host: upstreamUrl.hostname, port: upstreamUrl.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstreamUrl.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  }

  const port = await listenOnLoopback(server);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    stop: () => closeNow(server),
  };
}

const DC_WRITE = new Set(['REPO_WRITE', 'REPO_ADMIN', 'PROJECT_WRITE', 'PROJECT_ADMIN']);

/**
 * Bitbucket Data Center: /scm/PROJECT/REPO.git from `projectRoot`/project/repo.git; /rest/… to the simulator.
 * `unreachable` are repository paths (/scm/SEC/vault.git) no token may read: Bitbucket answers 401 for a
 * repository the signed-in user cannot see, with a token that works everywhere else.
 */
export function startSmartHttpServer(
  sim: BitbucketDataCenterSimulator,
  simBaseUrl: string,
  projectRoot: string,
  options: { unreachable?: readonly string[] } = {},
): Promise<SmartHttpServer> {
  const unreachable = new Set(options.unreachable ?? []);
  return startGitOrigin({
    projectRoot,
    upstream: simBaseUrl,
    realm: 'Bitbucket',
    gitPath: (pathname) => (pathname.startsWith('/scm/') ? pathname.slice('/scm'.length) : null),
    authenticate(header, service, pathname) {
      if ([...unreachable].some((repo) => pathname.startsWith(`${repo}/`))) {
        return { ok: false, status: 401, sentUsername: basicCredentials(header)?.username ?? null };
      }
      // A push needs a token with write permission; Bitbucket answers 403 to a read-only one.
      const mayDo = (permissions: readonly string[]) => service === 'read' || permissions.some((p) => DC_WRITE.has(p));
      if (header?.split(' ', 1)[0]?.toLowerCase() === 'bearer') {
        const who = sim.authenticate(header.slice('bearer '.length).trim());
        if (!who?.token) return { ok: false, status: 401, sentUsername: null };
        if (!mayDo(who.token.permissions)) return { ok: false, status: 403, sentUsername: null };
        return { ok: true, user: who.user.slug, tokenId: who.token.id, sentUsername: null };
      }
      const basic = basicCredentials(header);
      if (!basic) return { ok: false, status: 401, sentUsername: null };
      const who = sim.authenticate(basic.password, basic.username);
      // git must send the user slug the token belongs to, exactly.
      if (!who?.token || who.user.slug !== basic.username) return { ok: false, status: 401, sentUsername: basic.username };
      if (!mayDo(who.token.permissions)) return { ok: false, status: 403, sentUsername: basic.username };
      return { ok: true, user: who.user.slug, tokenId: who.token.id, sentUsername: basic.username };
    },
  });
}

const CLOUD_SCOPE: Record<GitService, string> = { read: 'read:repository:bitbucket', write: 'write:repository:bitbucket' };

/**
 * Bitbucket Cloud: /WORKSPACE/REPO.git from `projectRoot`/workspace/repo.git, the clone URLs
 * bitbucket.org shows; /2.0/… to the Cloud simulator, as api.bitbucket.org would answer.
 */
export function startCloudGitServer(sim: BitbucketCloudSimulator, simBaseUrl: string, projectRoot: string): Promise<SmartHttpServer> {
  return startGitOrigin({
    projectRoot,
    upstream: simBaseUrl,
    realm: 'Bitbucket.org HTTP',
    gitPath: (pathname) => (/^\/[^/]+\/[^/]+\.git(\/|$)/.test(pathname) ? pathname : null),
    authenticate(header, service) {
      const basic = basicCredentials(header);
      if (!basic) return { ok: false, status: 401, sentUsername: null };
      const who = sim.gitUser(basic.username, basic.password);
      if (!who) return { ok: false, status: 401, sentUsername: basic.username };
      // A live token without the scope is no reason to ask again: Bitbucket answers 403.
      if (!who.scopes.includes(CLOUD_SCOPE[service])) return { ok: false, status: 403, sentUsername: basic.username };
      return { ok: true, user: who.username, tokenId: null, sentUsername: basic.username };
    },
  });
}
