// What happens to a leaked GitLab token: any personal, project or group token (glpat-) can revoke
// itself, whatever its scopes (hosts-next.md §2.9), so Latch has it do so at gitlab.com and at every
// GitLab server it has an account for (a secret does not say which server issued it), with no account
// needed. Other gl…- secrets cannot, and get words on revoking them by hand.
import { HOSTS } from '../../../../shared/hosts';
import { gitlabNewTokenPage } from '../../../../shared/hosts/gitlab';
import { normalizeBaseUrl } from '../../../../shared/url';
import type { HttpClient } from '../../http/client';
import type { ByHand, HostPlugin, UnheldRevoke, UnheldServer } from '../plugin';
import { askEachServer } from '../unheld';
import { GitLabAdapter } from './adapter';
import { GITLAB_SECRET_LABELS, gitlabSecretKind, gitlabSecretProblem } from './secret-format';

export function byHand(_recognition: unknown, secret: string, seenAt: readonly string[], seen: string): ByHand {
  const url = HOSTS.gitlab.manageUrl?.(seenAt[0] ?? 'https://gitlab.com') ?? null;
  const kind = gitlabSecretKind(secret.trim());
  if (kind !== null && kind !== 'personal-access-token') {
    return {
      outcome: 'by-hand',
      sentence:
        `It is a GitLab ${GITLAB_SECRET_LABELS[kind]}, which cannot revoke itself: reset or revoke it where it was made ` +
        '(the project\'s or group\'s Settings for deploy, runner, trigger and agent tokens; your Preferences for a feed or incoming email token; ' +
        'the application\'s page for an OAuth secret).' +
        seen,
      manageUrl: null,
    };
  }
  return {
    outcome: 'by-hand',
    sentence:
      `Latch could not revoke this GitLab token itself, so revoke it yourself now: a personal token under User settings → Access tokens (${url}), ` +
      "a project or group token under that project's or group's Settings → Access tokens." +
      seen,
    manageUrl: url,
  };
}

export const publicServers: readonly UnheldServer[] = [{ baseUrl: 'https://gitlab.com' }];

/** Has the token revoke itself at every server, one after another, and says what came of it. */
export async function revokeUnheld(secret: string, servers: readonly UnheldServer[], http: HttpClient): Promise<UnheldRevoke> {
  const text = secret.trim();
  const guidance = byHand(null, text, [], '');
  if (gitlabSecretKind(text) !== 'personal-access-token') return { outcome: 'by-hand', sentence: `${guidance.sentence} Latch sent nothing to GitLab.`, manageUrl: null, code: null };
  // A token damaged in copying is the same answer everywhere: nothing is sent.
  const problem = gitlabSecretProblem(text);
  if (problem !== null) return { outcome: 'by-hand', sentence: `${problem} Latch sent nothing to GitLab; copy the whole token and try again.`, manageUrl: null, code: null };
  const { answers, failures, revoked, notReached } = await askEachServer(servers, (server) =>
    new GitLabAdapter(normalizeBaseUrl(server.api?.base ?? server.baseUrl), http).revokeBySecret(text),
  );
  if (revoked.length > 0) {
    return {
      outcome: 'revoked',
      sentence: `Revoked at ${revoked.join(' and ')}: the token revoked itself and no longer works; anything that used it has to be given a new token.${notReached}`,
      manageUrl: null,
      code: null,
    };
  }
  if (failures.length > 0 || answers.length === 0) {
    const reasons = failures.map((failure) => failure.message).join(' ');
    return {
      outcome: 'failed',
      sentence: `Latch could not have it revoked. ${reasons}${notReached} Try again.`.replace(/\s+/g, ' ').trim(),
      manageUrl: guidance.manageUrl,
      code: failures[0]?.code ?? 'network',
    };
  }
  return {
    outcome: 'dead',
    sentence: `Already dead: no GitLab server Latch asked (${answers.map((answer) => answer.server).join(', ')}) accepts it; it was revoked or has expired, or was never valid there.${notReached}`,
    manageUrl: null,
    code: null,
  };
}

export const newTokenPages: NonNullable<HostPlugin['newTokenPages']> = (baseUrl, name, scopes) => [
  gitlabNewTokenPage(baseUrl, name, scopes.length > 0 ? scopes : undefined),
];
