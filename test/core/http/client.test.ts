// The HTTP client's promises to the rest of Latch: it waits as the host asks on 429, backs off on
// idempotent requests only, never repeats a 401 or a create, and turns socket, timeout and
// certificate failures into sentences that name the host and hold no secret.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, TransportError, type HttpClient } from '../../../electron/core/http';
import { closedPort, ScriptedServer } from '../../hosts/scripted-server';
import { makeTlsFixtures, type TlsFixtures } from './tls-fixtures';

let server: ScriptedServer;
let client: HttpClient | null = null;
const sleeps: number[] = [];
const recordSleep = async (ms: number) => {
  sleeps.push(ms);
};

/** The TransportError a request failed with; fails the test if it answered. */
async function failureOf(pending: Promise<unknown>): Promise<TransportError> {
  const outcome = await pending.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof TransportError)) throw new Error(`expected a TransportError, got ${String(outcome)}`);
  return outcome;
}

async function setup(options: Parameters<typeof createHttpClient>[0] = {}): Promise<string> {
  server = new ScriptedServer();
  const base = await server.start();
  client = createHttpClient({ sleep: recordSleep, retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 5000 }, ...options });
  return base;
}

afterEach(async () => {
  sleeps.length = 0;
  await client?.close();
  client = null;
  await server?.stop();
});

describe('retries', () => {
  it('waits for Retry-After seconds on a 429, then succeeds', async () => {
    const base = await setup();
    server.reply(429, { errors: [{ message: 'slow down' }] }, { 'retry-after': '2' }).reply(200, { fine: true });
    const response = await client!.request({ method: 'GET', url: `${base}/x` });
    expect(response).toMatchObject({ status: 200, json: { fine: true }, attempts: 2 });
    expect(sleeps).toEqual([2000]);
    expect(server.requests).toHaveLength(2);
  });

  it('understands Retry-After as an HTTP date', async () => {
    const base = await setup();
    const when = new Date(Date.now() + 3000).toUTCString();
    server.reply(429, undefined, { 'retry-after': when }).reply(200, {});
    await client!.request({ method: 'GET', url: `${base}/x` });
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(1000);
    expect(sleeps[0]).toBeLessThanOrEqual(3000);
  });

  it('does not sit through a Retry-After longer than its cap: it answers the 429 at once with the wait', async () => {
    const base = await setup();
    server.reply(429, undefined, { 'retry-after': '3600' });
    const response = await client!.request({ method: 'GET', url: `${base}/x` });
    expect(response).toMatchObject({ status: 429, attempts: 1, retryAfterMs: 3_600_000 });
    expect(sleeps).toEqual([]);
  });

  it('backs off exponentially on a GET answered 503, and gives the last answer when tries run out', async () => {
    const base = await setup();
    server.reply(503).reply(503).reply(503).reply(200, {});
    const response = await client!.request({ method: 'GET', url: `${base}/x` });
    expect(response).toMatchObject({ status: 503, attempts: 3 });
    expect(sleeps).toEqual([100, 200]);
    expect(server.requests).toHaveLength(3);
  });

  it('retries a DELETE on 502 (repeating it has the same effect)', async () => {
    const base = await setup();
    server.reply(502).reply(204);
    const response = await client!.request({ method: 'DELETE', url: `${base}/x` });
    expect(response).toMatchObject({ status: 204, attempts: 2 });
  });

  it('never retries a 401: repeated failed sign-ins lock accounts', async () => {
    const base = await setup();
    server.reply(401, { errors: [{ message: 'no' }] }).reply(200, {});
    const response = await client!.request({ method: 'GET', url: `${base}/x` });
    expect(response.status).toBe(401);
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it.each(['PUT', 'POST'] as const)('never retries a %s, not on 503 and not on 429', async (method) => {
    const base = await setup();
    server.reply(503).reply(429, undefined, { 'retry-after': '1' }).reply(200, {});
    expect((await client!.request({ method, url: `${base}/x`, json: { name: 'a' } })).status).toBe(503);
    expect((await client!.request({ method, url: `${base}/x`, json: { name: 'a' } })).status).toBe(429);
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([]);
  });

  it('retries a GET whose connection dropped, but not a PUT', async () => {
    const base = await setup();
    server.drop().reply(200, { ok: 1 });
    expect(await client!.request({ method: 'GET', url: `${base}/x` })).toMatchObject({ status: 200, attempts: 2 });
    server.drop().reply(200, {});
    const error = await failureOf(client!.request({ method: 'PUT', url: `${base}/x`, json: {} }));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'network', mayHaveReachedServer: true });
    expect(server.requests).toHaveLength(3);
  });
});

describe('requests and answers', () => {
  it('sends JSON with its content type and parses JSON answers; an empty answer has no json', async () => {
    const base = await setup();
    server.reply(200, { a: [1, '01'] }).reply(204);
    const first = await client!.request({ method: 'PUT', url: `${base}/x`, json: { name: 'n', permissions: ['REPO_READ'] } });
    expect(first.json).toEqual({ a: [1, '01'] });
    expect(server.requests[0]).toMatchObject({ method: 'PUT', body: '{"name":"n","permissions":["REPO_READ"]}' });
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
    expect(server.requests[0]!.headers.accept).toBe('application/json');
    expect((await client!.request({ method: 'DELETE', url: `${base}/x` })).json).toBeUndefined();
  });

  it('keeps the connection alive between requests', async () => {
    const base = await setup();
    server.reply(200, {}).reply(200, {});
    await client!.request({ method: 'GET', url: `${base}/a` });
    // undici frees the socket a tick after the body ends; a person's next click is never that fast.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await client!.request({ method: 'GET', url: `${base}/b` });
    expect(server.requests[1]!.remotePort).toBe(server.requests[0]!.remotePort);
  });
});

describe('failures without an answer', () => {
  const secretHeaders = { authorization: 'Basic amFuZTpodW50ZXIy' };
  const secretBody = { password: 'hunter2' };

  it('names the host when nothing listens, never the credentials or the body', async () => {
    await setup();
    const port = await closedPort();
    const error = await failureOf(
      client!.request({ method: 'PUT', url: `http://127.0.0.1:${port}/rest?x=1`, headers: secretHeaders, json: secretBody }),
    );
    expect(error).toMatchObject({ code: 'network', mayHaveReachedServer: false });
    expect(error.message).toContain(`Could not reach 127.0.0.1:${port}`);
    expect(error.message).not.toMatch(/hunter2|amFuZTpodW50ZXIy|x=1/);
  });

  it('says the host did not answer in time, and does not retry a create that timed out', async () => {
    const base = await setup({ timeoutMs: 200 });
    server.hang().hang();
    const started = Date.now();
    const error = await failureOf(client!.request({ method: 'PUT', url: `${base}/x`, headers: secretHeaders, json: secretBody }));
    expect(Date.now() - started).toBeLessThan(5000);  // its own 200 ms, far from the 15 s default; slack for a busy machine
    expect(error).toMatchObject({ code: 'timeout', mayHaveReachedServer: true });
    expect(error.message).toMatch(/did not answer in time/);
    expect(error.message).not.toMatch(/hunter2|amFuZTpodW50ZXIy/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('certificates', () => {
  let tls: TlsFixtures;
  let https: HttpsServer | null = null;
  beforeAll(() => {
    tls = makeTlsFixtures();
  });
  afterEach(async () => {
    https?.closeAllConnections();
    await new Promise<void>((resolve) => (https ? https.close(() => resolve()) : resolve()));
    https = null;
  });
  async function serve(key: string, cert: string): Promise<string> {
    https = createHttpsServer({ key, cert }, (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    await new Promise<void>((resolve) => https!.listen(0, '127.0.0.1', () => resolve()));
    return `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
  }

  it('refuses a certificate from an authority it does not trust, and says how to trust a company CA', async () => {
    const base = await serve(tls.localKey, tls.localCert);
    client = createHttpClient({ sleep: recordSleep });
    const error = await failureOf(client.request({ method: 'GET', url: `${base}/x` }));
    expect(error).toMatchObject({ code: 'tls', mayHaveReachedServer: false });
    expect(error.message).toContain('LATCH_EXTRA_CA_CERTS=/path/to/ca.pem');
    expect(error.message).toContain('never turns certificate checks off');
    expect(sleeps).toEqual([]);
  });

  it('connects once the authority is trusted (the fix is trust, not switching checks off)', async () => {
    const base = await serve(tls.localKey, tls.localCert);
    client = createHttpClient({ dispatcher: new Agent({ connect: { ca: tls.ca } }) });
    expect(await client.request({ method: 'GET', url: `${base}/x` })).toMatchObject({ status: 200, json: { ok: true } });
  });

  it('trusts the authority in the file LATCH_EXTRA_CA_CERTS names, which the packaged app reads itself (its fuses turn NODE_EXTRA_CA_CERTS off)', async () => {
    const base = await serve(tls.localKey, tls.localCert);
    const dir = mkdtempSync(join(tmpdir(), 'latch-ca-'));
    writeFileSync(join(dir, 'company ca.pem'), tls.ca);
    process.env.LATCH_EXTRA_CA_CERTS = join(dir, 'company ca.pem');
    try {
      client = createHttpClient();
      expect(await client.request({ method: 'GET', url: `${base}/x` })).toMatchObject({ status: 200, json: { ok: true } });
      // A file that is not a certificate is named, not silently ignored.
      writeFileSync(join(dir, 'company ca.pem'), 'not a certificate');
      client = createHttpClient();
      await expect(client.request({ method: 'GET', url: `${base}/x` })).rejects.toMatchObject({ code: 'tls', message: expect.stringMatching(/holds no certificate in PEM form/) });
    } finally {
      delete process.env.LATCH_EXTRA_CA_CERTS;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a trusted certificate issued for another name', async () => {
    const base = await serve(tls.otherKey, tls.otherCert);
    client = createHttpClient({ dispatcher: new Agent({ connect: { ca: tls.ca } }) });
    const error = await failureOf(client.request({ method: 'GET', url: `${base}/x` }));
    expect(error.code).toBe('tls');
    expect(error.message).toMatch(/issued for a different name/);
  });
});

describe('bounded answers', () => {
  it('stops reading a body that streams past the limit, without a length, and names the host', async () => {
    const base = await setup();
    let sent = 0;
    let closed!: (early: boolean) => void;
    const closedEarly = new Promise<boolean>((resolve) => (closed = resolve));
    server.fallback = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => closed(sent < 64 * 1024 * 1024));
      pump();
    };
    const outcome = await client!.request({ method: 'GET', url: `${base}/x` }).then(
      () => null,
      (error: unknown) => error as Error & { code: string },
    );
    expect(outcome?.code).toBe('host-error');
    expect(outcome?.message).toContain(new URL(base).host);
    expect(outcome?.message).toMatch(/larger than 4 MB/);
    // Refused, not retried, and the stream was cut long before the server finished.
    expect(server.requests).toHaveLength(1);
    expect(await closedEarly).toBe(true);
  });

  it('refuses at once a body whose declared length is over the limit', async () => {
    const base = await setup({ maxBodyBytes: 1024 });
    server.reply(200, { big: 'x'.repeat(2048) });
    const outcome = await client!.request({ method: 'GET', url: `${base}/x` }).then(
      () => null,
      (error: unknown) => error as Error & { code: string },
    );
    expect(outcome?.code).toBe('host-error');
    expect(outcome?.message).toContain(new URL(base).host);
  });

  it('still reads an answer just under the limit', async () => {
    const base = await setup({ maxBodyBytes: 4096 });
    server.reply(200, { fine: 'x'.repeat(3000) });
    expect(await client!.request({ method: 'GET', url: `${base}/x` })).toMatchObject({ status: 200 });
  });
});

describe('plain http:// reaches loopback only, by its literal address', () => {
  /** A dispatcher whose resolver answers with another machine: used only if Latch looks a name up. */
  const lyingResolver = () =>
    new Agent({
      connect: {
        lookup: (_host: string, _options: unknown, callback: (error: Error | null, address: string, family: number) => void) => callback(null, '192.0.2.1', 4),
      },
    });

  it('sends http://localhost to 127.0.0.1 without asking a resolver, with localhost in the Host header', async () => {
    const base = await setup({ dispatcher: lyingResolver(), timeoutMs: 2000 });
    server.reply(200, { fine: true });
    const port = new URL(base).port;
    const response = await client!.request({ method: 'GET', url: `http://localhost:${port}/x` });
    expect(response).toMatchObject({ status: 200, json: { fine: true } });
    expect(server.requests[0]!.headers.host).toBe(`localhost:${port}`);
  });

  it('refuses plain http:// to any other name or address before connecting', async () => {
    await setup();
    for (const url of ['http://bitbucket.example.com/x', 'http://10.0.0.5:7990/x', 'http://localhost.example.com/x', 'http://[::ffff:7f00:1]/x']) {
      const outcome = await client!.request({ method: 'GET', url }).then(
        () => null,
        (error: unknown) => error as Error & { code: string },
      );
      expect(outcome?.code).toBe('insecure-url');
    }
    expect(server.requests).toHaveLength(0);
  });
});
