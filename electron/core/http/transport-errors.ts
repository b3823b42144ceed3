// Turns what undici and Node throw into a sentence a person can act on. Messages name the host and
// the kind of failure only: never a URL query, header or body, so no secret can leak through them.
import { LatchError } from '../../../shared/result';

/**
 * A failure below HTTP: no status came back. `mayHaveReachedServer` is false only when the request
 * certainly never arrived (refused, unknown host, TLS handshake): after a create, anything else means
 * the host may have acted on it.
 */
export class TransportError extends LatchError {
  constructor(
    code: 'network' | 'timeout' | 'tls',
    message: string,
    readonly mayHaveReachedServer: boolean,
    /** Worth trying an idempotent request again. */
    readonly transient: boolean,
  ) {
    super(code, message);
    this.name = 'TransportError';
  }
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/** The first `code` along the error's cause chain (undici wraps Node's socket errors). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function tlsSentence(host: string, code: string): string {
  const trust =
    'If your company uses its own certificate authority, start Latch with LATCH_EXTRA_CA_CERTS=/path/to/ca.pem ' +
    '(the authority\'s certificate in PEM form) so Latch trusts it. Latch never turns certificate checks off.';
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return `The certificate of ${host} has expired, so Latch did not connect. Ask the server's administrator to renew it.`;
    case 'CERT_NOT_YET_VALID':
      return `The certificate of ${host} is not valid yet; check this computer's clock. Latch did not connect.`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `The certificate of ${host} was issued for a different name, so Latch did not connect. Check the server address.`;
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'EPROTO':
      return `${host} did not answer with a secure (TLS) connection. Check the address and port; if the server only speaks plain http, it cannot be used safely.`;
    default:
      return `Latch could not verify the certificate of ${host}, so it did not connect. ${trust}`;
  }
}

export function classifyTransportError(error: unknown, host: string, timedOut: boolean): TransportError {
  const code = errorCode(error);
  if (timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new TransportError('timeout', `${host} did not answer in time.`, true, false);
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return new TransportError('timeout', `Could not reach ${host}: the connection timed out.`, false, false);
  }
  if (code && (TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_'))) {
    return new TransportError('tls', tlsSentence(host, code), false, false);
  }
  switch (code) {
    case 'ECONNREFUSED':
      return new TransportError('network', `Could not reach ${host}: the connection was refused. Check the address and that the server is running.`, false, true);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new TransportError('network', `Could not reach ${host}: no server by that name was found. Check the address and your network.`, false, code === 'EAI_AGAIN');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new TransportError('network', `Could not reach ${host}: the network has no route to it. Check your connection or VPN.`, false, true);
    default:
      // ECONNRESET, a socket closed mid-answer, …: the request may have arrived.
      return new TransportError('network', `The connection to ${host} broke before it answered. Check your network and try again.`, true, true);
  }
}
