// A GitHub git origin for tests: repositories at /OWNER/REPO.git, the clone URLs GitHub shows, served by
// `git http-backend` from `projectRoot`/owner/repo.git; every other path forwarded to the GitHub
// simulator. With the simulator's `enterprise` personality that is GitHub Enterprise Server's layout,
// git and /api/v3 on one origin. With `github.com` this origin plays github.com and the API stays at
// the simulator's own origin, as api.github.com.
// Git authenticates with Basic: any non-empty username and a live token as the password; a missing,
// unknown, expired or revoked token gets 401 with GitHub's realm, so git asks its helpers; a live token
// that may not do this (scope, permission, someone else's repository) gets 403.
import type { GitHubSimulator } from './github';
import { basicCredentials, startGitOrigin, type SmartHttpServer } from './smart-http-server';

export const GITHUB_REALM = 'GitHub';

/** "owner/repo" for a path under /OWNER/REPO.git, else null. */
function repositoryOf(pathname: string): string | null {
  const match = /^\/([^/]+)\/([^/]+)\.git(\/|$)/.exec(pathname);
  return match ? `${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}` : null;
}

export function startGitHubGitServer(sim: GitHubSimulator, simBaseUrl: string, projectRoot: string): Promise<SmartHttpServer> {
  return startGitOrigin({
    projectRoot,
    upstream: simBaseUrl,
    realm: GITHUB_REALM,
    gitPath: (pathname) => (repositoryOf(pathname) === null ? null : pathname),
    authenticate(header, service, pathname) {
      const basic = basicCredentials(header);
      const verdict = sim.gitAccess(basic, repositoryOf(pathname)!, service);
      const sentUsername = basic?.username ?? null;
      return verdict.ok ? { ok: true, user: verdict.login, tokenId: null, sentUsername } : { ok: false, status: verdict.status, sentUsername };
    },
  });
}
