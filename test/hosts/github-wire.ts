// GitHub's answers as they look on the wire, for the GitHub simulator (github.ts): the error body every
// REST refusal carries, the authenticated user, the token-expiry header, the refusal for a request
// without a User-Agent, and the validation messages of POST /credentials/revoke.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const DOCS = {
  rest: 'https://docs.github.com/rest',
  user: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
  revoke: 'https://docs.github.com/rest/credentials/revoke#revoke-a-list-of-credentials',
  rateLimits: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
  versions: 'https://docs.github.com/rest/about-the-rest-api/api-versions',
} as const;

/** The REST API versions GitHub serves (hosts-next.md §3.6); a request naming none gets the older. */
export const API_VERSIONS = ['2022-11-28', '2026-03-10'];
export const DEFAULT_API_VERSION = '2022-11-28';

/**
 * The text GitHub answers, with 403, to a request without a User-Agent (quoted in public bug reports;
 * the docs: "Requests with no User-Agent header will be rejected").
 */
export const NO_USER_AGENT =
  'Request forbidden by administrative rules. Please make sure your request has a User-Agent header ' +
  '(http://developer.github.com/v3/#user-agent-required). Check https://developer.github.com for other possible causes.\n';

/** GitHub's error body: the spec's basic-error, with `status` as a string, as GitHub now sends on every refusal. */
export function errorBody(status: number, message: string, documentationUrl: string = DOCS.rest): Record<string, string> {
  return { message, documentation_url: documentationUrl, status: String(status) };
}

/**
 * `GitHub-Authentication-Token-Expiration`: "2026-06-01 00:00:00 UTC", or with a numeric offset,
 * "2026-06-01 09:00:00 +0900", the same instant written in that zone (both seen; hosts-next.md §3.4).
 */
export function expiryHeader(at: number, form: 'utc' | 'offset', offsetMinutes = 0): string {
  if (form === 'utc') return `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const local = new Date(at + offsetMinutes * 60_000).toISOString().slice(0, 19).replace('T', ' ');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local} ${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

export interface WireUserInput {
  login: string;
  id: number;
  name: string | null;
  email: string | null;
  createdAt: string;
}

/** GET /user for the token's owner: the private-user fields GitHub sends (login and id are what Latch reads). */
export function wireUser(user: WireUserInput, apiBase: string, htmlBase: string): Record<string, unknown> {
  const api = `${apiBase}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    user_view_type: 'private',
    // Node ids of older accounts: base64 of "04:User<id>".
    node_id: Buffer.from(`04:User${user.id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${htmlBase}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: 'User',
    site_admin: false,
    name: user.name,
    company: null,
    blog: '',
    location: null,
    email: user.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    notification_email: user.email,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: user.createdAt,
    updated_at: user.createdAt,
    private_gists: 0,
    total_private_repos: 1,
    owned_private_repos: 1,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

/**
 * What is wrong with a POST /credentials/revoke body against its published schema (an object whose
 * `credentials` is an array of 1 to 1000 strings), in the manner of GitHub's JSON-schema validation
 * ("Invalid request.\n\nFor 'properties/…', … is not …"); null when it is fine. The wording is
 * modelled on GitHub's other validation answers, not copied from this endpoint, and names the type of
 * a wrong value rather than quoting it: the value may well be a secret.
 */
export function revokeBodyProblem(body: unknown): string | null {
  const invalid = (detail: string) => `Invalid request.\n\n${detail}`;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid(`The body (${jsonType(body)}) is not an object.`);
  if (!('credentials' in body)) return invalid('"credentials" wasn\'t supplied.');
  const credentials = (body as { credentials: unknown }).credentials;
  if (!Array.isArray(credentials)) return invalid(`For 'properties/credentials', ${jsonType(credentials)} is not an array.`);
  if (credentials.length < 1) return invalid("For 'properties/credentials', [] has fewer than 1 item.");
  if (credentials.length > 1000) return invalid(`For 'properties/credentials', the array has ${credentials.length} items, more than 1000.`);
  const odd = credentials.findIndex((item) => typeof item !== 'string');
  if (odd >= 0) return invalid(`For 'items', item ${odd} (${jsonType(credentials[odd])}) is not a string.`);
  return null;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(payload));
}
