// A forwarding proxy on 127.0.0.1 that passes every request to a simulator and can lose the answer
// to chosen ones: the simulator has acted (a token was made or deleted), but the client hears nothing
// (a hang until its deadline) or a broken connection. For the paths where a lost answer matters.
import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import { closeNow, listenOnLoopback } from './loopback';

export type Loss = 'hang' | 'drop';

export class LossyProxy {
  baseUrl = '';
  /** Decides, per request, whether its answer is lost after the simulator acted on it. */
  lose: (method: string, url: string) => Loss | null = () => null;
  private server: Server | null = null;

  constructor(private readonly target: string) {}

  async start(): Promise<this> {
    const target = new URL(this.target);
    const server = createServer((req, res) => {
      const loss = this.lose(req.method ?? 'GET', req.url ?? '/');
      const upstream = forward(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (answer: IncomingMessage) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            if (loss === 'drop') return res.socket?.destroy();
            if (loss === 'hang') return;
            res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(chunks));
          });
        },
      );
      upstream.on('error', () => res.socket?.destroy());
      req.pipe(upstream);
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${await listenOnLoopback(server)}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await closeNow(server);
  }
}
