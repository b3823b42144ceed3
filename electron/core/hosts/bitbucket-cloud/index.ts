import type { HostPlugin } from '../plugin';
import { BitbucketCloudAdapter } from './adapter';
import { byHand, revokeHeldByHand } from './leak';

export const bitbucketCloud: HostPlugin = {
  createAdapter: (baseUrl, http) => new BitbucketCloudAdapter(baseUrl, http),
  byHand,
  revokeHeldByHand,
};
