// Where real Gitea and Forgejo servers (and so the simulator) differ from their published Swagger
// files in test/fixtures/specs/ (gitea-1.27.1, forgejo-16.0.1 and, for the older answers,
// forgejo-11.0.3). The one place these are listed: the contract test fails on any difference not
// listed here for that file, and on any entry the simulator no longer shows. Clients accept both
// forms wherever they differ.
import type { SwaggerIssue } from './swagger-check';

export type SpecName = 'gitea-1.27.1' | 'forgejo-16.0.1' | 'forgejo-11.0.3';

export interface GiteaDeviation {
  kind: SwaggerIssue['kind'];
  /** `Schema.property` for type/undeclared-property; `METHOD /template` for statuses, bodies and operations; headers add their name. */
  where: string;
  status?: number;
  /** What real servers do. */
  real: string;
  source: string;
  /** The files this difference shows against. */
  specs: SpecName[];
}

const ALL: SpecName[] = ['gitea-1.27.1', 'forgejo-16.0.1', 'forgejo-11.0.3'];
const GITEA: SpecName[] = ['gitea-1.27.1'];
const FORGEJO: SpecName[] = ['forgejo-16.0.1', 'forgejo-11.0.3'];

const AUTH = 'hosts-next.md §1.3: authentication runs before every route (routers/api/v1/api.go apiAuth, reqBasicOrRevProxyAuth)';
const TOKENS = '/users/{username}/tokens';
const ONE_TOKEN = '/users/{username}/tokens/{token}';

// go-swagger writes Gitea's error responses (`error`, `forbidden`) as headers `message` and `url`, and
// `notFound` with nothing, though the server sends {message, url} (404: {errors, message, url}) as the body.
const GITEA_ERROR_BODIES: Array<[string, number]> = [
  [`GET ${TOKENS}`, 403],
  [`POST ${TOKENS}`, 400],
  [`POST ${TOKENS}`, 403],
  [`DELETE ${ONE_TOKEN}`, 403],
  [`DELETE ${ONE_TOKEN}`, 404],
  [`DELETE ${ONE_TOKEN}`, 422],
];

export const GITEA_KNOWN_DEVIATIONS: GiteaDeviation[] = [
  // ---- authentication, on every route ----
  {
    kind: 'undeclared-status',
    where: 'GET /version',
    status: 401,
    real: 'wrong credentials are refused before any route, even a public one ("invalid username, password or token" on Gitea)',
    source: AUTH,
    specs: ALL,
  },
  ...[`GET ${TOKENS}`, `POST ${TOKENS}`, `DELETE ${ONE_TOKEN}`].map(
    (where): GiteaDeviation => ({
      kind: 'undeclared-status',
      where,
      status: 401,
      real: 'not Basic with the account password (Gitea "auth required", Forgejo "auth method not allowed"), a wrong password, a missing, wrong or reused TOTP code, or a security key enrolled',
      source: AUTH,
      specs: ALL,
    }),
  ),
  {
    kind: 'undeclared-status',
    where: 'GET /user',
    status: 401,
    real: 'no credentials: "token is required" (Forgejo declares this one)',
    source: AUTH,
    specs: GITEA,
  },
  {
    kind: 'undeclared-status',
    where: 'GET /user',
    status: 403,
    real: 'a token without read:user: "token does not have at least one of required scope(s), required=[read:user], token scope=…" (Forgejo declares this one)',
    source: 'hosts-next.md §1.6: the user scope guards /user; api.go tokenRequiresScopes',
    specs: GITEA,
  },

  // ---- the token routes ----
  ...[`GET ${TOKENS}`, `POST ${TOKENS}`].map(
    (where): GiteaDeviation => ({
      kind: 'undeclared-status',
      where,
      status: 404,
      real: 'an unknown username: {"errors":["user redirect does not exist [name: …]"],"message":"GetUserByName",…} (Forgejo declares it)',
      source: 'context.UserAssignmentAPI runs for every /users/{username} route',
      specs: GITEA,
    }),
  ),
  {
    kind: 'undeclared-status',
    where: `POST ${TOKENS}`,
    status: 422,
    real: 'a body Go cannot decode or without a name: "[Name]: Required", from the router\'s bind()',
    source: 'hosts-next.md §1.4: 422 on a validation failure',
    specs: ALL,
  },
  ...GITEA_ERROR_BODIES.map(
    ([where, status]): GiteaDeviation => ({
      kind: 'missing-body',
      where,
      status,
      real: 'the error as a JSON body {message, url} (404: {errors, message, url}); the spec puts message and url in headers',
      source: 'hosts-next.md §1.5 (issue #25511 body); Forgejo\'s spec declares the same responses with APIError bodies',
      specs: GITEA,
    }),
  ),
  {
    kind: 'undeclared-header',
    where: `GET ${TOKENS} x-total-count`,
    status: 200,
    real: 'X-Total-Count with the number of tokens, the only paging help (no Link); Forgejo 16 declares it',
    source: 'hosts-next.md §1.7: ctx.SetTotalCountHeader in the list handler (Forgejo 11.0.3 app.go too)',
    specs: ['gitea-1.27.1', 'forgejo-11.0.3'],
  },
  {
    kind: 'undeclared-property',
    where: 'CreateAccessTokenOption.repositories',
    real: 'Gitea and Forgejo before 15 decode the body with Go\'s JSON, which ignores unknown fields: the token is made, for every repository',
    source: 'hosts-next.md §1.4: repository-specific tokens are Forgejo ≥ 15 only',
    specs: ['gitea-1.27.1', 'forgejo-11.0.3'],
  },
  {
    kind: 'type',
    where: 'AccessToken.repositories',
    real: 'null for a token not limited to repositories, as the field\'s own description says',
    source: 'forgejo-16.0.1.swagger.json AccessToken.repositories description: "Will be null if the access token is not limited"',
    specs: ['forgejo-16.0.1'],
  },
  {
    kind: 'type',
    where: 'APINotFound.errors',
    real: 'null when the 404 names no error (Go marshals a nil slice as null)',
    source: 'APIContext.NotFound: errors is a []string left nil unless an error is passed',
    specs: FORGEJO,
  },

  // ---- the self routes of Gitea 1.27 ----
  ...[401, 404].map(
    (status): GiteaDeviation => ({
      kind: 'undeclared-status',
      where: 'GET /token',
      status,
      real: status === 401 ? 'no credentials: "token is required"' : 'Basic instead of the token header: "invalid personal token"',
      source: 'hosts-next.md §1.4: routers/api/v1/token/token.go',
      specs: GITEA,
    }),
  ),
  ...['GET /token', 'DELETE /token'].map(
    (where): GiteaDeviation => ({
      kind: 'undeclared-operation',
      where,
      real: 'Forgejo has no /token route and answers 404 as for any unknown API path; only Gitea ≥ 1.27 has it',
      source: 'hosts-next.md §1.2',
      specs: FORGEJO,
    }),
  ),
];

export const deviationsFor = (spec: SpecName): GiteaDeviation[] => GITEA_KNOWN_DEVIATIONS.filter((deviation) => deviation.specs.includes(spec));
