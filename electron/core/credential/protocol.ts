// git's credential helper wire format: `key=value` lines up to a blank line or EOF, and answers in the
// same shape. The reader is strict about what could smuggle data (NUL, over-long lines, a CR inside a
// value) and lenient about what git itself tolerates (unknown keys, a CRLF line ending, a missing
// final blank line). The writer refuses any value that could start a new line on git's side.
// Kept free of dependencies: it runs on the `get` path, where every millisecond of start-up counts.

/** git's own limit for one line (credential.c, LARGE_PACKET_MAX territory): longer is malformed. */
export const MAX_LINE_BYTES = 65_535;
/** A whole request; git's are a few hundred bytes, so this only stops a flood. */
export const MAX_REQUEST_BYTES = 1_048_576;

export interface CredentialRequest {
  /** Single-valued attributes, last one wins (as in git). */
  values: Map<string, string>;
  /** Multi-valued attributes (`key[]=`), keyed without the brackets, order kept. */
  lists: Map<string, string[]>;
}

export type ParseResult = { ok: true; request: CredentialRequest } | { ok: false; reason: string };

const NUL = 0x00;
const LF = 0x0a;
const CR = 0x0d;

const decoder = new TextDecoder('utf-8');

/**
 * Parses one request. `input` may extend past the terminating blank line; the rest is ignored.
 * The reason on failure is safe to print: it never quotes the input.
 */
export function parseRequest(input: Uint8Array): ParseResult {
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  let start = 0;
  let total = 0;
  while (start < input.length) {
    let end = input.indexOf(LF, start);
    const terminated = end !== -1;
    if (!terminated) end = input.length;
    // A CRLF ending is tolerated because git's own reader strips it too.
    let lineEnd = end;
    if (lineEnd > start && input[lineEnd - 1] === CR) lineEnd -= 1;
    if (lineEnd - start > MAX_LINE_BYTES) return { ok: false, reason: 'a line is longer than 65535 bytes' };
    total += end - start + (terminated ? 1 : 0);
    if (total > MAX_REQUEST_BYTES) return { ok: false, reason: 'the request is too large' };
    if (lineEnd === start) break; // the blank line that ends the request
    const line = input.subarray(start, lineEnd);
    if (line.includes(NUL)) return { ok: false, reason: 'the request contains a NUL byte' };
    if (line.includes(CR)) return { ok: false, reason: 'a value contains a carriage return' };
    const eq = line.indexOf(0x3d);
    if (eq === -1) return { ok: false, reason: 'a line has no "=" in it' };
    const key = decoder.decode(line.subarray(0, eq));
    const value = decoder.decode(line.subarray(eq + 1));
    if (key.endsWith('[]')) {
      const name = key.slice(0, -2);
      // An empty value resets the list, the way git reads `capability[]=` and `wwwauth[]=`.
      if (value === '') lists.set(name, []);
      else {
        const list = lists.get(name);
        if (list) list.push(value);
        else lists.set(name, [value]);
      }
    } else {
      values.set(key, value);
    }
    start = end + 1;
  }
  return { ok: true, request: { values, lists } };
}

/** One answer line: `[key, value]`; keys ending in `[]` may repeat. */
export type AnswerField = readonly [key: string, value: string];

export type FormatResult = { ok: true; text: string } | { ok: false; key: string };

// CR, LF and NUL could end a line early on git's side and smuggle in another attribute (CVE-2020-5260).
const UNSAFE_VALUE = /[\r\n\0]/;
const UNSAFE_KEY = /[\r\n\0=]/;

/**
 * Builds the whole answer, or refuses it entirely when any key or value is unsafe: half an answer is
 * worse than none, since git would combine it with what other helpers say.
 */
export function formatAnswer(fields: readonly AnswerField[]): FormatResult {
  let text = '';
  for (const [key, value] of fields) {
    if (key === '' || UNSAFE_KEY.test(key) || UNSAFE_VALUE.test(value)) return { ok: false, key };
    if (Buffer.byteLength(key) + 1 + Buffer.byteLength(value) > MAX_LINE_BYTES) return { ok: false, key };
    text += `${key}=${value}\n`;
  }
  return { ok: true, text };
}

/** A request as the helper uses it: the attributes it looks at, with the capabilities git advertised. */
export interface CredentialQuery {
  protocol: string | undefined;
  host: string | undefined;
  path: string | undefined;
  username: string | undefined;
  password: string | undefined;
  /** Unix seconds, as git passes on what a helper said. */
  passwordExpiryUtc: string | undefined;
  oauthRefreshToken: string | undefined;
  authtype: string | undefined;
  credential: string | undefined;
  capabilities: readonly string[];
}

/** A query holding only the given attributes, as if git had sent nothing else. */
export function queryOf(attributes: Partial<CredentialQuery>): CredentialQuery {
  return {
    protocol: undefined,
    host: undefined,
    path: undefined,
    username: undefined,
    password: undefined,
    passwordExpiryUtc: undefined,
    oauthRefreshToken: undefined,
    authtype: undefined,
    credential: undefined,
    capabilities: [],
    ...attributes,
  };
}

export function toQuery(request: CredentialRequest): CredentialQuery {
  const { values, lists } = request;
  return {
    protocol: values.get('protocol'),
    host: values.get('host'),
    path: values.get('path'),
    username: values.get('username'),
    password: values.get('password'),
    passwordExpiryUtc: values.get('password_expiry_utc'),
    oauthRefreshToken: values.get('oauth_refresh_token'),
    authtype: values.get('authtype'),
    credential: values.get('credential'),
    capabilities: lists.get('capability') ?? [],
  };
}
