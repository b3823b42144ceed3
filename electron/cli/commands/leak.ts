// `latch leak [--secret-stdin] [--yes] [--json]`: leak response from the command line. The secret comes from
// stdin, or is typed at a hidden prompt in a terminal; never from an argument (those land in shell history
// and the process list), and it is never printed.
// Exit codes: 0 the secret is dead and no copy is left on this computer; 1 something is left to do
// (the report says what) or it failed, with a sentence; 2 a usage error.
import type { LeakReport } from '../../../shared/leaks';
import { LatchError } from '../../../shared/result';
import { HOSTS } from '../../../shared/hosts';
import type { LeakExamination, LeaksService } from '../../core/services/leaks';
import { formatLeakReport } from '../../core/leaks/report-text';
import { readStdinText } from '../io';

/** What the command needs from the CLI; electron/cli's context and io.ts provide each of these. */
export interface LeakCommandIo {
  out(text: string): void;
  err(text: string): void;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  leaks(): LeaksService;
  /** Asks on the terminal with echo off (io.ts promptHidden); used when stdin is a terminal. */
  promptHidden?(question: string): Promise<string | null>;
  /** A yes/no question on the terminal (io.ts confirm). */
  confirm?(question: string): Promise<boolean>;
  /**
   * Asks for an account's password at the terminal and holds it for this command; false when none was
   * given. Asked only after the host step said it needs one, so a secret already dead asks for nothing.
   */
  unlockForLeak?(accountId: string, words: string): Promise<boolean>;
}

export interface LeakCommandOptions {
  secretStdin: boolean;
  yes: boolean;
  json: boolean;
  /** Repositories whose remote URLs are searched and cleaned too (each --repo), besides the one it runs in. */
  repos?: readonly string[];
}

/** The entry for electron/cli/specs.ts COMMANDS (same shape as its CommandSpec). */
export const LEAK_COMMAND = {
  words: ['leak'],
  options: {
    'secret-stdin': { kind: 'boolean' },
    yes: { kind: 'boolean' },
    json: { kind: 'boolean' },
    otp: { kind: 'string', value: 'CODE' },
    repo: { kind: 'list', value: 'PATH' },
  },
  summary:
    'Revokes a secret you believe leaked at its host where the host allows, and removes it from the keychain and git\'s credential files. ' +
    'In a terminal it asks for the secret (not shown as you type); a script pipes it in with --secret-stdin.',
} as const;

export const CONFIRM_QUESTION = 'This revokes the token at the host and removes it from this computer. Go on?';
/** For a token only its owner can revoke, in the browser (Bitbucket Cloud): Latch removes its copies. */
export const CONFIRM_LOCAL_QUESTION =
  'Latch cannot revoke it at the host; you do that in the browser, as the report says. This removes every copy from this computer. Go on?';

/** The question before acting, saying what will happen to a secret Latch holds. */
export function confirmQuestion(exam: LeakExamination): string {
  const held = exam.storedTokens;
  return held.length > 0 && held.every(({ account }) => !HOSTS[account.host].revokeByApi) ? CONFIRM_LOCAL_QUESTION : CONFIRM_QUESTION;
}

export async function runLeakCommand(io: LeakCommandIo, options: LeakCommandOptions): Promise<number> {
  const interactive = Boolean(io.stdin.isTTY);
  if (!options.secretStdin && !(interactive && io.promptHidden)) {
    io.err('latch: latch leak asks for the secret in a terminal; from a script, pipe it in with --secret-stdin, so it stays out of your shell history.\n');
    return 2;
  }
  if (!options.yes && !(interactive && io.confirm)) {
    io.err('latch: latch leak revokes the secret and removes it from this computer; add --yes to go ahead without a prompt.\n');
    return 2;
  }
  let secret: string | null;
  if (interactive) {
    if (!io.promptHidden) {
      io.err('latch: pipe the secret in, e.g. latch leak --secret-stdin --yes < file.\n');
      return 2;
    }
    secret = await io.promptHidden('Paste the secret you believe leaked (it is not shown), then press Enter: ');
  } else {
    secret = await readStdinText(io.stdin as NodeJS.ReadStream);
  }
  if (secret === null || secret.trim() === '') {
    io.err(interactive ? 'No secret was given.\n' : 'No secret arrived on stdin (--secret-stdin).\n');
    return 1;
  }

  try {
    const leaks = io.leaks();
    if (!options.yes) {
      const exam = await leaks.examine(secret, { repos: options.repos, workingDir: process.cwd() });
      const where = exam.storedTokens.map(({ account, token }) => `token ${token.tokenId} ("${token.name}") of ${account.username}`);
      // A secret that names a token id Latch does not hold: the host is asked which token it is, so the
      // question names the token about to be revoked (and a made-up id names none).
      const named = where.length === 0 && exam.recognition.tokenId !== null ? await leaks.nameToken(secret, exam) : null;
      io.err(
        `Latch recognises this as ${exam.description}.` +
          (where.length > 0 ? ` It holds it in the keychain as ${where.join(', and as ')}.` : '') +
          (named !== null ? ` Its host accepts it as ${named}.` : '') +
          (exam.plaintext.length > 0 ? ` git's credential files hold it in ${exam.plaintext.map((hits) => hits.file).join(' and ')}.` : '') +
          (exam.remotes.length > 0 ? ` Remote URLs carry it in ${[...new Set(exam.remotes.map((hit) => hit.file))].join(' and ')}.` : '') +
          '\n',
      );
      if (!(await io.confirm!(confirmQuestion(exam)))) {
        io.err('Nothing was changed.\n');
        return 1;
      }
    }
    const where = { repos: options.repos, workingDir: process.cwd() };
    let report = await leaks.respond(secret, where);
    const locked = report.host.outcome === 'needs-password' ? report.host : null;
    if (locked?.unlockAccountId && interactive && io.unlockForLeak && (await io.unlockForLeak(locked.unlockAccountId, locked.unlockAccount ?? 'the account'))) {
      report = await leaks.respond(secret, where);
    }
    secret = null;
    io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatLeakReport(report));
    if (report.host.outcome === 'needs-password') {
      io.err('Run latch leak in a terminal and paste the secret when asked, so Latch can ask for the account password too; or unlock the account in the Latch app.\n');
    }
    if (report.host.code === 'otp-required') io.err(`${codeHint(report)}\n`);
    return exitCode(report);
  } catch (error) {
    // Latch's own sentences only: anything else might carry data nobody chose to print.
    io.err(`${error instanceof LatchError ? error.message : 'Something unexpected went wrong inside Latch. Nothing was changed.'}\n`);
    return 1;
  }
}

/**
 * A server that takes each one-time code once needs one per call: with the token found, its revoke is
 * the one call left, so the hint names it; otherwise the search itself wants a code.
 */
function codeHint(report: LeakReport): string {
  const [found] = report.found.tokens;
  if (report.found.tokens.length === 1 && found) {
    return `Revoke it with the next code from your authenticator app: latch token revoke --account ${found.accountId} ${found.tokenId} --yes --otp CODE`;
  }
  return 'Give the code from your authenticator app with: latch leak --secret-stdin --otp CODE';
}

export function exitCode(report: LeakReport): number {
  return report.complete ? 0 : 1;
}
