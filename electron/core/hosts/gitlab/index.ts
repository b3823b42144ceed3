import { normalizeBaseUrl } from '../../../../shared/url';
import type { HostPlugin } from '../plugin';
import { GitLabAdapter } from './adapter';
import { byHand, newTokenPages, publicServers, revokeUnheld } from './leak';

export const gitlab: HostPlugin = {
  createAdapter: (baseUrl, http) => new GitLabAdapter(normalizeBaseUrl(baseUrl), http),
  byHand,
  publicServers,
  revokeUnheld,
  newTokenPages,
};
