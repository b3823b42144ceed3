// Whose the secret is and what happens at its host: a token Latch stores is revoked where the host
// has an API; an account password has to be changed by its owner; a Data Center token Latch does not
// hold is looked for by the id it carries, and a Gitea or Forgejo one at the servers of the person's
// own accounts; anything else gets words on revoking it by hand.
import { HOSTS, type HostKind } from '../../../shared/hosts';
import type { LeakReport } from '../../../shared/leaks';
import type { IndexStore } from '../vault/index-store';
import { searchByTokenId } from './search-by-id';
import type { LeakExamination } from './examine';
import { byHandGuidance } from './guidance';
import type { SecretSearchPort, TokensPort } from './ports';
import { byHandForTarget, describeTarget, needsPassword, notFoundSentence, refOf, tokenIdNotFound, type HostStep, type Target } from './report-words';
import { revokeAt, type Tally } from './revoke';
import { respondForSecret } from './secret-response';
import { describeAccount } from '../../../shared/domain';
import { HOST_PLUGINS, type UnheldServer } from '../hosts';
import type { HttpClient } from '../http/client';
import { gitHost } from '../../../shared/url';

export interface HostResponseDeps {
  store: IndexStore;
  tokens: TokensPort;
  search: SecretSearchPort;
  /** For hosts that revoke a secret Latch never held (GitHub): the client, and stand-ins for the public servers (tests). */
  unheld?: { http: HttpClient; publicServers?: Partial<Record<HostKind, readonly UnheldServer[]>> };
}

export interface HostResponse {
  found: LeakReport['found'];
  host: HostStep;
  /** Keychain copies for the local step to drop: tokens whose host cannot revoke. */
  forget: Target[];
}

export async function respondAtHost(deps: HostResponseDeps, secret: string, exam: LeakExamination, tally: Tally): Promise<HostResponse> {
  const { recognition } = exam;
  const seenAt = [...new Set([...exam.plaintext.flatMap((hits) => hits.hosts), ...exam.savedByGit.map((c) => `${c.protocol}://${c.host}`)])];

  const unheld = recognition.host !== null ? await respondUnheld(deps, recognition.host, secret, exam) : null;
  if (unheld) return unheld;

  if (exam.storedTokens.length > 0) {
    const targets = exam.storedTokens.map(({ account, token }): Target => ({ account, tokenId: token.tokenId, name: token.name, owner: token.owner }));
    const found: LeakReport['found'] = {
      where: 'keychain',
      tokens: targets.map(refOf),
      sentence: `Latch holds it in the keychain as ${targets.map(describeTarget).join(', and as ')}.`,
    };
    // Where the host cannot revoke (Bitbucket Cloud), nothing is sent to it: the person revokes in the
    // browser, and every local copy goes at once (`forget`).
    const byApi = targets.filter((target) => HOSTS[target.account.host].revokeByApi);
    const host = byApi.length > 0 ? await revokeAt(deps.tokens, byApi, tally) : byHandForTarget(targets[0]!);
    return { found, host, forget: targets.filter((target) => !byApi.includes(target)) };
  }

  if (exam.passwordOf.length > 0) {
    const names = exam.passwordOf.map(describeAccount).join(' and ');
    return {
      found: { where: 'account-password', tokens: [], sentence: `It is the account password of ${names}, not a token.` },
      host: {
        outcome: 'change-password',
        sentence:
          `Latch cannot change passwords: change the password of ${names} on the server now (or ask its administrator, ` +
          'if your sign-in comes from a company directory). Then unlock the account in Latch with the new one.',
        manageUrl: null,
        code: null,
        unlockAccountId: null,
        unlockAccount: null,
      },
      forget: [],
    };
  }

  if (recognition.host !== null && recognition.tokenId !== null) {
    return respondForTokenId(deps, recognition.host, recognition.tokenId, seenAt, tally);
  }

  // A secret of a known host that names no token: looked for at the servers of the person's own accounts only.
  if (recognition.host !== null) {
    const response = await respondForSecret(deps, recognition.host, secret, seenAt, tally);
    if (response) return { ...response, forget: [] };
  }

  const guidance = byHandGuidance(recognition, secret, seenAt);
  return {
    found: { where: 'nowhere', tokens: [], sentence: 'Latch holds no copy of it in the keychain.' },
    host: { outcome: guidance.outcome, sentence: guidance.sentence, manageUrl: guidance.manageUrl, code: null, unlockAccountId: null, unlockAccount: null },
    forget: [],
  };
}

async function respondForTokenId(deps: HostResponseDeps, host: HostKind, tokenId: string, seenAt: string[], tally: Tally): Promise<HostResponse> {
  const search = await searchByTokenId(deps.store, deps.tokens, host, tokenId);
  if (search.target) {
    const target = search.target;
    return {
      found: {
        where: 'host',
        tokens: [refOf(target)],
        sentence: `Latch holds no copy of it, but the id it carries is token ${tokenId} ("${target.name}") of ${describeAccount(target.account)}.`,
      },
      host: await revokeAt(deps.tokens, [target], tally),
      forget: [],
    };
  }
  const found: LeakReport['found'] = { where: 'nowhere', tokens: [], sentence: notFoundSentence(host, tokenId, search.candidates) };
  const [firstLocked] = search.locked;
  if (firstLocked) return { found, host: needsPassword(firstLocked, `look among its tokens for token ${tokenId}`), forget: [] };
  if (search.failures.length > 0) {
    const reasons = search.failures.map(({ account, error }) => `For ${describeAccount(account)}: ${error.message}`);
    const host: HostStep = {
      outcome: 'failed',
      sentence: `Latch could not look among the tokens of every account, so it cannot tell whose token ${tokenId} is. ${reasons.join(' ')} Try again.`,
      manageUrl: null,
      code: search.failures[0]!.error.code,
      unlockAccountId: null,
      unlockAccount: null,
    };
    return { found, host, forget: [] };
  }
  return { found, host: tokenIdNotFound(host, tokenId, search.candidates, seenAt), forget: [] };
}

/**
 * A host that revokes by the secret alone (GitHub): sent to its public servers and to every server of
 * the person's accounts of that kind, held or not; every local copy goes once the answer is final.
 */
async function respondUnheld(deps: HostResponseDeps, host: HostKind, secret: string, exam: LeakExamination): Promise<HostResponse | null> {
  const plugin = HOST_PLUGINS[host];
  if (!plugin.revokeUnheld || !deps.unheld) return null;
  const servers: UnheldServer[] = [...(deps.unheld.publicServers?.[host] ?? plugin.publicServers ?? [])];
  for (const account of (await deps.store.read()).accounts) {
    if (account.host === host && !servers.some((server) => gitHost(server.baseUrl) === gitHost(account.baseUrl))) servers.push({ baseUrl: account.baseUrl });
  }
  const targets = exam.storedTokens.map(({ account, token }): Target => ({ account, tokenId: token.tokenId, name: token.name, owner: token.owner }));
  const found: LeakReport['found'] =
    targets.length > 0
      ? { where: 'keychain', tokens: targets.map(refOf), sentence: `Latch holds it in the keychain as ${targets.map(describeTarget).join(', and as ')}.` }
      : { where: 'nowhere', tokens: [], sentence: 'Latch holds no copy of it in the keychain.' };
  const answer = await plugin.revokeUnheld(secret, servers, deps.unheld.http);
  return {
    found,
    host: { outcome: answer.outcome, sentence: answer.sentence, manageUrl: answer.manageUrl, code: answer.code, unlockAccountId: null, unlockAccount: null },
    forget: targets,
  };
}
