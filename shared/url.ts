// Server addresses as a person types them, turned into the one form Latch stores and sends to.
// Pure: runs in the renderer (to check a form) and in core (before any request).
import { LatchError } from './result';

/** 127.0.0.0/8, ::1 and localhost: the only hosts plain http:// may reach, since nothing leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  return loopbackAddress(hostname) !== null;
}

/**
 * The loopback address to connect to for a host, or null when it is none: a literal address as it is,
 * and `localhost` as 127.0.0.1, decided here rather than by a resolver (a hosts file or DNS search
 * domain could answer with another machine, and plain http:// would then leave this one).
 */
export function loopbackAddress(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost') return '127.0.0.1';
  if (host === '::1') return '[::1]';
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets && octets.slice(1).every((octet) => Number(octet) <= 255) ? host : null;
}

/** The sentence for a server address field left empty (or only spaces), or null when something was typed. */
export function missingServerAddress(input: string): string | null {
  return input.trim() === '' ? 'Enter the server address, for example https://bitbucket.example.com.' : null;
}

// Errors never quote the input: a person who typed a password into the wrong field must not see it echoed.
function parse(input: string): URL {
  const text = input.trim();
  const missing = missingServerAddress(text);
  if (missing) throw new LatchError('validation', missing);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new LatchError('validation', 'That is not a server address: start it with https://, for example https://bitbucket.example.com.');
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new LatchError('validation', 'That is not a valid server address, for example https://bitbucket.example.com.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new LatchError('validation', 'The server address must start with https://.');
  }
  if (url.hostname === '') throw new LatchError('validation', 'The server address names no server, for example https://bitbucket.example.com.');
  return url;
}

/**
 * Scheme, lower-case host, non-default port and context path (e.g. https://git.example.com:8443/bitbucket),
 * with no trailing slash, query or fragment. Refuses user-info (credentials never go in a URL) and plain
 * http:// to anything but loopback.
 */
export function normalizeBaseUrl(input: string): string {
  const url = parse(input);
  if (url.username !== '' || url.password !== '') {
    // Don't echo the input: it holds what may be a password.
    throw new LatchError(
      'validation',
      'Leave the username and password out of the server address; Latch asks for them separately.',
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new LatchError(
      'insecure-url',
      `Plain http:// would send your password to ${url.hostname} unencrypted. Use https://${url.host}${url.pathname.replace(/\/+$/, '')} instead.`,
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** host[:port] as git writes it in credential requests: lower-case host, port only when not the scheme's default. */
export function gitHost(baseUrl: string): string {
  // URL already lower-cases the host and drops a default port.
  return parse(baseUrl).host;
}

/** The protocol git names in credential requests for this server. */
export function gitProtocol(baseUrl: string): 'http' | 'https' {
  return parse(baseUrl).protocol === 'http:' ? 'http' : 'https';
}
