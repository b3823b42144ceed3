// Where api.bitbucket.org (and so the Bitbucket Cloud simulator) differs from the published spec
// (test/fixtures/specs/bitbucket-cloud-2.0.openapi.json), for the one operation Latch uses. As with
// known-deviations.ts: the contract test fails on a difference not listed here, and on an entry here
// the simulator no longer shows.
import type { KnownDeviation } from './known-deviations';

const USER_FIELDS = 'hosts.md: REST answers and git clone URLs carry the Bitbucket username; GET /2.0/user returns it';

export const CLOUD_KNOWN_DEVIATIONS: KnownDeviation[] = [
  {
    kind: 'undeclared-property',
    where: 'user.username',
    real: "the Bitbucket username (what clone URLs carry); the spec's account and user schemas leave it out",
    source: USER_FIELDS,
  },
  {
    kind: 'undeclared-status',
    where: 'GET /user',
    status: 403,
    // Its error.detail is an object {granted:[…], required:[…]} where the spec's error says string;
    // the adapter reads neither, so only the status is listed.
    real: 'a token without read:user:bitbucket: "Your credentials lack one or more required privilege scopes."',
    source: 'hosts.md: GET https://api.bitbucket.org/2.0/user needs read:user:bitbucket',
  },
  {
    kind: 'undeclared-status',
    where: 'GET /user',
    status: 429,
    real: 'rate limited, as any Bitbucket Cloud endpoint may be',
    source: 'hosts.md: 429 when rate limited',
  },
];
