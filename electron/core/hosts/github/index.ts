import type { HostPlugin } from '../plugin';
import { GitHubAdapter, newTokenPageUrl } from './adapter';
import { byHand, publicServers, revokeUnheld } from './leak';

export const github: HostPlugin = {
  createAdapter: (baseUrl, http) => new GitHubAdapter(baseUrl, http),
  byHand,
  publicServers,
  revokeUnheld,
  newTokenPages(baseUrl, name, scopes) {
    const classic = newTokenPageUrl(baseUrl, name, scopes.length > 0 ? scopes : undefined);
    const web = classic.slice(0, classic.indexOf('/settings/tokens/new'));
    return [classic, `${web}/settings/personal-access-tokens/new`];
  },
};
