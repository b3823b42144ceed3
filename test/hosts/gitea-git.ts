// The git side of a Gitea or Forgejo stand-in: repositories at /OWNER/REPO.git through `git
// http-backend`, everything else (the /api/v1 REST API) forwarded to the simulator, as one server
// answers both. git authenticates with Basic: any username and a token the simulator issued, or the
// account password when the account has neither two-factor authentication nor a security key.
// Fetching needs a token with read:repository and pushing write:repository, else 403; a
// repository-specific Forgejo token is 403 on any other repository. Without credentials, or with
// refused ones, 401 with `Basic realm="Gitea"` (Forgejo answers with the same realm).
// Sources: hosts-next.md §1.6 and §1.8; Gitea and Forgejo routers/web/repo/githttp.go (the realm,
// CheckRepoScopedToken's 403).
// Simplified: every repository is private to its owner (no collaborators), and another user's
// credentials get 403 where the servers answer 404 "Repository not found" (the origin's verdicts are
// 401 or 403); a refused Basic answers with the realm too, where the servers send it only to an
// anonymous request.
import { grants } from './gitea-rules';
import type { GiteaSimulator } from './gitea';
import { basicCredentials, startGitOrigin, type GitService, type SmartHttpServer } from './smart-http-server';

const NEEDED: Record<GitService, string> = { read: 'read:repository', write: 'write:repository' };

/** /OWNER/REPO.git from `projectRoot`/OWNER/REPO.git; /api/v1/… to the simulator at `simBaseUrl`. */
export function startGiteaGitServer(sim: GiteaSimulator, simBaseUrl: string, projectRoot: string): Promise<SmartHttpServer> {
  // The origin asks gitPath and then, at once and for the same request, authenticate: the
  // repository the one names is the one the other checks.
  let repository = '';
  return startGitOrigin({
    projectRoot,
    upstream: simBaseUrl,
    realm: 'Gitea',
    gitPath(pathname) {
      const match = /^\/([^/]+)\/([^/]+)\.git(\/|$)/.exec(pathname);
      if (!match || match[1] === 'api') return null;
      repository = `${match[1]}/${match[2]}`.toLowerCase();
      return pathname;
    },
    authenticate(header, service) {
      const basic = basicCredentials(header);
      if (!basic) return { ok: false, status: 401, sentUsername: null };
      const who = sim.gitUser(basic.username, basic.password);
      if (!who) return { ok: false, status: 401, sentUsername: basic.username };
      const [owner] = repository.split('/');
      if (owner !== who.username.toLowerCase()) return { ok: false, status: 403, sentUsername: basic.username };
      // A password carries every right; a token only its scopes (and Forgejo's only its repositories).
      if (who.scopes !== null && !grants(who.scopes, NEEDED[service])) return { ok: false, status: 403, sentUsername: basic.username };
      if (who.repositories !== null && !who.repositories.includes(repository)) return { ok: false, status: 403, sentUsername: basic.username };
      return { ok: true, user: who.username, tokenId: null, sentUsername: basic.username };
    },
  });
}
