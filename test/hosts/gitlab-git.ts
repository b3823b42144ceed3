// Real git against the GitLab simulator: one origin on 127.0.0.1 serving GROUP/…/PROJECT.git through
// `git http-backend` (repositories under `projectRoot`, e.g. projectRoot/acme/tools/app.git) and
// forwarding /api/v4 to the simulator, as a GitLab host serves both. GitLab's git check: Basic with any
// non-blank username and a personal, project or group token as the password (hosts-next.md §2.8);
// the simulator's gitAccess decides, and its answers reach git as GitLab's do:
//   401 with Basic realm="GitLab" for no, an unknown, revoked or expired token (or a bot token
//       outside its project or group: GitLab fails the login itself there);
//   404 for a person's token on a project they cannot see;
//   403 when the token's scopes or the person's role do not allow fetching or pushing.
import type { GitLabSimulator } from './gitlab';
import { basicCredentials, startGitOrigin, type SmartHttpServer } from './smart-http-server';

const REPOSITORY = /^\/(.+?)\.git(\/|$)/;

export function startGitLabGitServer(sim: GitLabSimulator, simBaseUrl: string, projectRoot: string): Promise<SmartHttpServer> {
  return startGitOrigin({
    projectRoot,
    upstream: simBaseUrl,
    realm: 'GitLab',
    gitPath: (pathname) => (!pathname.startsWith('/api/') && REPOSITORY.test(pathname) ? pathname : null),
    authenticate(header, service, pathname) {
      const basic = basicCredentials(header);
      if (!basic) return { ok: false, status: 401, sentUsername: null };
      const projectPath = decodeURIComponent(REPOSITORY.exec(pathname)![1]!);
      const decision = sim.gitAccess(basic.username, basic.password, projectPath, service);
      if (!decision.ok) return { ok: false, status: decision.status, sentUsername: basic.username };
      return { ok: true, user: decision.user, tokenId: String(decision.tokenId), sentUsername: basic.username };
    },
  });
}
