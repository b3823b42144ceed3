// A Bitbucket Data Center stand-in for real git: one origin on 127.0.0.1 that serves repositories under
// /scm/ through `git http-backend` (CGI) and forwards everything else to the Data Center simulator, the
// way a real server serves /scm and /rest side by side. Git requests must authenticate with a token
// the simulator issued: Basic with the token owner's user slug, or Bearer. Anything else gets a 401
// with WWW-Authenticate, as the real server answers.
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGunzip } from 'node:zlib';
import type { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';

/** One git request as the server judged it; never a secret. */
export interface GitRequestRecord {
  method: string;
  path: string;
  /** The user slug and token id the request authenticated as, or null when refused / anonymous. */
  user: string | null;
  tokenId: string | null;
  status: number;
}

export interface SmartHttpServer {
  baseUrl: string;
  host: string;
  requests: GitRequestRecord[];
  stop(): Promise<void>;
}

export async function startSmartHttpServer(sim: BitbucketDataCenterSimulator, simBaseUrl: string, projectRoot: string): Promise<SmartHttpServer> {
  const requests: GitRequestRecord[] = [];
  const simUrl = new URL(simBaseUrl);

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://git-server');
    if (url.pathname.startsWith('/scm/')) serveGit(req, res, url);
    else forward(req, res);
  });

  function refuse(req: IncomingMessage, res: ServerResponse, path: string): void {
    requests.push({ method: req.method ?? 'GET', path, user: null, tokenId: null, status: 401 });
    req.resume();
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="Bitbucket"', 'Content-Type': 'text/plain' }).end('Authentication required\n');
  }

  function serveGit(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const who = authenticate(req.headers.authorization);
    if (!who) return refuse(req, res, url.pathname);
    const record: GitRequestRecord = { method: req.method ?? 'GET', path: url.pathname, user: who.user, tokenId: who.tokenId, status: 0 };
    requests.push(record);

    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: projectRoot,
        // Set only once authenticated: http-backend then also allows push (receive-pack).
        REMOTE_USER: who.user,
        REMOTE_ADDR: '127.0.0.1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: url.pathname.slice('/scm'.length),
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

  /** The token owner for a token the simulator issued; never the account password. */
  function authenticate(header: string | undefined): { user: string; tokenId: string } | null {
    if (!header) return null;
    const [scheme, value = ''] = header.split(' ', 2);
    if (scheme?.toLowerCase() === 'bearer') {
      const who = sim.authenticate(value.trim());
      return who?.token ? { user: who.user.slug, tokenId: who.token.id } : null;
    }
    if (scheme?.toLowerCase() !== 'basic') return null;
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    const username = decoded.slice(0, colon);
    const who = sim.authenticate(decoded.slice(colon + 1), username);
    // git must send the user slug the token belongs to, exactly.
    if (!who?.token || who.user.slug !== username) return null;
    return { user: who.user.slug, tokenId: who.token.id };
  }

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const upstream = httpRequest(
      { host: simUrl.hostname, port: simUrl.port, method: req.method, path: req.url, headers: { ...req.headers, host: simUrl.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
