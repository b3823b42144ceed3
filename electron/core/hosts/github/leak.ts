// What happens to a leaked GitHub token: anyone holding it can have GitHub revoke it, so Latch sends it
// to POST /credentials/revoke at github.com and at every Enterprise Server it has an account for (a
// secret does not say which server issued it), and watches it die. What is left by hand is worded here.
import { githubPrefix } from '../../../../shared/hosts/github';
import { LatchError } from '../../../../shared/result';
import type { HttpClient } from '../../http/client';
import type { ByHand, UnheldRevoke, UnheldServer } from '../plugin';
import { askEachServer, type ServerAnswers } from '../unheld';
import { GitHubAdapter } from './adapter';

/** Where each kind of GitHub token is deleted by its owner: the page, and the way there in words. */
const PAGES: Record<string, [url: string, where: string]> = {
  github_pat_: ['https://github.com/settings/personal-access-tokens', ' under Settings → Developer settings → Fine-grained tokens'],
  ghp_: ['https://github.com/settings/tokens', ' under Settings → Developer settings → Tokens (classic)'],
};
const APPS: [url: string, where: string] = ['https://github.com/settings/applications', ' by revoking the app under Settings → Applications'];

const INSTALLATION =
  'It is a GitHub App installation token (ghs_): no one but the app that made it can revoke it, and it stops working by itself within an hour of being made. ' +
  'If the app is yours, revoke the installation token with the app, or rotate the app\'s private key if that leaked too.';

export function byHand(_recognition: unknown, secret: string): ByHand {
  const [url, where] = PAGES[githubPrefix(secret) ?? ''] ?? APPS;
  if (githubPrefix(secret) === 'ghs_') return { outcome: 'by-hand', sentence: INSTALLATION, manageUrl: null };
  return {
    outcome: 'by-hand',
    sentence:
      `If it is yours, delete it now on GitHub${where}. Anyone can also have GitHub revoke a leaked token without signing in, ` +
      'which Latch does for you when it is given the token.',
    manageUrl: url,
  };
}

export const publicServers: readonly UnheldServer[] = [{ baseUrl: 'https://github.com' }];

/** Sends the secret to every server, one after another, and says what came of it. */
export async function revokeUnheld(secret: string, servers: readonly UnheldServer[], http: HttpClient): Promise<UnheldRevoke> {
  const [manageUrl] = (PAGES[githubPrefix(secret) ?? ''] ?? APPS);
  if (githubPrefix(secret) === 'ghs_') return { outcome: 'by-hand', sentence: `${INSTALLATION} Latch sent nothing to GitHub.`, manageUrl: null, code: null };
  let asked: ServerAnswers;
  try {
    asked = await askEachServer(servers, (server) => new GitHubAdapter(server.baseUrl, http, server.api ? { api: server.api } : {}).revokeBySecret(secret));
  } catch (error) {
    // A typo or a kind no API revokes is the same answer everywhere: nothing more was sent.
    if (!(error instanceof LatchError) || error.code !== 'validation') throw error;
    const guidance = byHand(null, secret);
    return { outcome: 'by-hand', sentence: `${error.message} ${guidance.sentence}`, manageUrl: guidance.manageUrl, code: null };
  }
  const { answers, failures, revoked, notReached } = asked;
  if (revoked.length > 0) {
    return {
      outcome: 'revoked',
      sentence: `Revoked at ${revoked.join(' and ')}: GitHub confirmed it no longer works, and tells its owner; anything that used it has to be given a new token.${notReached}`,
      manageUrl: null,
      code: null,
    };
  }
  const pending = answers.filter((answer) => answer.outcome === 'pending').map((answer) => answer.server);
  if (pending.length > 0) {
    return {
      outcome: 'failed',
      sentence: `${pending.join(' and ')} accepted it for revoking but has not confirmed yet that it no longer works. Run this again in a minute.${notReached}`,
      manageUrl,
      code: 'timeout',
    };
  }
  if (failures.length > 0 || answers.length === 0) {
    const reasons = failures.map((failure) => failure.message).join(' ');
    return { outcome: 'failed', sentence: `Latch could not have it revoked. ${reasons}${notReached} Try again.`.replace(/\s+/g, ' ').trim(), manageUrl, code: failures[0]?.code ?? 'network' };
  }
  return {
    outcome: 'dead',
    sentence: `No GitHub server Latch asked (${answers.map((answer) => answer.server).join(', ')}) accepts it: it no longer works, or was never valid there.${notReached}`,
    manageUrl: null,
    code: null,
  };
}
