// `latch import --dry-run | --yes [--repo PATH ...] [--check] [--remove-dead] [--json]`: the plaintext
// credentials git uses, what each is, and moving the live ones into the keychain. Neither the list
// nor --json ever holds a secret. Exit codes: 0 done (or nothing to do); 1 something was left where
// it was, with the reason; 2 a usage error.
import { importJson, type ImportFinding, type ImportScan } from '../../../shared/imports';
import { flag, listOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { printable } from '../../../shared/terminal-text';
import { jsonLine, table } from '../format';

/** The entry for electron/cli/specs.ts COMMANDS. */
export const IMPORT_COMMAND = {
  words: ['import'],
  options: {
    'dry-run': { kind: 'boolean' },
    yes: { kind: 'boolean' },
    repo: { kind: 'list', value: 'PATH' },
    check: { kind: 'boolean' },
    'remove-dead': { kind: 'boolean' },
    json: { kind: 'boolean' },
  },
  usage: [
    'latch import --dry-run [--repo PATH ...] [--check] [--json]',
    'latch import --yes [--repo PATH ...] [--check] [--remove-dead] [--json]',
  ],
  summary:
    "Finds the credentials git keeps in plain text (git's credential files, ~/.netrc, passwords in the remote URLs of each --repo), says what each is " +
    '(--check asks its own host whether it works), and with --yes moves the live ones into the keychain and removes the plaintext.',
} as const;

const STATUS_WORDS: Record<ImportFinding['status'], string> = {
  unchecked: 'not checked',
  works: 'works',
  refused: 'refused by its host',
  unknown: 'unknown',
  dead: 'dead',
  moved: 'moved into the keychain',
  removed: 'removed',
  left: 'left where it was',
};

export async function runImport(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const dryRun = flag(args, 'dry-run');
  const yes = flag(args, 'yes');
  if (dryRun === yes) throw new UsageError('Give --dry-run to see what would move, or --yes to move it.');
  if (dryRun && flag(args, 'remove-dead')) throw new UsageError('--remove-dead changes files, so it goes with --yes, not with --dry-run.');
  const request = { repos: listOption(args, 'repo'), check: flag(args, 'check') };
  const imports = ctx.core().imports;
  const scan = dryRun ? await imports.scan(request) : await imports.move({ ...request, removeDead: flag(args, 'remove-dead') });

  for (const problem of scan.problems) ctx.err(`${printable(problem)}\n`);
  if (flag(args, 'json')) ctx.out(jsonLine(scan.findings.map(importJson)));
  else ctx.out(describe(scan, dryRun));
  return scan.findings.some((f) => f.status === 'left') ? 1 : 0;
}

const place = (f: ImportFinding) => printable(f.line === null ? f.source : `${f.source}:${f.line}`);
const server = (f: ImportFinding) => (f.host === null ? '(every host)' : printable(`${f.protocol}://${f.host}${f.path ? `/${f.path}` : ''}`));

function describe(scan: ImportScan, dryRun: boolean): string {
  const { findings } = scan;
  if (findings.length === 0) return 'git keeps no credentials in plain text that Latch could find.\n';
  let text = `${findings.length === 1 ? 'One credential' : `${findings.length} credentials`} in plain text:\n`;
  text += table(
    ['WHERE', 'SERVER', 'USER', 'WHAT', 'STATUS'],
    findings.map((f) => [place(f), server(f), printable(f.username ?? '-'), f.description, STATUS_WORDS[f.status]]),
  );
  const reasons = findings.filter((f) => f.reason !== null);
  for (const f of reasons) text += `${place(f)}: ${printable(f.reason!)}\n`;
  if (dryRun) {
    const live = findings.filter((f) => f.status !== 'dead' && f.status !== 'refused' && f.host !== null).length;
    if (live > 0) text += `latch import --yes moves ${live === 1 ? 'it' : `these ${live}`} into the keychain and removes the plaintext.\n`;
    if (findings.some((f) => f.status === 'dead')) text += 'latch import --yes --remove-dead also removes the dead ones.\n';
  } else if (scan.gitSetUp.length > 0) {
    text += `git now asks Latch for credentials on ${scan.gitSetUp.map(printable).join(', ')}.\n`;
  }
  return text;
}
