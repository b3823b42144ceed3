import { normalizeBaseUrl } from '../../../../shared/url';
import type { HostPlugin } from '../plugin';
import { GiteaAdapter } from './adapter';
import { byHand, notFoundBySecret, revokeHeldByHand } from './leak';

export const gitea: HostPlugin = {
  createAdapter: (baseUrl, http) => new GiteaAdapter(normalizeBaseUrl(baseUrl), http),
  byHand,
  notFoundBySecret,
  revokeHeldByHand,
};
