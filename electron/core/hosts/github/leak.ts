// What a person does by hand about a GitHub token.
import { githubPrefix } from '../../../../shared/hosts/github';
import type { ByHand } from '../plugin';

/** Where each kind of GitHub token is deleted by its owner: the page, and the way there in words. */
const PAGES: Record<string, [url: string, where: string]> = {
  github_pat_: ['https://github.com/settings/personal-access-tokens', ' under Settings → Developer settings → Fine-grained tokens'],
  ghp_: ['https://github.com/settings/tokens', ' under Settings → Developer settings → Tokens (classic)'],
};
const APPS: [url: string, where: string] = ['https://github.com/settings/applications', ' by revoking the app under Settings → Applications'];

export function byHand(_recognition: unknown, secret: string): ByHand {
  const [url, where] = PAGES[githubPrefix(secret) ?? ''] ?? APPS;
  return {
    outcome: 'by-hand',
    sentence:
      `Latch cannot revoke GitHub tokens. If it is yours, delete it now on GitHub${where}. ` +
      'If it is not yours, anyone can have GitHub revoke a leaked token without signing in: send it in a POST request to ' +
      'https://api.github.com/credentials/revoke with the body {"credentials": ["<the token>"]}; GitHub revokes it and tells its owner. ' +
      'Latch does not send it for you.',
    manageUrl: url,
  };
}
