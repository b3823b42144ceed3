// Where GitHub (and so the GitHub simulator) differs from the published description
// (test/fixtures/specs/github-api.2026-03-10.tokens-trimmed.openapi.json, its stubbed components filled
// from github-spec-components.ts), for the calls Latch makes. As with known-deviations.ts: the contract
// test fails on a difference not listed here, and on an entry here the simulator no longer shows.
import type { KnownDeviation } from './known-deviations';

/** As KnownDeviation, plus whole operations the trimmed copy leaves out. */
export type GitHubDeviation = Omit<KnownDeviation, 'kind'> & { kind: KnownDeviation['kind'] | 'undeclared-operation' };

const REVOKE = 'POST /credentials/revoke';

export const GITHUB_KNOWN_DEVIATIONS: GitHubDeviation[] = [
  {
    kind: 'undeclared-operation',
    where: 'GET /user',
    // Not a difference of GitHub's: the copy holds only the token paths. The contract test checks
    // GET /user against the fields hosts-next.md §3.4 names instead (login, id, and the headers).
    real: 'the authenticated user, with X-OAuth-Scopes and GitHub-Authentication-Token-Expiration; left out of the trimmed copy',
    source: 'hosts-next.md §0 ("Left out: GET /user") and §3.4',
  },
  {
    kind: 'undeclared-status',
    where: REVOKE,
    status: 403,
    real: 'an authenticated call on github.com, or one without a User-Agent (as on every endpoint); also the rate limit, where GitHub answers it with 403',
    source: 'the operation\'s own description: "Any authenticated requests will return a 403."; GitHub docs, getting started with the REST API: "Requests with no User-Agent header will be rejected"',
  },
  {
    kind: 'undeclared-status',
    where: REVOKE,
    status: 429,
    real: 'over 60 calls an hour from one client, with x-ratelimit-remaining: 0 and Retry-After',
    source: 'the operation\'s description ("limited to only 60 unauthenticated requests per hour"); GitHub docs, troubleshooting the REST API: "403 Forbidden or 429 Too Many Requests … x-ratelimit-remaining header will be 0"',
  },
  {
    kind: 'undeclared-status',
    where: REVOKE,
    status: 400,
    real: '"Problems parsing JSON" for a body that is not JSON, as on every endpoint',
    source: 'GitHub docs, client errors: "Sending invalid JSON will result in a 400 Bad Request response"',
  },
  {
    kind: 'undeclared-status',
    where: REVOKE,
    status: 401,
    real: 'Enterprise Server: bad credentials, or none where the server wants them ("Requires authentication")',
    source: 'hosts-next.md §3.2: GHES 3.21\'s copy speaks of "60 authenticated requests per hour" (derived: such a server may refuse a call without credentials)',
  },
  {
    kind: 'undeclared-status',
    where: REVOKE,
    status: 404,
    real: 'Enterprise Server releases without the endpoint: "Not Found", as for any route a server does not have',
    source: 'hosts-next.md §3.2 (the endpoint came to GHES copies late; derived)',
  },
  {
    kind: 'undeclared-property',
    where: 'validation-error-simple.status',
    real: 'GitHub sends the status as a string in every error body ("status":"422"); basic-error declares it, validation-error-simple does not',
    source: 'the 401 body GitHub sends for bad credentials ({"message":"Bad credentials","documentation_url":…,"status":"401"}); basic-error.status in the description',
  },
];
