// Leak response: a person pastes a secret they believe leaked; Latch says what it is, finds whose it
// is, kills it at the host where the host has an API, and removes every copy on this computer.
//
// Order matters. Where the host can revoke, nothing local is touched until the host confirmed (the
// same rule as tokens.revoke, which does the work), so a failure leaves everything as it was and the
// person can simply run it again. Where the host cannot (no API, or the secret is already dead), the
// local copies go at once: there is nothing to wait for.
//
// The secret is compared, never stored, logged or put into a sentence. The steps live in ../leaks/;
// this file is the order they run in.
import type { LeakCode, LeakHostOutcome, LeakReport } from '../../../shared/leaks';
import { cleanSecret } from '../leaks/errors';
import { examineSecret, type ExamineOptions, type LeakExamination } from '../leaks/examine';
import { respondAtHost, tokenNamedBy, type HostResponseDeps } from '../leaks/host-response';
import { describeTarget } from '../leaks/report-words';
import { removeLocalCopies } from '../leaks/remove-local';
import { localSentence, summaryOf } from '../leaks/report-words';
import type { SecretSearchPort } from '../leaks/ports';
import type { Tally } from '../leaks/revoke';
import type { IndexStore } from '../vault/index-store';
import type { Keychain } from '../vault/types';
import type { Session } from './session';
import type { TokensService } from './tokens';

export type { LeakExamination } from '../leaks/examine';

export interface LeaksDeps {
  store: IndexStore;
  keychain: Keychain;
  session: Session;
  tokens: TokensService;
  /** Looks for a secret Latch does not hold at the servers of the person's own accounts. */
  search: SecretSearchPort;
  /**
   * HOME and XDG_CONFIG_HOME say where git's default credential-store files are, and git reads its
   * settings (for helpers pointed at other files) with this environment (default: this process's).
   */
  env?: NodeJS.ProcessEnv;
  /** For hosts that revoke a secret by itself (GitHub): the HTTP client, and stand-ins for their public servers (tests). */
  unheld?: HostResponseDeps['unheld'];
}

export interface RespondOptions extends ExamineOptions {
  otp?: LeakCode;
}

export interface LeaksService {
  /** Recognises the secret and finds Latch's own copies of it; changes nothing, calls no host. */
  examine(secret: string, options?: ExamineOptions): Promise<LeakExamination>;
  /**
   * Does it all and reports each step. Throws only for input that is not a secret at all. `repos`:
   * repositories whose remote URLs are searched and cleaned too; `otp`: a one-time code for the
   * account the last report asked one of (see LeakCode).
   */
  respond(secret: string, options?: RespondOptions): Promise<LeakReport>;
  /**
   * For the confirmation: the token Latch does not hold that a secret names by its id, in words
   * (`token 012345678901 ("ci") of alice on host`), once its host accepted the secret as that token;
   * null otherwise. Asks the host, changes nothing.
   */
  nameToken(secret: string, exam: LeakExamination): Promise<string | null>;
}

/** Outcomes after which the local copies go; after the others nothing local is touched. */
const FINAL: ReadonlySet<LeakHostOutcome> = new Set(['revoked', 'dead', 'by-hand', 'change-password', 'not-found', 'unknown']);

export function createLeaksService(deps: LeaksDeps): LeaksService {
  const steps = { ...deps, env: deps.env ?? process.env };

  return {
    examine: (input, options) => examineSecret(steps, cleanSecret(input), options),

    async nameToken(input, exam) {
      try {
        const target = await tokenNamedBy(steps, cleanSecret(input), exam);
        return target ? describeTarget(target) : null;
      } catch {
        return null;
      }
    },

    async respond(input, options = {}) {
      const secret = cleanSecret(input);
      const { otp, ...where } = options;
      // The code goes with the next call for that account only, as every code does.
      if (otp) deps.session.giveCode(otp.accountId, otp.code);
      const exam = await examineSecret(steps, secret, where);
      const tally: Tally = { keychainRemoved: [], problems: [...exam.problems] };
      const { found, host, forget } = await respondAtHost(steps, secret, exam, tally, otp ?? null);
      if (exam.savedByGit.length > 0) {
        const hosts = [...new Set(exam.savedByGit.map((c) => c.host))];
        found.sentence += ` Latch keeps it as a git credential for ${hosts.join(', ')}.`;
      }
      if (exam.plaintext.length > 0) {
        const lines = exam.plaintext.reduce((sum, hits) => sum + hits.lines.length, 0);
        found.sentence += ` git's credential files hold it in plain text on ${lines} line${lines === 1 ? '' : 's'}.`;
      }
      if (exam.remotes.length > 0) {
        const urls = exam.remotes.length;
        found.sentence += ` ${urls} remote URL${urls === 1 ? '' : 's'} of ${exam.repos.length === 1 ? 'the repository' : 'your repositories'} carr${urls === 1 ? 'ies' : 'y'} it.`;
      }

      let local: LeakReport['local'];
      if (FINAL.has(host.outcome)) {
        const removed = await removeLocalCopies(steps, secret, exam, forget, tally);
        local = { attempted: true, keychain: tally.keychainRemoved, ...removed, problems: tally.problems, sentence: '' };
        local.sentence = localSentence(local);
      } else {
        local = {
          attempted: false,
          keychain: tally.keychainRemoved,
          passwordsForgotten: [],
          gitCredentials: [],
          savedByGit: [],
          problems: tally.problems,
          sentence: 'Nothing on this computer was changed, so you can run this again once the step at the host works.',
        };
      }

      const report: LeakReport = {
        recognized: { kind: exam.recognition.kind, description: exam.description, tokenId: exam.recognition.tokenId, dead: exam.recognition.dead },
        found,
        host,
        local,
        summary: '',
        complete: (host.outcome === 'revoked' || host.outcome === 'dead') && tally.problems.length === 0,
      };
      report.summary = summaryOf(report);
      return report;
    },
  };
}
