// Leak response: a person pastes a secret they believe leaked; Latch says what it is, finds whose it
// is, kills it at the host where the host has an API, and removes every copy on this computer.
//
// Order matters. Where the host can revoke, nothing local is touched until the host confirmed (the
// same rule as tokens.revoke, which does the work), so a failure leaves everything as it was and the
// person can simply run it again. Where the host cannot (no API, or the secret is already dead), the
// local copies go at once: there is nothing to wait for.
//
// The secret is compared, never stored, logged or put into a sentence.
import type { Account } from '../../../shared/domain';
import { HOST_CAPABILITIES } from '../../../shared/hosts';
import { describeSecret, type LeakFileCleanup, type LeakHostOutcome, type LeakReport, type LeakTokenRef } from '../../../shared/leaks';
import { LatchError, type ErrorCode } from '../../../shared/result';
import { recognizeSecret, type SecretRecognition } from '../../../shared/secret-formats';
import { gitHost } from '../../../shared/url';
import { credentialStoreFiles, findSecretInStoreFile, removeSecretFromStoreFile, type StoreFileHits } from '../leaks/git-credentials-file';
import { byHandGuidance } from '../leaks/guidance';
import {
  byHandForAccount,
  dataCenterNotFound,
  describeTarget,
  hostFailed,
  localSentence,
  needsPassword,
  notFoundSentence,
  refOf,
  summaryOf,
  type HostStep,
  type Target,
} from '../leaks/report-words';
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
