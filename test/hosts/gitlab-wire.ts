// GitLab's wire formats for the simulator: the JSON entities (API::Entities::PersonalAccessToken and
// friends, UserPublic for GET /user), offset paging with its X-* headers and Link, and the three error
// shapes GitLab answers with (its own {"message"}, Grape's {"error"}, and rack-oauth2's Bearer errors).
import type { GitLabState, GitLabToken, GitLabUser, Resource } from './gitlab-state';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** API::Entities::PersonalAccessToken, in GitLab's field order. */
export function tokenJson(state: GitLabState, token: GitLabToken): Record<string, unknown> {
  return {
    id: token.id,
    name: token.name,
    revoked: token.revoked,
    created_at: iso(token.createdAt),
    description: token.description,
    scopes: [...token.scopes],
    user_id: token.userId,
    last_used_at: iso(token.lastUsedAt),
    active: state.isActive(token),
    expires_at: token.expiresAt,
  };
}

/** …WithLastUsedIps: GET /personal_access_tokens/:id and /self. */
export function tokenWithIpsJson(state: GitLabState, token: GitLabToken): Record<string, unknown> {
  return { ...tokenJson(state, token), last_used_ips: [...token.lastUsedIps] };
}

/** API::Entities::ResourceAccessToken: the bot's role and where the token belongs. */
export function resourceTokenJson(state: GitLabState, token: GitLabToken, resource: Resource): Record<string, unknown> {
  const bot = state.users.get(token.userId)!;
  const members = resource.kind === 'project' ? resource.project.members : resource.group.members;
  return {
    ...tokenJson(state, token),
    access_level: members.get(bot.id) ?? null,
    resource_type: resource.kind,
    resource_id: resource.kind === 'project' ? resource.project.id : resource.group.id,
  };
}

/** GET /user as a signed-in person or bot sees it (API::Entities::UserPublic; users.md example). */
export function userJson(user: GitLabUser, webBase: string): Record<string, unknown> {
  const created = iso(user.createdAt);
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    state: 'active',
    locked: false,
    avatar_url: `https://secure.gravatar.com/avatar/${user.id.toString(16).padStart(8, '0')}?s=80&d=identicon`,
    web_url: `${webBase}/${user.username}`,
    created_at: created,
    bio: '',
    location: '',
    public_email: null,
    skype: '',
    linkedin: '',
    twitter: '',
    discord: '',
    website_url: '',
    organization: '',
    job_title: '',
    pronouns: null,
    bot: user.bot !== null,
    work_information: null,
    followers: 0,
    following: 0,
    local_time: null,
    last_sign_in_at: user.bot ? null : created,
    confirmed_at: created,
    last_activity_on: created?.slice(0, 10) ?? null,
    email: user.email,
    theme_id: 3,
    color_scheme_id: 1,
    projects_limit: user.bot ? 0 : 100_000,
    current_sign_in_at: user.bot ? null : created,
    identities: [],
    can_create_group: user.bot === null,
    can_create_project: user.bot === null,
    two_factor_enabled: false,
    external: false,
    private_profile: false,
    commit_email: user.email,
  };
}

/** GitLab stops counting past this many rows and leaves out the totals and rel="last". */
export const COUNT_LIMIT = 10_000;
export const MAX_PER_PAGE = 100;

/**
 * One page of an offset-paged list (Gitlab::Pagination::OffsetPagination): `page` from 1,
 * `per_page` up to 100, the X-* headers always present (empty when there is no next or previous
 * page) and Link with prev/next/first/last, all built on the URL asked for.
 */
export function pageOf<T>(all: T[], url: URL, apiOrigin: string, defaultPerPage: number): { items: T[]; headers: Record<string, string> } {
  const asked = (name: string, fallback: number) => {
    const value = Number.parseInt(url.searchParams.get(name) ?? '', 10);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  const perPage = Math.min(MAX_PER_PAGE, asked('per_page', defaultPerPage));
  const page = asked('page', 1);
  const items = all.slice((page - 1) * perPage, page * perPage);
  const counted = all.length <= COUNT_LIMIT;
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  const hasNext = page * perPage < all.length;
  const link = (target: number) => {
    const next = new URL(url.pathname + url.search, apiOrigin);
    next.searchParams.set('page', String(target));
    next.searchParams.set('per_page', String(perPage));
    return `<${next.toString()}>`;
  };
  const links = [
    ...(page > 1 ? [`${link(page - 1)}; rel="prev"`] : []),
    ...(hasNext ? [`${link(page + 1)}; rel="next"`] : []),
    `${link(1)}; rel="first"`,
    ...(counted ? [`${link(totalPages)}; rel="last"`] : []),
  ];
  return {
    items,
    headers: {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-next-page': hasNext ? String(page + 1) : '',
      'x-prev-page': page > 1 ? String(page - 1) : '',
      ...(counted ? { 'x-total': String(all.length), 'x-total-pages': String(totalPages) } : {}),
      link: links.join(', '),
    },
  };
}

/** An answer: status, JSON body (or text), extra headers. */
export interface Answer {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/** GitLab's own errors: {"message": "401 Unauthorized"}, "404 Project Not Found", "400 Bad request - …". */
export const messageError = (status: number, message: unknown): Answer => ({ status, body: { message } });
export const unauthorized = (): Answer => messageError(401, '401 Unauthorized');
export const notFound = (what?: string): Answer => messageError(404, what ? `404 ${what} Not Found` : '404 Not Found');
export const badRequest = (reason?: string): Answer => messageError(400, reason ? `400 Bad request - ${reason}` : '400 Bad request');

/** Grape's parameter validation and unknown routes: {"error": "…"}. */
export const grapeError = (status: number, error: string): Answer => ({ status, body: { error } });

/** rack-oauth2's Bearer errors, which GitLab's API guard answers for expired, revoked and under-scoped tokens. */
export function bearerError(kind: 'expired' | 'revoked' | 'insufficient_scope', scopes: readonly string[] = []): Answer {
  if (kind === 'insufficient_scope') {
    // GitLab notes the header is missing here (rack-oauth2's Forbidden has none).
    return {
      status: 403,
      body: { error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token.', scope: scopes.join(' ') },
    };
  }
  const description =
    kind === 'expired' ? 'Token is expired. You can either do re-authorization or token refresh.' : 'Token was revoked. You have to re-authorize from the user.';
  return {
    status: 401,
    body: { error: 'invalid_token', error_description: description },
    headers: { 'www-authenticate': `Bearer realm="Protected by OAuth 2.0", error="invalid_token", error_description="${description}"` },
  };
}
