import type { HostPlugin } from '../plugin';
import { GitHubAdapter, newTokenPageUrl } from './adapter';
import { githubNewTokenPages } from '../../../../shared/hosts/github';
import { byHand, publicServers, revokeUnheld } from './leak';

export const github: HostPlugin = {
  createAdapter: (baseUrl, http) => new GitHubAdapter(baseUrl, http),
  byHand,
  publicServers,
  revokeUnheld,
  newTokenPages(baseUrl, name, scopes) {
    const classic = newTokenPageUrl(baseUrl, name, scopes.length > 0 ? scopes : undefined);
    return [classic, githubNewTokenPages(classic, name).fineGrained];
  },
};
