import type { HostPlugin } from '../plugin';
import { GitHubAdapter } from './adapter';
import { githubNewTokenPages } from '../../../../shared/hosts/github';
import { byHand, publicServers, revokeUnheld } from './leak';

export const github: HostPlugin = {
  createAdapter: (baseUrl, http) => new GitHubAdapter(baseUrl, http),
  byHand,
  publicServers,
  revokeUnheld,
  newTokenPages(baseUrl, name, scopes) {
    const pages = githubNewTokenPages(baseUrl, name, scopes.length > 0 ? scopes : undefined);
    return [pages.classic, pages.fineGrained];
  },
};
