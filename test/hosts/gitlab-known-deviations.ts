// Where real GitLab servers (and so the GitLab simulator) differ from the published description
// (test/fixtures/specs/gitlab-17.10-pre.2025-03-05.openapi_v2.yaml, generated from GitLab's Grape
// endpoints). The one place these are listed: gitlab-contract.test.ts fails on any difference not
// listed here, and on any entry the simulator no longer shows. The description documents success
// answers and a few failures by message only, so most entries are statuses it leaves out.
import type { DeviationKind, KnownDeviation } from './known-deviations';

export interface GitLabDeviation extends Omit<KnownDeviation, 'kind'> {
  /** GitLab's description also leaves whole operations out. */
  kind: DeviationKind | 'undeclared-operation';
}

/**
 * Scopes project and group tokens take that the description's enum lacks: GitLab lists the registry
 * scopes only when the container registry is on, and the generator ran with it off.
 * Source: hosts-next.md §2.4 (doc/security/tokens/access_token_scopes.md); Gitlab::Auth.registry_scopes.
 */
export const GITLAB_ONLY_SCOPES = ['read_registry', 'write_registry', 'read_virtual_registry', 'write_virtual_registry'] as const;

const PAT = 'API_Entities_PersonalAccessToken';
const RESOURCE = 'API_Entities_ResourceAccessToken';
const ENTITIES = [PAT, `${PAT}WithLastUsedIps`, `${PAT}WithToken`, RESOURCE, `${RESOURCE}WithToken`];
const ENTITY_SOURCE = 'hosts-next.md §2.1 response shape: "last_used_at": null, "expires_at": "2023-08-15" (doc/api/personal_access_tokens.md)';

const entityFields: GitLabDeviation[] = ENTITIES.flatMap((entity): GitLabDeviation[] => [
  { kind: 'type', where: `${entity}.expires_at`, real: 'a date, YYYY-MM-DD (the token stops at 00:00 UTC that day); the description says date-time', source: ENTITY_SOURCE },
  { kind: 'type', where: `${entity}.last_used_at`, real: 'null until the token is first used', source: ENTITY_SOURCE },
  {
    kind: 'type',
    where: `${entity}.description`,
    real: 'null when the token was made without one',
    source: 'PersonalAccessTokens::CreateService stores params[:description] as given (nil when absent); the entity exposes it as is',
  },
]);

const PLANNER = 'lib/api/resource_access_tokens.rb: access_level values Gitlab::Access.options_with_owner, which include Planner (15) since 17.7';

const status = (where: string, code: number, real: string, source: string): GitLabDeviation => ({ kind: 'undeclared-status', where, status: code, real, source });
const API_CODE = 'lib/api/helpers.rb: unauthorized! → 401 {"message":"401 Unauthorized"}, bad_request!(reason) → 400 "400 Bad request - reason", not_found!(thing) → 404 "404 thing Not Found"';
const GRAPE = 'Grape parameter validation answers 400 {"error":"<param> is missing / is invalid / does not have a valid value"}';

const resourceStatuses = (['projects', 'groups'] as const).flatMap((kind): GitLabDeviation[] => {
  const base = `/api/v4/${kind}/{id}/access_tokens`;
  return [
    status(`GET ${base}`, 401, 'the caller is below Maintainer (project) or Owner (group): unauthorized!', 'lib/api/resource_access_tokens.rb, "next unauthorized! unless current_user.can?(:read_resource_access_tokens, resource)"'),
    status(`GET ${base}`, 404, `"404 ${kind === 'projects' ? 'Project' : 'Group'} Not Found": missing, or private and not visible to the caller`, `${API_CODE}; find_source`),
    status(`POST ${base}`, 400, 'a parameter fails validation, or the service refuses ("User does not have permission to create … access token", "Access level of the token contains permissions not held by the creating user", "Expires at must be before …")', `${GRAPE}; ResourceAccessTokens::CreateService; bad_request!(token_response.message)`),
    status(`POST ${base}`, 404, 'the project or group is missing or not visible', `${API_CODE}; find_source`),
    status(`GET ${base}/{token_id}`, 404, `"404 ${kind.slice(0, -1)} Access Token Not Found"`, 'lib/api/resource_access_tokens.rb: not_found!("#{source_type} Access Token")'),
    status(`POST ${base}/{token_id}/rotate`, 200, 'rotation answers 200 ("status :ok"); the description says 201', 'lib/api/resource_access_tokens.rb rotate: status :ok; hosts-next.md §2.1 "200 with token"'),
    status(`POST ${base}/{token_id}/rotate`, 400, '"400 Bad request - Token already revoked", or an expiry past the limit', 'PersonalAccessTokens::RotateService error_response; bad_request!(response.message)'),
    status(`POST ${base}/{token_id}/rotate`, 401, 'the caller may not manage the resource\'s tokens, or no such token (only administrators hear 404)', 'lib/api/resource_access_tokens.rb: "current_user.can_admin_all_resources? ? not_found! : unauthorized!"'),
  ];
});

export const GITLAB_KNOWN_DEVIATIONS: GitLabDeviation[] = [
  {
    kind: 'undeclared-operation',
    where: 'GET /api/v4/user',
    real: 'the signed-in user (API::Entities::UserPublic; bot: true for project and group tokens); needs api, read_api or read_user',
    source: 'hosts-next.md §0: the generated description is missing GET /api/v4/user; doc/api/users.md',
  },
  ...entityFields,
  { kind: 'type', where: `${RESOURCE}.access_level`, real: '15 for a Planner token; the entity enum stops at 10, 20, 30, 40, 50', source: PLANNER },
  { kind: 'type', where: `${RESOURCE}WithToken.access_level`, real: '15 for a Planner token', source: PLANNER },
  {
    kind: 'undeclared-property',
    where: `${PAT}.last_used_ips`,
    real: 'GET /personal_access_tokens/self presents PersonalAccessTokenWithLastUsedIps; the 17.10 description names the plain entity',
    source: 'lib/api/personal_access_tokens/self_information.rb: "success code: 200, model: Entities::PersonalAccessTokenWithLastUsedIps"; hosts-next.md §2.1 (last_used_ips)',
  },
  // Any endpoint: the API guard and Rack::Attack answer before the endpoint's own documentation applies.
  status('GET /api/v4/personal_access_tokens', 403, 'the token lacks api and read_api: {"error":"insufficient_scope",…,"scope":"api read_api"}', 'lib/api/api_guard.rb InsufficientScopeError; hosts-next.md §2.9 error shapes'),
  status('GET /api/v4/personal_access_tokens', 429, 'throttled: text "Retry later", Retry-After and RateLimit-* headers', 'hosts-next.md §2.9: throttling → 429 with Retry-After and RateLimit-*'),
  status('GET /api/v4/personal_access_tokens', 400, 'a filter fails validation, e.g. state=gone', GRAPE),
  status('DELETE /api/v4/personal_access_tokens/self', 401, 'an unknown, revoked or expired token never reaches the endpoint', 'hosts-next.md §2.9: "An already revoked or expired token gives 401"'),
  status('DELETE /api/v4/personal_access_tokens/{id}', 404, '{"message":"404 Not found"}: find_token raises RecordNotFound', 'lib/api/helpers/personal_access_tokens_helpers.rb find_token; API::API rescues RecordNotFound as 404'),
  status('POST /api/v4/personal_access_tokens/{id}/rotate', 200, 'rotation answers 200; the description says 201', 'lib/api/helpers/personal_access_tokens_helpers.rb rotate_token: status :ok; hosts-next.md §2.1 "200 with token"'),
  status('POST /api/v4/personal_access_tokens/{id}/rotate', 400, '"400 Bad request - Token already revoked", or an expiry past the limit', 'hosts-next.md §2.1 rotate: 400'),
  status('POST /api/v4/personal_access_tokens/{id}/rotate', 401, 'not the caller\'s token, or none with that id', 'hosts-next.md §2.1 rotate: "401 (missing, expired, revoked, not yours)"'),
  ...resourceStatuses,
];

// As the description says, so not deviations: creating a project or group token answers 201; revoking
// answers 204 with no body; /self/rotate answers 200; GET /personal_access_tokens/:id answers 401 for
// someone else's token (404 is for administrators).
