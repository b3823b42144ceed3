// Picks the adapter for a host kind. Hosts without one yet say plainly what they cannot do.
import type { HostKind } from '../../../shared/domain';
import { HOST_CAPABILITIES } from '../../../shared/hosts';
import { LatchError } from '../../../shared/result';
import { normalizeBaseUrl } from '../../../shared/url';
import type { HttpClient } from '../http/client';
import type { HostAdapter } from './adapter';
import { BitbucketCloudAdapter } from './bitbucket-cloud';
import { BitbucketDataCenterAdapter } from './bitbucket-datacenter';

export function createAdapter(kind: HostKind, baseUrl: string, http: HttpClient): HostAdapter {
  switch (kind) {
    case 'bitbucket-datacenter':
      return new BitbucketDataCenterAdapter(normalizeBaseUrl(baseUrl), http);
    case 'bitbucket-cloud':
      return new BitbucketCloudAdapter(baseUrl, http);
    default: {
      const capabilities = HOST_CAPABILITIES[kind];
      throw new LatchError(
        'unsupported',
        capabilities.limitation ?? `Latch cannot manage ${capabilities.label} tokens yet.`,
      );
    }
  }
}

export { BitbucketDataCenterAdapter, SecretLostError } from './bitbucket-datacenter';
export { BitbucketCloudAdapter, cloudApiBase, CLOUD_BASE_URL } from './bitbucket-cloud';
export type { HostAdapter, HostCredentials, HostIdentity, HostToken, NewTokenSpec } from './adapter';
