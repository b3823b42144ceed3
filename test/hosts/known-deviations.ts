// Where real Bitbucket Data Center servers (and so the simulator) differ from the published spec
// (test/fixtures/specs/bitbucket-datacenter-9.2.openapi.json). The one place these are listed: the contract
// test fails on any difference not listed here, and on any entry here the simulator no longer shows.
// The adapter accepts both forms wherever they differ.

export type DeviationKind =
  /** A property's JSON type differs from the spec's. */
  | 'type'
  /** A property the spec's schema does not declare. */
  | 'undeclared-property'
  /** A status code the spec does not declare for that operation. */
  | 'undeclared-status'
  /** The whole body has another shape than the spec's schema. */
  | 'shape';

export interface KnownDeviation {
  kind: DeviationKind;
  /** `Schema.property` for type/undeclared-property; `METHOD /path/template` for undeclared-status/shape. */
  where: string;
  status?: number;
  /** What real servers do. */
  real: string;
  source: string;
}

const TOKEN_SCHEMAS = ['RestAccessToken', 'RestRawAccessToken'];
const FIXTURES = 'hosts.md: response fields seen from real servers (Eclipse Che test fixtures; Atlassian KB list example)';

const tokenFields: KnownDeviation[] = TOKEN_SCHEMAS.flatMap((schema) => [
  { kind: 'type', where: `${schema}.createdDate`, real: 'epoch milliseconds as a number; the spec says a date-time string', source: FIXTURES },
  { kind: 'undeclared-property', where: `${schema}.permissions`, real: 'the granted permissions, e.g. ["PROJECT_READ","REPO_WRITE"]', source: FIXTURES },
  { kind: 'undeclared-property', where: `${schema}.expiryDays`, real: 'present when the token expires', source: FIXTURES },
  { kind: 'undeclared-property', where: `${schema}.user`, real: 'the owning user {name, slug, displayName, emailAddress, id, active, type}', source: FIXTURES },
]);

// Rate limiting is an admin option; when on, any endpoint may answer 429 (Retry-After UNCONFIRMED).
const RATE_LIMITED = ['GET /access-tokens/latest/users/{userSlug}'];

export const KNOWN_DEVIATIONS: KnownDeviation[] = [
  ...tokenFields,
  // Only a listed token can have been used; a fresh one (RestRawAccessToken) never carries it.
  { kind: 'undeclared-property', where: 'RestAccessToken.lastAuthenticated', real: 'epoch ms of last use, present once used', source: FIXTURES },
  {
    kind: 'type',
    where: 'RestErrorMessage.context',
    real: 'null when the error concerns no single field; the spec says string',
    source: 'Bitbucket error envelopes as served (hosts.md: "context": string|null)',
  },
  {
    kind: 'shape',
    where: 'GET /api/latest/users',
    status: 200,
    real: 'a page {size, limit, isLastPage, start, nextPageStart, values:[RestApplicationUser]}; the spec names a single user',
    source: 'spec description "Retrieve a page of users" contradicts its own schema; hosts.md paging applies to all list endpoints',
  },
  ...RATE_LIMITED.map(
    (where): KnownDeviation => ({
      kind: 'undeclared-status',
      where,
      status: 429,
      real: 'too many requests, when the administrator turned rate limiting on',
      source: 'hosts.md: rate limiting (429) when the admin enables it',
    }),
  ),
  {
    kind: 'undeclared-status',
    where: 'POST /access-tokens/latest/users/{userSlug}/{tokenId}',
    status: 404,
    real: 'an unknown token id answers 404 as GET and DELETE do; the spec lists only 200, 400, 401 for the update',
    source: 'spec: 404 "The specified user or token does not exist" on the sibling GET/DELETE',
  },
];

// Surprising but as the spec says, so not deviations: create is a PUT answering 200 (not 201); revoke
// answers 204 with no body; nextPageStart is absent on the last page; the server caps `limit`.
