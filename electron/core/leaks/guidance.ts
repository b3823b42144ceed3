// What a person does by hand where Latch cannot revoke a secret itself: which page, which menu.
// Facts from the shared host reference (hosts.md). No network call is made for any of these.
import { HOST_CAPABILITIES } from '../../../shared/hosts';
import { githubPrefix } from '../../../shared/leaks';
import type { SecretRecognition } from '../../../shared/secret-formats';

export interface ByHand {
  outcome: 'dead' | 'by-hand' | 'unknown';
  sentence: string;
  manageUrl: string | null;
}

/**
 * For a secret that is not one Latch can revoke. `seenAt` are the hosts git's credential-store files
 * would have sent it to (e.g. https://gitlab.example.com): the best hint of where it works.
 */
export function byHandGuidance(recognition: SecretRecognition, secret: string, seenAt: readonly string[]): ByHand {
  const server = seenAt[0] ?? null;
  const seen = seenAt.length > 0 ? ` git had it saved for ${seenAt.join(', ')}.` : '';
  switch (recognition.kind) {
    case 'bitbucket-cloud-app-password':
      return {
        outcome: 'dead',
        sentence:
          'Bitbucket Cloud app passwords stopped working on 9 June 2026, so this one no longer opens anything and there is nothing left to revoke. ' +
          'Use an Atlassian API token with scopes where you still need access.',
        manageUrl: null,
      };
    case 'atlassian-api-token':
      return {
        outcome: 'by-hand',
        sentence:
          'Atlassian has no API to revoke API tokens, so revoke it yourself now: sign in at id.atlassian.com, open Security → API tokens, and revoke it there.',
        manageUrl: HOST_CAPABILITIES['bitbucket-cloud'].manageUrl?.('') ?? null,
      };
    case 'bitbucket-cloud-access-token':
      return {
        outcome: 'by-hand',
        sentence:
          'Bitbucket Cloud has no API to revoke access tokens, so revoke it yourself now: in Bitbucket, open the settings of the repository, ' +
          'project or workspace it belongs to, then Access tokens, and revoke it there.' +
          seen,
        manageUrl: null,
      };
    case 'github':
      return {
        outcome: 'by-hand',
        sentence:
          `Latch cannot revoke GitHub tokens. If it is yours, delete it now on GitHub${githubWhere(secret)}. ` +
          'If it is not yours, anyone can have GitHub revoke a leaked token without signing in: send it in a POST request to ' +
          'https://api.github.com/credentials/revoke with the body {"credentials": ["<the token>"]}; GitHub revokes it and tells its owner. ' +
          'Latch does not send it for you.',
        manageUrl: githubUrl(secret),
      };
    case 'gitlab': {
      const url = HOST_CAPABILITIES.gitlab.manageUrl?.(server ?? 'https://gitlab.com') ?? null;
      return {
        outcome: 'by-hand',
        sentence:
          `Latch cannot revoke GitLab tokens yet, so revoke it yourself now: a personal token under User settings → Access tokens (${url}), ` +
          "a project or group token under that project's or group's Settings → Access tokens." +
          seen,
        manageUrl: url,
      };
    }
    case 'gitea': {
      const url = server ? (HOST_CAPABILITIES.gitea.manageUrl?.(server) ?? null) : null;
      return {
        outcome: 'by-hand',
        sentence:
          'Latch cannot revoke Gitea or Forgejo tokens yet, so if this is one, revoke it yourself now under Settings → Applications on the server it works on.' +
          seen,
        manageUrl: url,
      };
    }
    case 'bitbucket-datacenter': {
      // Only reached when the secret does not embed a readable token id.
      const url = server ? (HOST_CAPABILITIES['bitbucket-datacenter'].manageUrl?.(server) ?? null) : null;
      return {
        outcome: 'by-hand',
        sentence:
          'Latch cannot tell which token this is, so revoke it yourself: sign in to the Bitbucket server it works on, open Manage account → HTTP access tokens, ' +
          'and revoke it there (a project or repository token is under that project’s or repository’s settings).' +
          seen,
        manageUrl: url,
      };
    }
    case 'unknown':
      return {
        outcome: 'unknown',
        sentence:
          'Latch does not recognise this secret and holds no copy of it, so it cannot tell where it works. Change or revoke it where it was issued.' + seen,
        manageUrl: null,
      };
  }
}

function githubUrl(secret: string): string {
  switch (githubPrefix(secret)) {
    case 'github_pat_':
      return 'https://github.com/settings/personal-access-tokens';
    case 'ghp_':
      return 'https://github.com/settings/tokens';
    default:
      return 'https://github.com/settings/applications';
  }
}

function githubWhere(secret: string): string {
  switch (githubPrefix(secret)) {
    case 'github_pat_':
      return ' under Settings → Developer settings → Fine-grained tokens';
    case 'ghp_':
      return ' under Settings → Developer settings → Tokens (classic)';
    default:
      return ' by revoking the app under Settings → Applications';
  }
}
