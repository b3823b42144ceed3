import { normalizeBaseUrl } from '../../../../shared/url';
import type { HostPlugin } from '../plugin';
import { BitbucketDataCenterAdapter } from './adapter';
import { byHand, notFoundByHand } from './leak';

export const bitbucketDataCenter: HostPlugin = {
  createAdapter: (baseUrl, http) => new BitbucketDataCenterAdapter(normalizeBaseUrl(baseUrl), http),
  byHand,
  notFoundByHand,
};
