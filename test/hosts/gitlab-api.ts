// The GitLab simulator's endpoints, one function each, answering as lib/api/personal_access_tokens.rb,
// personal_access_tokens/self_*.rb, resource_access_tokens.rb and resource_access_tokens/self_rotation.rb
// do once the caller is authenticated (gitlab.ts does that, and the scope check, first).
import {
  ACCESS,
  addDays,
  expiryProblem,
  ParamError,
  readExpiry,
  readResourceTokenBody,
  utcDay,
  type ResourceTokenFields,
} from './gitlab-rules';
import type { GitLabState, GitLabToken, GitLabUser, Resource, SecretFormat } from './gitlab-state';
import {
  badRequest,
  grapeError,
  messageError,
  notFound,
  pageOf,
  resourceTokenJson,
  tokenJson,
  tokenWithIpsJson,
  unauthorized,
  userJson,
  type Answer,
} from './gitlab-wire';

export interface ApiSettings {
  premium: boolean;
  maxExpiryDays: number;
  pageSize: number;
  secretFormat: SecretFormat;
  /** Where links and web URLs point: http://127.0.0.1:port */
  origin: string;
}

export interface Call {
  url: URL;
  /** Path parameters, URL-decoded (`:id` may be "group/sub/project"). */
  path: Record<string, string>;
  /** Query and body parameters, merged as Grape does. */
  input: Record<string, unknown>;
  user: GitLabUser;
  token: GitLabToken;
}

export type Endpoint = (state: GitLabState, settings: ApiSettings, call: Call) => Answer;

/** Rotation without expires_at gives the new token a week (PersonalAccessTokens::RotateService). */
const ROTATED_DAYS = 7;

export const getUser: Endpoint = (_state, settings, call) => ({ status: 200, body: userJson(call.user, settings.origin) });

// ---- personal access tokens ----

export const listPersonalTokens: Endpoint = (state, settings, call) => {
  const { input, user } = call;
  if (input.user_id !== undefined) {
    if (!/^\d+$/.test(String(input.user_id))) return grapeError(400, 'user_id is invalid');
    // Non-administrators may name only themselves.
    if (Number(input.user_id) !== user.id) return unauthorized();
  }
  const mine = [...state.tokens.values()].filter((token) => token.userId === user.id);
  const filtered = filterTokens(state, mine, input);
  if (filtered instanceof ParamError) return grapeError(400, filtered.message);
  const { items, headers } = pageOf(filtered, call.url, settings.origin, settings.pageSize);
  return { status: 200, body: items.map((token) => tokenJson(state, token)), headers };
};

export const getSelf: Endpoint = (state, _settings, call) => ({ status: 200, body: tokenWithIpsJson(state, call.token) });

/** Any token may revoke itself, whatever its scopes: the one-call answer to a leak. */
export const revokeSelf: Endpoint = (_state, _settings, call) => {
  call.token.revoked = true;
  return { status: 204 };
};

export const rotateSelf: Endpoint = (state, settings, call) => rotateAnswer(state, settings, call, call.token, (token) => tokenJson(state, token));

export const getPersonalToken: Endpoint = (state, _settings, call) => {
  const token = tokenById(state, call.path.id);
  // Only administrators learn whether someone else's token exists.
  if (!token || token.userId !== call.user.id) return unauthorized();
  return { status: 200, body: tokenWithIpsJson(state, token) };
};

export const revokePersonalToken: Endpoint = (state, _settings, call) => {
  const token = tokenById(state, call.path.id);
  if (!token) return messageError(404, '404 Not found');
  // PersonalAccessTokens::RevokeService refuses another's token; the API says only "400 Bad request".
  if (token.userId !== call.user.id) return badRequest();
  token.revoked = true;
  return { status: 204 };
};

export const rotatePersonalToken: Endpoint = (state, settings, call) => {
  const token = tokenById(state, call.path.id);
  if (!token || token.userId !== call.user.id) return unauthorized();
  return rotateAnswer(state, settings, call, token, (next) => tokenJson(state, next));
};

// ---- project and group access tokens ----

/** Reading, making and rotating a resource's tokens takes Maintainer on a project, Owner on a group. */
const managerLevel = (resource: Resource) => (resource.kind === 'project' ? ACCESS.maintainer : ACCESS.owner);

export const listResourceTokens: Endpoint = (state, settings, call) =>
  withResource(state, call, (resource) => {
    if (state.accessLevel(call.user, resource) < managerLevel(resource)) return unauthorized();
    const filtered = filterTokens(state, resourceTokens(state, resource), call.input);
    if (filtered instanceof ParamError) return grapeError(400, filtered.message);
    const { items, headers } = pageOf(filtered, call.url, settings.origin, settings.pageSize);
    return { status: 200, body: items.map((token) => resourceTokenJson(state, token, resource)), headers };
  });

export const createResourceToken: Endpoint = (state, settings, call) =>
  withResource(state, call, (resource) => {
    const today = utcDay(state.now());
    let fields: ResourceTokenFields;
    try {
      // Omitted, expires_at defaults to the longest lifetime allowed.
      fields = readResourceTokenBody(call.input, addDays(today, settings.maxExpiryDays));
    } catch (error) {
      if (error instanceof ParamError) return grapeError(400, error.message);
      throw error;
    }
    const level = state.accessLevel(call.user, resource);
    // ResourceAccessTokens::CreateService. On GitLab.com's free tier the policy denies it outright,
    // and a bot (a project or group token) may never make tokens.
    if (!settings.premium || call.user.bot || level < managerLevel(resource)) {
      return badRequest(`User does not have permission to create ${resource.kind} access token`);
    }
    if (fields.accessLevel > level) return badRequest('Access level of the token contains permissions not held by the creating user');
    const tooLate = expiryProblem(fields.expiresAt, today, settings.maxExpiryDays);
    if (tooLate) return badRequest(tooLate);
    const { token, secret } = state.createResourceToken(resource, fields, settings.secretFormat);
    return { status: 201, body: { ...resourceTokenJson(state, token, resource), token: secret } };
  });

export const getResourceToken: Endpoint = (state, _settings, call) =>
  withResource(state, call, (resource) => {
    if (state.accessLevel(call.user, resource) < managerLevel(resource)) return unauthorized();
    const token = resourceToken(state, resource, call.path.token_id);
    return token ? { status: 200, body: resourceTokenJson(state, token, resource) } : notFound(`${resource.kind} Access Token`);
  });

export const revokeResourceToken: Endpoint = (state, _settings, call) =>
  withResource(state, call, (resource) => {
    const token = resourceToken(state, resource, call.path.token_id);
    if (!token) return notFound(`${resource.kind} Access Token`);
    if (state.accessLevel(call.user, resource) < managerLevel(resource)) {
      // ResourceAccessTokens::RevokeService's refusal names both users.
      return badRequest(`${call.user.name} cannot delete ${state.users.get(token.userId)!.username}`);
    }
    token.revoked = true;
    return { status: 204 };
  });

export const rotateResourceToken: Endpoint = (state, settings, call) =>
  withResource(state, call, (resource) => {
    const token = state.accessLevel(call.user, resource) >= managerLevel(resource) ? resourceToken(state, resource, call.path.token_id) : undefined;
    // Only administrators learn whether the token exists.
    if (!token) return unauthorized();
    return rotateAnswer(state, settings, call, token, (next) => resourceTokenJson(state, next, resource));
  });

/** A project or group token rotating itself (17.9): only a bot may, and only its own resource's token. */
export const rotateResourceSelf: Endpoint = (state, settings, call) => {
  if (!call.user.bot) return messageError(405, '405 Method Not Allowed');
  return withResource(state, call, (resource) => {
    const token = resourceToken(state, resource, String(call.token.id));
    if (!token) return unauthorized();
    return rotateAnswer(state, settings, call, token, (next) => resourceTokenJson(state, next, resource));
  });
};

// ---- shared ----

function rotateAnswer(state: GitLabState, settings: ApiSettings, call: Call, token: GitLabToken, json: (token: GitLabToken) => Record<string, unknown>): Answer {
  const today = utcDay(state.now());
  let expiresAt: string;
  try {
    expiresAt = readExpiry(call.input, addDays(today, ROTATED_DAYS));
  } catch (error) {
    if (error instanceof ParamError) return grapeError(400, error.message);
    throw error;
  }
  if (token.revoked) return badRequest('Token already revoked');
  const tooLate = expiryProblem(expiresAt, today, settings.maxExpiryDays);
  if (tooLate) return badRequest(tooLate);
  const next = state.rotate(token, expiresAt, settings.secretFormat);
  // Rotation answers 200, not the 201 a create does.
  return { status: 200, body: { ...json(next.token), token: next.secret } };
}

/** find_source: a resource the caller cannot see is as absent as one that does not exist. */
function withResource(state: GitLabState, call: Call, then: (resource: Resource) => Answer): Answer {
  const kind = call.url.pathname.includes('/api/v4/projects/') ? 'project' : 'group';
  const resource = state.findResource(kind, call.path.id!);
  if (!resource || !state.canSee(call.user, resource)) return notFound(kind === 'project' ? 'Project' : 'Group');
  return then(resource);
}

function tokenById(state: GitLabState, id: string | undefined): GitLabToken | undefined {
  return id && /^\d+$/.test(id) ? state.tokens.get(Number(id)) : undefined;
}

function resourceTokens(state: GitLabState, resource: Resource): GitLabToken[] {
  const bots = new Set(state.botsOf(resource).map((bot) => bot.id));
  return [...state.tokens.values()].filter((token) => bots.has(token.userId));
}

function resourceToken(state: GitLabState, resource: Resource, id: string | undefined): GitLabToken | undefined {
  const token = tokenById(state, id);
  return token && resourceTokens(state, resource).includes(token) ? token : undefined;
}

const SORTS: Record<string, (a: GitLabToken, b: GitLabToken) => number> = {
  created_asc: (a, b) => a.createdAt - b.createdAt || a.id - b.id,
  created_desc: (a, b) => b.createdAt - a.createdAt || b.id - a.id,
  expires_asc: (a, b) => (a.expiresAt ?? '9999').localeCompare(b.expiresAt ?? '9999') || a.id - b.id,
  expires_desc: (a, b) => (b.expiresAt ?? '9999').localeCompare(a.expiresAt ?? '9999') || b.id - a.id,
  last_used_asc: (a, b) => (a.lastUsedAt ?? 0) - (b.lastUsedAt ?? 0) || a.id - b.id,
  last_used_desc: (a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0) || b.id - a.id,
  name_asc: (a, b) => a.name.localeCompare(b.name) || a.id - b.id,
  name_desc: (a, b) => b.name.localeCompare(a.name) || b.id - a.id,
};

/** PersonalAccessTokensFinder's filters and sorts; without a sort, id order (offset paging adds it). */
function filterTokens(state: GitLabState, tokens: GitLabToken[], input: Record<string, unknown>): GitLabToken[] | ParamError {
  const text = (key: string) => (input[key] === undefined ? undefined : String(input[key]));
  const state_ = text('state');
  if (state_ !== undefined && state_ !== 'active' && state_ !== 'inactive') return new ParamError('state does not have a valid value');
  const revoked = text('revoked');
  if (revoked !== undefined && revoked !== 'true' && revoked !== 'false') return new ParamError('revoked is invalid');
  const moments: Array<[string, (token: GitLabToken) => number | null, 'after' | 'before']> = [
    ['created_after', (t) => t.createdAt, 'after'],
    ['created_before', (t) => t.createdAt, 'before'],
    ['last_used_after', (t) => t.lastUsedAt, 'after'],
    ['last_used_before', (t) => t.lastUsedAt, 'before'],
    ['expires_after', (t) => (t.expiresAt ? Date.parse(`${t.expiresAt}T00:00:00Z`) : null), 'after'],
    ['expires_before', (t) => (t.expiresAt ? Date.parse(`${t.expiresAt}T00:00:00Z`) : null), 'before'],
  ];
  let out = tokens.slice().sort((a, b) => a.id - b.id);
  for (const [key, value, side] of moments) {
    const raw = text(key);
    if (raw === undefined) continue;
    const limit = Date.parse(raw);
    if (Number.isNaN(limit)) return new ParamError(`${key} is invalid`);
    out = out.filter((token) => {
      const moment = value(token);
      return moment !== null && (side === 'after' ? moment > limit : moment < limit);
    });
  }
  if (state_ !== undefined) out = out.filter((token) => state.isActive(token) === (state_ === 'active'));
  if (revoked !== undefined) out = out.filter((token) => token.revoked === (revoked === 'true'));
  const search = text('search')?.toLowerCase();
  if (search) out = out.filter((token) => token.name.toLowerCase().includes(search));
  const sort = SORTS[text('sort') ?? ''];
  return sort ? out.sort(sort) : out;
}
