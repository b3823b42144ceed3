// A plain HTTP server on 127.0.0.1 that answers from a script, one step per request, and records what
// it was sent. For the answers the Data Center simulator never gives (a malformed body, a dropped
// connection, a hang) and for checking the exact shape of requests. Real sockets, no mocking.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeNow, listenOnLoopback } from './loopback';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The client's end of the connection: the same port twice means the connection was reused. */
  remotePort: number | undefined;
}

type Step = (res: ServerResponse) => void;

export class ScriptedServer {
  readonly requests: RecordedRequest[] = [];
  private readonly steps: Step[] = [];
  private server: Server | null = null;
  /** Answer for requests beyond the script. */
  fallback: Step = (res) => res.writeHead(500).end();

  /** Queue one answer with a JSON body (or none). */
  reply(status: number, json?: unknown, headers: Record<string, string> = {}): this {
    this.steps.push((res) => {
      if (json === undefined) res.writeHead(status, headers).end();
      else res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json));
    });
    return this;
  }

  /** Queue a request that is never answered. */
  hang(): this {
    this.steps.push(() => undefined);
    return this;
  }

  /** Queue a connection dropped after the request arrived, with no answer. */
  drop(): this {
    this.steps.push((res) => res.socket?.destroy());
    return this;
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), remotePort: req.socket.remotePort });
        (this.steps.shift() ?? this.fallback)(res);
      });
    });
    this.server = server;
    return `http://127.0.0.1:${await listenOnLoopback(server)}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await closeNow(server);
  }
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
