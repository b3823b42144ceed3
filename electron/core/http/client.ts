// The one way core speaks HTTP: undici with an injected dispatcher, a deadline per try, retries only
// where repeating is harmless, and failures turned into LatchErrors with a plain sentence.
import { Agent, request, type Dispatcher } from 'undici';
import { LatchError } from '../../../shared/result';
import { loopbackAddress } from '../../../shared/url';
import { extraAuthorities } from './extra-ca';
import { DEFAULT_RETRY, backoffDelay, isIdempotent, isRetryableStatus, parseRetryAfter, type RetryPolicy } from './retry';
import { TransportError, classifyTransportError } from './transport-errors';

export type HttpMethod = 'GET' | 'HEAD' | 'DELETE' | 'PUT' | 'POST';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  json: unknown;
  /** How many tries it took (a DELETE answered 404 on a second try probably worked on the first). */
  attempts: number;
  /** From Retry-After on a 429/503 that was not (or no longer) retried. */
  retryAfterMs: number | null;
}

export interface HttpClient {
  /**
   * Answers every HTTP status as a response (after any retries); throws a TransportError (a LatchError
   * with code network, timeout or tls) only when no status came back.
   */
  request(req: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

export interface HttpClientOptions {
  dispatcher?: Dispatcher;
  /** Deadline for one try, from connecting to the last byte of the body. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Waits between tries; tests pass one that records instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
  /** The largest body Latch reads; a longer one is refused while it streams in. */
  maxBodyBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
/** Far above any page of tokens a host sends; a body this large is a broken or hostile server, not an answer. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
const USER_AGENT = 'Latch/0.1';

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function defaultAgent(timeoutMs: number): Agent {
  return new Agent({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connect: { timeout: Math.min(timeoutMs, 10_000), ...extraAuthorities() },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
}

/** A body that went past the limit: refused, not retried (the host would send it again). */
export class BodyTooLargeError extends LatchError {
  constructor(host: string, limit: number) {
    super('host-error', `${host} sent an answer larger than ${Math.round(limit / (1024 * 1024))} MB, so Latch stopped reading it. Check the server address; a git host never answers with that much.`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads the body chunk by chunk and stops at the limit, so a huge answer never sits in memory whole. */
async function readBounded(body: AsyncIterable<Uint8Array> & { destroy(error?: Error): unknown }, host: string, limit: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) {
      body.destroy();
      throw new BodyTooLargeError(host, limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Where a request really goes. Plain http:// reaches loopback only, by its literal address: `localhost`
 * is sent to 127.0.0.1 (with its name in the Host header) and never looked up. The last guard, whatever
 * address a caller built.
 */
function target(req: HttpRequest): { url: string; hostHeader: string | null } {
  const url = new URL(req.url);
  if (url.protocol !== 'http:') return { url: req.url, hostHeader: null };
  const address = loopbackAddress(url.hostname);
  if (address === null) {
    throw new LatchError('insecure-url', `Plain http:// would send your credentials to ${url.host} unencrypted, so Latch did not connect. Use https://${url.host} instead.`);
  }
  if (address === url.hostname) return { url: req.url, hostHeader: null };
  const hostHeader = url.host;
  url.hostname = address;
  return { url: url.href, hostHeader };
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const ownsDispatcher = options.dispatcher === undefined;
  // Made at the first request, so a bad LATCH_EXTRA_CA_CERTS is that request's sentence, not a failed start.
  let dispatcher = options.dispatcher;
  // Fields given as undefined keep their defaults (callers pass options straight through).
  const given = Object.fromEntries(Object.entries(options.retry ?? {}).filter(([, value]) => value !== undefined));
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...given };
  const sleep = options.sleep ?? realSleep;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  /** One try, under one deadline that also covers reading the body. */
  async function once(req: HttpRequest, host: string): Promise<Omit<HttpResponse, 'attempts' | 'retryAfterMs'>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const { url, hostHeader } = target(req);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT, ...req.headers };
    if (hostHeader !== null) headers.host = hostHeader;
    dispatcher ??= defaultAgent(timeoutMs);
    let body: string | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    try {
      const response = await request(url, {
        method: req.method,
        headers,
        body,
        dispatcher,
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBodyBytes) {
        response.body.destroy();
        throw new BodyTooLargeError(host, maxBodyBytes);
      }
      const text = await readBounded(response.body, host, maxBodyBytes);
      return { status: response.statusCode, headers: response.headers, json: parseJson(text) };
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw error;
      throw classifyTransportError(error, host, controller.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async request(req) {
      const host = new URL(req.url).host;
      const retryable = isIdempotent(req.method);
      for (let attempt = 1; ; attempt += 1) {
        const last = !retryable || attempt >= policy.maxAttempts;
        let response: Omit<HttpResponse, 'attempts' | 'retryAfterMs'>;
        try {
          response = await once(req, host);
        } catch (error) {
          if (last || !(error instanceof TransportError) || !error.transient) throw error;
          await sleep(backoffDelay(attempt, policy));
          continue;
        }
        const retryAfterMs = response.status === 429 || response.status === 503 ? parseRetryAfter(response.headers['retry-after']) : null;
        if (last || !isRetryableStatus(response.status)) return { ...response, attempts: attempt, retryAfterMs };
        // A host asking for a longer pause than we are willing to sit through: say so now rather than hang.
        if (retryAfterMs !== null && retryAfterMs > policy.maxDelayMs) return { ...response, attempts: attempt, retryAfterMs };
        await sleep(retryAfterMs ?? backoffDelay(attempt, policy));
      }
    },
    async close() {
      if (ownsDispatcher && dispatcher) await dispatcher.close();
    },
  };
}
