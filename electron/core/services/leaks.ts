// Leak response: a person pastes a secret they believe leaked; Latch says what it is, finds whose it
// is, kills it at the host where the host has an API, and removes every copy on this computer.
//
// Order matters. Where the host can revoke, nothing local is touched until the host confirmed (the
// same rule as tokens.revoke, which does the work), so a failure leaves everything as it was and the
// person can simply run it again. Where the host cannot (no API, or the secret is already dead), the
// local copies go at once: there is nothing to wait for.
//
// The secret is compared, never stored, logged or put into a sentence.
import type { Account, TokenOwner } from '../../../shared/domain';
import { HOST_CAPABILITIES } from '../../../shared/hosts';
import { describeSecret, type LeakFileCleanup, type LeakHostOutcome, type LeakReport, type LeakTokenRef } from '../../../shared/leaks';
import { LatchError, type ErrorCode } from '../../../shared/result';
import { recognizeSecret, type SecretRecognition } from '../../../shared/secret-formats';
import { gitHost } from '../../../shared/url';
import { credentialStoreFiles, findSecretInStoreFile, removeSecretFromStoreFile, type StoreFileHits } from '../leaks/git-credentials-file';
import { byHandGuidance } from '../leaks/guidance';
import { sameSecret } from '../leaks/same-secret';
import type { IndexStore } from '../vault/index-store';
import { keychainKeys, type Keychain, type StoredToken } from '../vault/types';
import { describeAccount } from './accounts';
import type { Session } from './session';
import type { TokensService } from './tokens';

export interface LeaksDeps {
  store: IndexStore;
  keychain: Keychain;
  session: Session;
  tokens: TokensService;
  /** HOME and XDG_CONFIG_HOME say where git's credential-store files are (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/** What Latch can tell without changing anything and without asking any host. */
export interface LeakExamination {
  recognition: SecretRecognition;
  description: string;
  /** Stored tokens whose keychain copy is the secret. */
  storedTokens: Array<{ account: Account; token: StoredToken }>;
  /** Accounts whose password (remembered, or held in the unlock window) is the secret. */
  passwordOf: Account[];
  /** Lines of git's credential-store files that hold it. */
  plaintext: StoreFileHits[];
  /** Places Latch could not look, as sentences. */
  problems: string[];
}

export interface LeaksService {
  /** Recognises the secret and finds Latch's own copies of it; changes nothing, calls no host. */
  examine(secret: string): Promise<LeakExamination>;
  /** Does it all and reports each step. Throws only for input that is not a secret at all. */
  respond(secret: string): Promise<LeakReport>;
}

/** A token the secret turned out to be, and where Latch learned that. */
interface Target {
  account: Account;
  tokenId: string;
  name: string;
  owner: TokenOwner;
}

type HostStep = LeakReport['host'];

/** Outcomes after which the local copies go; after the others nothing local is touched. */
const FINAL: ReadonlySet<LeakHostOutcome> = new Set(['revoked', 'dead', 'by-hand', 'change-password', 'not-found', 'unknown']);

/** Errors that come from this computer rather than from the host: the host may well have revoked. */
const LOCAL_CODES: ReadonlySet<ErrorCode> = new Set(['keychain', 'keychain-unavailable', 'corrupt-data', 'internal']);

export function createLeaksService(deps: LeaksDeps): LeaksService {
  const { store, keychain, session, tokens } = deps;
  const env = deps.env ?? process.env;

  const examine = async (secret: string): Promise<LeakExamination> => {
    const data = await store.read();
    const problems: string[] = [];
    let keychainDown: string | null = null;
    const readKeychain = async (key: string): Promise<string | null> => {
      if (keychainDown !== null) return null;
      try {
        return await keychain.get(key);
      } catch (error) {
        keychainDown = sentenceOf(error);
        return null;
      }
    };

    // Every stored secret is read and compared, none skipped on a first match: one token may be
    // stored under two accounts, and every copy has to go.
    const storedTokens: LeakExamination['storedTokens'] = [];
    for (const token of data.storedTokens) {
      const account = data.accounts.find((candidate) => candidate.id === token.accountId);
      if (!account) continue;
      const held = await readKeychain(token.keychainKey);
      if (held !== null && sameSecret(held, secret)) storedTokens.push({ account, token });
    }
    const passwordOf: Account[] = [];
    for (const account of data.accounts) {
      const inMemory = session.password(account.id);
      const remembered = account.rememberPassword ? await readKeychain(keychainKeys.accountPassword(account.id)) : null;
      if ([inMemory, remembered].some((held) => held !== null && sameSecret(held, secret))) passwordOf.push(account);
    }
    if (keychainDown !== null) problems.push(`Latch could not search its keychain for copies: ${keychainDown}`);

    const plaintext: StoreFileHits[] = [];
    for (const file of credentialStoreFiles(env)) {
      try {
        const hits = await findSecretInStoreFile(file, secret);
        if (hits) plaintext.push(hits);
      } catch (error) {
        problems.push(sentenceOf(error));
      }
    }
    return { recognition: recognizeSecret(secret), description: describeSecret(secret), storedTokens, passwordOf, plaintext, problems };
  };

  /** Is the token gone from the host? Asked only after an error that arose on this computer. */
  const goneFromHost = async (target: Target): Promise<boolean> => {
    try {
      const listed = await tokens.list(target.account.id, target.owner);
      return !listed.some((token) => token.id === target.tokenId);
    } catch {
      return false;
    }
  };

  /**
   * Revokes through tokens.revoke, which drops the keychain copy and index entry once the host
   * confirmed. All targets are one token (one secret), perhaps stored under several accounts: once
   * a server confirmed, the other copies for that server are only forgotten.
   */
  const revokeAt = async (targets: Target[], keychainRemoved: LeakTokenRef[], problems: string[]): Promise<HostStep> => {
    const confirmedAt = new Set<string>();
    let revoked: Target | null = null;
    for (const target of targets) {
      const { account } = target;
      const stored = (await tokens.stored(account.id)).some((token) => token.tokenId === target.tokenId);
      if (confirmedAt.has(account.baseUrl)) {
        await forgetCopy(target, keychainRemoved, problems);
        continue;
      }
      try {
        await tokens.revoke(account.id, target.owner, target.tokenId);
        if (stored) keychainRemoved.push(refOf(target));
      } catch (error) {
        const failure = asLatchError(error);
        if (failure.code === 'locked') return needsPassword(account, 'revoke it there');
        if (!(LOCAL_CODES.has(failure.code) && (await goneFromHost(target)))) return hostFailed(failure, account);
        // Revoked at the host; only the local copy stayed behind.
        problems.push(failure.message);
      }
      confirmedAt.add(account.baseUrl);
      revoked ??= target;
    }
    const first = revoked ?? targets[0]!;
    return {
      outcome: 'revoked',
      sentence:
        `Revoked at ${gitHost(first.account.baseUrl)}: token ${first.tokenId} ("${first.name}") of ${describeAccount(first.account)} ` +
        'no longer works; anything that used it has to be given a new token.',
      manageUrl: null,
      code: null,
      unlockAccountId: null,
      unlockAccount: null,
    };
  };

  const forgetCopy = async (target: Target, keychainRemoved: LeakTokenRef[], problems: string[]): Promise<void> => {
    try {
      if (await tokens.forget(target.account.id, target.tokenId)) keychainRemoved.push(refOf(target));
    } catch (error) {
      problems.push(`Latch could not remove its keychain copy of token ${target.tokenId} of ${describeAccount(target.account)}: ${sentenceOf(error)}`);
    }
  };

  /** Looks for a Data Center token id among the personal tokens of every Data Center account. */
  const searchDataCenter = async (tokenId: string) => {
    const candidates = (await store.read()).accounts.filter((account) => account.host === 'bitbucket-datacenter');
    const locked: Account[] = [];
    const failures: Array<{ account: Account; error: LatchError }> = [];
    const searched = new Set<string>();
    for (const account of candidates) {
      // Two accounts of one person on one server see the same token list.
      const key = `${account.baseUrl} ${account.userSlug}`;
      if (searched.has(key)) continue;
      try {
        const listed = await tokens.list(account.id, { kind: 'user' });
        searched.add(key);
        const hit = listed.find((token) => token.id === tokenId);
        if (hit) return { target: { account, tokenId, name: hit.name, owner: hit.owner } satisfies Target, candidates, locked, failures };
      } catch (error) {
        const failure = asLatchError(error);
        if (failure.code === 'locked') locked.push(account);
        else failures.push({ account, error: failure });
      }
    }
    return { target: null, candidates, locked, failures };
  };

  const removeLocalCopies = async (
    secret: string,
    exam: LeakExamination,
    forget: Target[],
    keychainRemoved: LeakTokenRef[],
    problems: string[],
  ): Promise<{ passwordsForgotten: string[]; gitCredentials: LeakFileCleanup[] }> => {
    for (const target of forget) await forgetCopy(target, keychainRemoved, problems);

    // A leaked account password is about to be changed; the copy Latch keeps of it would only fail.
    const passwordsForgotten: string[] = [];
    for (const account of exam.passwordOf) {
      session.lock(account.id);
      try {
        if (account.rememberPassword) {
          await keychain.delete(keychainKeys.accountPassword(account.id));
          await store.update((data) => {
            const kept = data.accounts.find((candidate) => candidate.id === account.id);
            if (kept) kept.rememberPassword = false;
          });
        }
        passwordsForgotten.push(describeAccount(account));
      } catch (error) {
        problems.push(`Latch could not forget the password it keeps for ${describeAccount(account)}: ${sentenceOf(error)}`);
      }
    }

    // Every file again, not only those seen earlier: git may have written a line since.
    const gitCredentials: LeakFileCleanup[] = [];
    for (const file of credentialStoreFiles(env)) {
      try {
        const removed = await removeSecretFromStoreFile(file, secret);
        if (removed) gitCredentials.push(removed);
      } catch (error) {
        problems.push(sentenceOf(error));
      }
    }
    return { passwordsForgotten, gitCredentials };
  };

  return {
    examine: (input) => examine(cleanSecret(input)),

    async respond(input) {
      const secret = cleanSecret(input);
      const exam = await examine(secret);
      const { recognition } = exam;
      const seenAt = [...new Set(exam.plaintext.flatMap((hits) => hits.hosts))];
      const problems = [...exam.problems];
      const keychainRemoved: LeakTokenRef[] = [];
      /** Keychain copies to drop in the local step: tokens whose host cannot revoke. */
      const forget: Target[] = [];
      let found: LeakReport['found'];
      let host: HostStep;

      if (exam.storedTokens.length > 0) {
        const targets = exam.storedTokens.map(({ account, token }): Target => ({ account, tokenId: token.tokenId, name: token.name, owner: token.owner }));
        found = { where: 'keychain', tokens: targets.map(refOf), sentence: `Latch holds it in the keychain as ${targets.map(describeTarget).join(', and as ')}.` };
        const byApi = targets.filter((target) => HOST_CAPABILITIES[target.account.host].revokeByApi);
        if (byApi.length > 0) host = await revokeAt(byApi, keychainRemoved, problems);
        else host = byHandForAccount(targets[0]!.account);
        forget.push(...targets.filter((target) => !byApi.includes(target)));
      } else if (exam.passwordOf.length > 0) {
        const names = exam.passwordOf.map(describeAccount).join(' and ');
        found = { where: 'account-password', tokens: [], sentence: `It is the account password of ${names}, not a token.` };
        host = {
          outcome: 'change-password',
          sentence:
            `Latch cannot change passwords: change the password of ${names} on the server now (or ask its administrator, ` +
            'if your sign-in comes from a company directory). Then unlock the account in Latch with the new one.',
          manageUrl: null,
          code: null,
          unlockAccountId: null,
          unlockAccount: null,
        };
      } else if (recognition.kind === 'bitbucket-datacenter' && recognition.tokenId !== null) {
        const tokenId = recognition.tokenId;
        const search = await searchDataCenter(tokenId);
        if (search.target) {
          const target = search.target;
          found = {
            where: 'host',
            tokens: [refOf(target)],
            sentence: `Latch holds no copy of it, but the id it carries is token ${tokenId} ("${target.name}") of ${describeAccount(target.account)}.`,
          };
          host = await revokeAt([target], keychainRemoved, problems);
        } else {
          found = { where: 'nowhere', tokens: [], sentence: notFoundSentence(tokenId, search.candidates) };
          const [firstLocked] = search.locked;
          if (firstLocked) {
            host = needsPassword(firstLocked, `look among its tokens for token ${tokenId}`);
          } else if (search.failures.length > 0) {
            const reasons = search.failures.map(({ account, error }) => `For ${describeAccount(account)}: ${error.message}`);
            host = {
              outcome: 'failed',
              sentence: `Latch could not look among the tokens of every account, so it cannot tell whose token ${tokenId} is. ${reasons.join(' ')} Try again.`,
              manageUrl: null,
              code: search.failures[0]!.error.code,
              unlockAccountId: null,
              unlockAccount: null,
            };
          } else {
            host = dataCenterNotFound(tokenId, search.candidates, seenAt);
          }
        }
      } else {
        found = { where: 'nowhere', tokens: [], sentence: 'Latch holds no copy of it in the keychain.' };
        const guidance = byHandGuidance(recognition, secret, seenAt);
        host = { outcome: guidance.outcome, sentence: guidance.sentence, manageUrl: guidance.manageUrl, code: null, unlockAccountId: null, unlockAccount: null };
      }
      if (exam.plaintext.length > 0) {
        const lines = exam.plaintext.reduce((sum, hits) => sum + hits.lines.length, 0);
        found.sentence += ` git's credential files hold it in plain text on ${lines} line${lines === 1 ? '' : 's'}.`;
      }

      let local: LeakReport['local'];
      if (FINAL.has(host.outcome)) {
        const removed = await removeLocalCopies(secret, exam, forget, keychainRemoved, problems);
        local = { attempted: true, keychain: keychainRemoved, ...removed, problems, sentence: '' };
        local.sentence = localSentence(local);
      } else {
        local = {
          attempted: false,
          keychain: keychainRemoved,
          passwordsForgotten: [],
          gitCredentials: [],
          problems,
          sentence: 'Nothing on this computer was changed, so you can run this again once the step at the host works.',
        };
      }

      const report: LeakReport = {
        recognized: { kind: recognition.kind, description: exam.description, tokenId: recognition.tokenId, dead: recognition.dead },
        found,
        host,
        local,
        summary: '',
        complete: (host.outcome === 'revoked' || host.outcome === 'dead') && problems.length === 0,
      };
      report.summary = summaryOf(report);
      return report;
    },
  };
}

/** Trims what was pasted and refuses what cannot be one secret. Never quotes it. */
function cleanSecret(input: string): string {
  const secret = input.trim();
  if (secret === '') throw new LatchError('validation', 'Paste the secret you believe leaked.');
  if (/[\r\n\0]/.test(secret)) throw new LatchError('validation', 'Paste one secret on its own: what was pasted spans several lines.');
  return secret;
}

function asLatchError(error: unknown): LatchError {
  // Anything else is a bug whose message may carry data nobody chose to show.
  return error instanceof LatchError ? error : new LatchError('internal', 'Something unexpected went wrong inside Latch.');
}

function sentenceOf(error: unknown): string {
  return asLatchError(error).message;
}

const refOf = (target: Target): LeakTokenRef => ({
  accountId: target.account.id,
  account: describeAccount(target.account),
  tokenId: target.tokenId,
  name: target.name,
  owner: target.owner,
});

function describeTarget(target: Target): string {
  const whose = target.owner.kind === 'user' ? '' : ` (${target.owner.kind} ${target.owner.kind === 'project' ? target.owner.projectKey : `${target.owner.projectKey}/${target.owner.repoSlug}`})`;
  return `token ${target.tokenId} ("${target.name}")${whose} of ${describeAccount(target.account)}`;
}

function manageUrlOf(account: Account): string | null {
  return HOST_CAPABILITIES[account.host].manageUrl?.(account.baseUrl) ?? null;
}

function needsPassword(account: Account, purpose: string): HostStep {
  return {
    outcome: 'needs-password',
    sentence: `Latch needs the password of ${describeAccount(account)} to ${purpose}. Nothing was changed: unlock the account, then run this again.`,
    manageUrl: manageUrlOf(account),
    code: 'locked',
    unlockAccountId: account.id,
    unlockAccount: describeAccount(account),
  };
}

function hostFailed(failure: LatchError, account: Account): HostStep {
  const url = manageUrlOf(account);
  return {
    outcome: 'failed',
    sentence:
      `Latch could not revoke it at ${gitHost(account.baseUrl)}: ${failure.message}` +
      (url ? ` Try again, or revoke it by hand at ${url}.` : ' Try again.'),
    manageUrl: url,
    code: failure.code,
    // A refused password was dropped from memory; the right one lets it go through.
    unlockAccountId: failure.code === 'auth' ? account.id : null,
    unlockAccount: failure.code === 'auth' ? describeAccount(account) : null,
  };
}

function byHandForAccount(account: Account): HostStep {
  const capabilities = HOST_CAPABILITIES[account.host];
  const url = manageUrlOf(account);
  return {
    outcome: 'by-hand',
    sentence: `${capabilities.label} has no API to revoke tokens, so revoke it yourself now${url ? ` at ${url}` : ''}.`,
    manageUrl: url,
    code: null,
    unlockAccountId: null,
    unlockAccount: null,
  };
}

function notFoundSentence(tokenId: string, searched: Account[]): string {
  if (searched.length === 0) return 'Latch holds no copy of it, and has no Bitbucket Data Center account to look for it in.';
  return `Latch holds no copy of it, and none of its Bitbucket Data Center accounts (${searched.map(describeAccount).join(', ')}) has a personal token with id ${tokenId}.`;
}

function dataCenterNotFound(tokenId: string, searched: Account[], seenAt: readonly string[]): HostStep {
  const server = seenAt[0];
  const url = server ? (HOST_CAPABILITIES['bitbucket-datacenter'].manageUrl?.(server) ?? null) : null;
  const seen = seenAt.length > 0 ? ` git had it saved for ${seenAt.join(', ')}.` : '';
  const sentence =
    searched.length === 0
      ? `Latch cannot revoke token ${tokenId} without an account on its server. Sign in to the Bitbucket server it works on and revoke it under ` +
        `Manage account → HTTP access tokens, or ask that server's administrator to.${seen}`
      : `Token ${tokenId} may belong to another user, or to a project or repository. Ask its owner, or a Bitbucket administrator, ` +
        `to revoke it now.${seen}`;
  return { outcome: 'not-found', sentence, manageUrl: url, code: null, unlockAccountId: null, unlockAccount: null };
}

function localSentence(local: LeakReport['local']): string {
  const parts: string[] = [];
  for (const ref of local.keychain) parts.push(`the keychain copy of token ${ref.tokenId} of ${ref.account}`);
  for (const account of local.passwordsForgotten) parts.push(`the password Latch kept for ${account}`);
  for (const cleanup of local.gitCredentials) {
    parts.push(`${cleanup.lines.length === 1 ? 'line' : 'lines'} ${cleanup.lines.join(', ')} of ${cleanup.file} (${cleanup.hosts.join(', ')})`);
  }
  const removed = parts.length > 0 ? `Removed from this computer: ${parts.join('; ')}.` : 'Latch found no copy of it on this computer (keychain, git credential files).';
  return local.problems.length > 0 ? `${removed} Not everything could be removed: ${local.problems.join(' ')}` : removed;
}

function summaryOf(report: LeakReport): string {
  const { local } = report;
  const removedAny = local.keychain.length + local.passwordsForgotten.length + local.gitCredentials.length > 0;
  const andLocal = local.problems.length > 0
    ? ' Some copies on this computer could not be removed; see below.'
    : removedAny
      ? ' Its copies on this computer are gone.'
      : '';
  switch (report.host.outcome) {
    case 'revoked':
      return `Revoked at the host: it no longer works.${andLocal}`;
    case 'dead':
      return `It already no longer works anywhere.${andLocal}`;
    case 'by-hand':
      return `Latch cannot revoke it itself: revoke it by hand now, as described below.${andLocal}`;
    case 'change-password':
      return `This is an account password: change it on the server now.${andLocal}`;
    case 'not-found':
      return `Latch could not find whose token this is: ask its owner or a Bitbucket administrator to revoke it.${andLocal}`;
    case 'unknown':
      return `Latch does not know this secret: change or revoke it where it was issued.${andLocal}`;
    case 'needs-password':
      return 'Latch needs an account password before it can go on. Nothing was revoked and nothing on this computer was changed.';
    case 'failed':
      return 'Nothing was revoked and nothing on this computer was changed.';
  }
}
