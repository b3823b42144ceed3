// The host plug-ins, one per host kind, each from its own folder. Adding a host adds one line here
// beside its entry in the host table (shared/hosts/).
import type { HostKind } from '../../../shared/hosts';
import type { HttpClient } from '../http/client';
import type { HostAdapter } from './adapter';
import { bitbucketCloud } from './bitbucket-cloud';
import { bitbucketDataCenter } from './bitbucket-datacenter';
import { gitea } from './gitea';
import { github } from './github';
import { gitlab } from './gitlab';
import type { HostPlugin } from './plugin';

export const HOST_PLUGINS: Record<HostKind, HostPlugin> = {
  'bitbucket-datacenter': bitbucketDataCenter,
  'bitbucket-cloud': bitbucketCloud,
  github,
  gitea,
  gitlab,
};

export function createAdapter(kind: HostKind, baseUrl: string, http: HttpClient): HostAdapter {
  return HOST_PLUGINS[kind].createAdapter(baseUrl, http);
}

export { BitbucketDataCenterAdapter } from './bitbucket-datacenter/adapter';
export { GiteaAdapter } from './gitea/adapter';
export { BitbucketCloudAdapter, cloudApiBase, CLOUD_BASE_URL } from './bitbucket-cloud/adapter';
export { SecretLostError } from './adapter';
export type { HostAdapter, HostCredentials, HostIdentity, HostToken, NewTokenSpec, RevokeBySecretOutcome, TokenInspection } from './adapter';
export type { ByHand, HostPlugin, UnheldRevoke, UnheldServer } from './plugin';
