// Whose the secret is and what happens at its host: a token Latch stores is revoked where the host
// has an API; an account password has to be changed by its owner; a Data Center token Latch does not
// hold is looked for by the id it carries, and a Gitea or Forgejo one at the servers of the person's
// own accounts; anything else gets words on revoking it by hand.
import { printable } from '../../../shared/terminal-text';
import { accountCapabilities, type HostKind } from '../../../shared/hosts';
import type { LeakCode, LeakReport } from '../../../shared/leaks';
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
import { belongsTo, type TokenCheck } from '../hosts/token-check';

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

export async function respondAtHost(deps: HostResponseDeps, secret: string, exam: LeakExamination, tally: Tally, known: LeakCode | null = null): Promise<HostResponse> {
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
    // A Gitea account kept without a password revokes a kept token by the token itself.
    const byApi = targets.filter((target) => {
      const capabilities = accountCapabilities(target.account);
      return capabilities.revokeByApi || (capabilities.revokeBySecret && target.account.signIn === 'api-token');
    });
    const host = byApi.length > 0 ? await revokeAt(deps.tokens, byApi, tally, (target) => deadAt(deps, target, secret)) : byHandForTarget(targets[0]!);
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
    return respondForTokenId(deps, recognition.host, recognition.tokenId, secret, seenAt, tally);
  }

  // A secret of a known host that names no token: looked for at the servers of the person's own accounts only.
  if (recognition.host !== null) {
    const response = await respondForSecret(deps, recognition.host, secret, seenAt, tally, known);
    if (response) return { ...response, forget: [] };
  }

  const guidance = byHandGuidance(recognition, secret, seenAt);
  return {
    found: { where: 'nowhere', tokens: [], sentence: 'Latch holds no copy of it in the keychain.' },
    host: { outcome: guidance.outcome, sentence: guidance.sentence, manageUrl: guidance.manageUrl, code: null, unlockAccountId: null, unlockAccount: null },
    forget: [],
  };
}

async function respondForTokenId(deps: HostResponseDeps, host: HostKind, tokenId: string, secret: string, seenAt: string[], tally: Tally): Promise<HostResponse> {
  const search = await searchByTokenId(deps.store, deps.tokens, host, tokenId);
  if (search.target) {
    const target = search.target;
    // The id is only what the pasted text says: anyone can write BBDC- and an id. Before a real token
    // is revoked, its host has to accept the pasted text as that account's own token.
    const refused = await refusedByHost(deps, target, secret);
    if (refused) return { ...refused, forget: [] };
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
 * Before anything is revoked: the token a secret that names its id (Data Center) is, when Latch does
 * not hold it, found among the accounts' tokens and accepted by its host as that token. Changes nothing.
 */
export async function tokenNamedBy(deps: HostResponseDeps, secret: string, exam: LeakExamination): Promise<Target | null> {
  const { host, tokenId } = exam.recognition;
  if (exam.storedTokens.length > 0 || host === null || tokenId === null) return null;
  const search = await searchByTokenId(deps.store, deps.tokens, host, tokenId);
  if (!search.target) return null;
  return (await refusedByHost(deps, search.target, secret)) === null ? search.target : null;
}

/** Null when the host accepts the secret as the target account's token; else what to report instead. */
async function refusedByHost(deps: HostResponseDeps, target: Target, secret: string): Promise<{ found: LeakReport['found']; host: HostStep } | null> {
  const check = await deps.search.check(target.account.id, secret).catch((): TokenCheck => ({ verdict: 'unsure' }));
  if (check.verdict === 'alive' && belongsTo(check, target.account)) return null;
  const server = gitHost(target.account.baseUrl);
  const named = `token ${target.tokenId} ("${target.name}") of ${describeAccount(target.account)}`;
  const quiet = { manageUrl: null, unlockAccountId: null, unlockAccount: null };
  if (check.verdict === 'dead') {
    return {
      found: { where: 'nowhere', tokens: [], sentence: `The id it carries is ${named}, but ${server} refuses the secret itself.` },
      host: {
        outcome: 'dead',
        sentence: `${server} does not accept this secret, so it opens nothing there; it is not (or no longer) the secret of ${named}, which Latch left alone.`,
        code: null,
        ...quiet,
      },
    };
  }
  if (check.verdict === 'alive') {
    return {
      found: { where: 'nowhere', tokens: [], sentence: `The id it carries is ${named}, but ${server} says the secret belongs to someone else.` },
      host: {
        outcome: 'not-found',
        sentence: `${server} accepts this secret as a token of ${printable(check.login)}, not of ${target.account.username}: Latch left ${named} alone. Its owner or an administrator has to revoke it.`,
        code: null,
        ...quiet,
      },
    };
  }
  return {
    found: { where: 'host', tokens: [refOf(target)], sentence: `The id it carries is ${named}.` },
    host: {
      outcome: 'failed',
      sentence: `Latch could not ask ${server} whether this secret really is ${named}, so it revoked nothing. Try again.`,
      code: 'network',
      ...quiet,
    },
  };
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

/** Whether the target's server refuses the secret itself, asked with the secret (one read, changing nothing). */
async function deadAt(deps: HostResponseDeps, target: Target, secret: string): Promise<boolean> {
  const check = await deps.search.check(target.account.id, secret).catch((): TokenCheck => ({ verdict: 'unsure' }));
  return check.verdict === 'dead';
}
