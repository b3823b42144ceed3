import type { HostPlugin } from '../plugin';
import { GitHubAdapter } from './adapter';
import { byHand } from './leak';

export const github: HostPlugin = { createAdapter: (baseUrl, http) => new GitHubAdapter(baseUrl, http), byHand };
