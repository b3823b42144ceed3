// What a person does by hand about a GitHub token.
import { githubPrefix } from '../../../../shared/hosts/github';
import type { ByHand } from '../plugin';

export function byHand(_recognition: unknown, secret: string): ByHand {
  return {
    outcome: 'by-hand',
    sentence:
      `Latch cannot revoke GitHub tokens. If it is yours, delete it now on GitHub${githubWhere(secret)}. ` +
      'If it is not yours, anyone can have GitHub revoke a leaked token without signing in: send it in a POST request to ' +
      'https://api.github.com/credentials/revoke with the body {"credentials": ["<the token>"]}; GitHub revokes it and tells its owner. ' +
      'Latch does not send it for you.',
    manageUrl: githubUrl(secret),
  };
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
