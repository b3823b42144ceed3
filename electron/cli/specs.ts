// Every `latch` command: its words, options, what it does and the function that runs it. The parser,
// the help (and `help WORDS`), "did you mean", the exit codes and the tests read this one list, so a
// new command is added here and nowhere else.
import { HOST_KINDS, HOSTS } from '../../shared/hosts';
import { scopeValues } from '../../shared/scopes';
import { DEFAULT_CLASSIC_SCOPES } from '../../shared/hosts/github';
import { DEFAULT_EXPIRY_DAYS } from '../../shared/expiry';
import { EXPIRY_DAYS_WORDS } from '../../shared/schemas';
import { LEAK_COMMAND } from './commands/leak';
import { EXEC_COMMAND, TOKEN_GET_COMMAND } from './fast-specs';
import type { CommandSpec, ParsedArgs } from './args';
import type { CliContext } from './context';
import { accountAdd } from './commands/account-add';
import { accountSetDefault, accountList, accountRemove } from './commands/accounts';
import { accountLock, accountUnlock } from './commands/account-unlock';
import { accountRotateToken } from './commands/account-rotate';
import { exec } from './commands/exec';
import { tokenUse } from './commands/token-use';
import { doctor, setupGit } from './commands/git';
import { leak } from './commands/leak-cli';
import { IMPORT_COMMAND, runImport } from './commands/import';
import { CREDENTIALS_COMMANDS, credentialsList, credentialsRemove } from './commands/credentials';
import { tokenAdd, tokenCreate, tokenGet, tokenList } from './commands/tokens';
import { tokenForget, tokenRemove, tokenRevoke, tokenRotate } from './commands/token-revoke';

/** What --scope takes on each host that makes tokens, from the host table, for the help. */
function scopeLines(): string[] {
  const lines = ['--scope values by host:'];
  for (const kind of HOST_KINDS) {
    const entry = HOSTS[kind];
    if (!entry.implemented || (!entry.createByApi && !entry.newTokenPages)) continue;
    const values = scopeValues(kind);
    const rule = entry.scopeModel === 'bitbucket-datacenter-levels' ? ' (one PROJECT_ and one REPO_, the REPO_ level at least the PROJECT_ one; a repository token takes only REPO_)' : '';
    lines.push(`  ${entry.label}: ${values ? values.join(', ') : `the scopes its token page lists, e.g. ${DEFAULT_CLASSIC_SCOPES.join(', ')}`}${rule}`);
  }
  return lines;
}

/** Runs a parsed command; answers the exit code (0, or 1 for a refusal); throws UsageError for exit 2. */
export type Run = (ctx: CliContext, args: ParsedArgs) => Promise<number>;

export interface Command extends CommandSpec {
  run: Run;
}

const json = { kind: 'boolean' } as const;
const passwordStdin = { kind: 'boolean' } as const;
const tokenStdin = { kind: 'boolean' } as const;
/** Gitea and Forgejo with two-factor sign-in: the code for this one command's call to the server. */
const otp = { kind: 'string', value: 'CODE' } as const;
const expiresOn = { kind: 'string', value: 'YYYY-MM-DD' } as const;
const owner = {
  project: { kind: 'string', value: 'KEY|PATH' },
  repo: { kind: 'string', value: 'SLUG' },
  // GitLab: a group's full path (group/subgroup).
  group: { kind: 'string', value: 'PATH' },
} as const;

export const COMMANDS = [
  {
    words: ['account', 'add'],
    run: accountAdd,
    options: {
      host: { kind: 'string', required: true, value: 'KIND|ADDRESS' },
      url: { kind: 'string', value: 'URL' },
      // Bitbucket Data Center: checked with the account password.
      username: { kind: 'string', value: 'USER' },
      'password-stdin': passwordStdin,
      'remember-password': { kind: 'boolean' },
      otp,
      // Bitbucket Cloud: checked with an API token made in the browser, which Latch then keeps for git.
      email: { kind: 'string', value: 'EMAIL' },
      'token-name': { kind: 'string', value: 'NAME' },
      'expires-on': expiresOn,
      'token-stdin': tokenStdin,
      json,
    },
    usage: [
      'latch account add --host bitbucket-datacenter --url URL --username USER [--password-stdin] [--remember-password] [--json]',
      'latch account add --host gitea|forgejo --url URL --username USER [--password-stdin] [--remember-password] [--otp CODE] [--json]',
      'latch account add --host bitbucket-cloud --email EMAIL --token-name NAME --expires-on YYYY-MM-DD [--token-stdin] [--json]',
      'latch account add --host github [--url https://github.example.com] --token-name NAME [--token-stdin] [--json]',
      'latch account add --host gitlab [--url https://gitlab.example.com] [--token-stdin] [--json]',
      'latch account add --host ADDRESS ...: an address or URL in place of the kind where it says which (github.com, bitbucket.org, gitlab.com)',
      'latch account add --host gitea|forgejo --url URL --username USER --token-name NAME [--token-stdin] [--json]   (security key or passkey)',
    ],
    summary:
      'Adds an account after checking it with the server: Data Center, Gitea and Forgejo with your username and password (and, ' +
      'with two-factor sign-in, --otp and the code from your authenticator app); Bitbucket Cloud with ' +
      'an API token you created at id.atlassian.com, GitHub (github.com unless --url names an Enterprise Server) with a personal ' +
      'access token you created in its settings (read from stdin with --token-stdin, else asked for), which Latch then keeps for git; ' +
      'GitLab (gitlab.com unless --url) with a personal access token with the api scope, which Latch keeps to manage tokens.',
  },
  {
    words: ['account', 'rotate-token'],
    run: accountRotateToken,
    positionals: ['ACCOUNT'],
    options: { 'expiry-days': { kind: 'string', value: 'N' }, json },
    summary: 'GitLab: rotates the token Latch signs in to the account with, and keeps the new one in the keychain (the new secret is not printed).',
  },
  { words: ['account', 'list'], run: accountList, options: { json }, summary: 'Lists the accounts Latch knows.' },
  {
    words: ['account', 'remove'],
    run: accountRemove,
    positionals: ['ACCOUNT'],
    options: { yes: { kind: 'boolean' }, json },
    summary: 'Removes an account and every secret Latch keeps for it (the tokens stay on the host).',
  },
  {
    words: ['account', 'default'],
    run: accountSetDefault,
    positionals: ['ACCOUNT'],
    options: { json },
    summary: 'Makes the account the one git uses on its host when the remote URL names no user.',
  },
  {
    words: ['account', 'unlock'],
    run: accountUnlock,
    positionals: ['ACCOUNT'],
    options: { minutes: { kind: 'string', value: 'N' }, 'password-stdin': passwordStdin, json },
    summary:
      'Checks the account password with the host and holds it in the keychain for N minutes (the app\'s unlock time unless given), ' +
      'so the commands a script runs meanwhile do not each ask for it.',
  },
  {
    words: ['account', 'lock'],
    run: accountLock,
    positionals: ['ACCOUNT'],
    options: { json },
    summary: 'Ends an account unlock early: commands ask for the password again.',
  },
  {
    words: ['token', 'list'],
    run: tokenList,
    options: { account: { kind: 'string', required: true, value: 'ACCOUNT' }, ...owner, 'password-stdin': passwordStdin, otp, json },
    summary: 'Lists the tokens on the host (personal, or of a project or repository), every page; for Bitbucket Cloud, the API tokens Latch keeps.',
  },
  {
    words: ['token', 'create'],
    run: tokenCreate,
    options: {
      account: { kind: 'string', required: true, value: 'ACCOUNT' },
      name: { kind: 'string', required: true, value: 'NAME' },
      // Required, but checked by the command: on Bitbucket Cloud the answer is `latch token add` instead.
      scope: { kind: 'list', value: 'PERMISSION' },
      'expiry-days': { kind: 'string', value: 'N|none' },
      ...owner,
      // GitLab project and group tokens: their role there.
      'access-level': { kind: 'string', value: 'ROLE' },
      store: { kind: 'boolean' },
      'password-stdin': passwordStdin,
      otp,
      // GitHub: the token made in the browser, pasted on stdin.
      'token-stdin': tokenStdin,
      json,
    },
    usage: [
      'latch token create --account ACCOUNT --name NAME --scope PERMISSION [--scope PERMISSION ...] [--expiry-days N|none] ' +
        '[--project KEY] [--repo SLUG] [--store] [--password-stdin] [--otp CODE] [--json]',
      'latch token create --account ACCOUNT --name NAME --scope SCOPE [--scope SCOPE ...] [--token-stdin] [--json]',
      'latch token create --account ACCOUNT --project PATH|--group PATH --name NAME --scope SCOPE [--scope SCOPE ...] --access-level ROLE ' +
        '--expiry-days N [--store] [--json]',
    ],
    summary:
      'Creates a token and prints its secret once on stdout; --store keeps it in the keychain for git and the CLI. ' +
      'GitHub has no API for it: the prefilled page is printed, and the token you make there is read (--token-stdin, else asked for), checked and kept.',
    details: () => [
      `--expiry-days N: the token stops working N days from now (${EXPIRY_DAYS_WORDS}); ${DEFAULT_EXPIRY_DAYS} days unless given, as in the app; ` +
        'none for a token that never expires (Latch warns). Gitea and Forgejo tokens never expire.',
      ...scopeLines(),
    ],
  },
  {
    words: ['token', 'add'],
    run: tokenAdd,
    options: {
      account: { kind: 'string', required: true, value: 'ACCOUNT' },
      // Asked for by the command where the host does not name the token itself (GitLab does).
      name: { kind: 'string', value: 'NAME' },
      // Bitbucket Cloud only (the command asks for it there): GitHub reports the expiry itself.
      'expires-on': expiresOn,
      'token-stdin': tokenStdin,
      json,
    },
    usage: [
      'latch token add --account ACCOUNT --name NAME --expires-on YYYY-MM-DD [--token-stdin] [--json]',
      'latch token add --account ACCOUNT --name NAME [--token-stdin] [--json]',
    ],
    summary:
      'Keeps a token you created in the host\'s web page (Bitbucket Cloud: an API token from id.atlassian.com, with --expires-on; ' +
      'GitHub: a personal access token, whose expiry and scopes GitHub reports) for git, ' +
      'after checking it with the host; the secret is read from stdin with --token-stdin, else asked for.',
  },
  {
    words: ['token', 'revoke'],
    run: tokenRevoke,
    positionals: ['TOKEN_ID'],
    options: { account: { kind: 'string', required: true, value: 'ACCOUNT' }, ...owner, 'password-stdin': passwordStdin, otp, yes: { kind: 'boolean' }, json },
    summary:
      'Revokes the token on the host and removes Latch\'s copy of its secret (GitHub: by sending it the kept secret; ' +
      'Bitbucket Cloud cannot: revoke it at id.atlassian.com, then use token remove).',
  },
  {
    words: ['token', 'rotate'],
    run: tokenRotate,
    positionals: ['TOKEN_ID'],
    options: { account: { kind: 'string', required: true, value: 'ACCOUNT' }, ...owner, 'expiry-days': { kind: 'string', value: 'N' }, json },
    summary:
      'GitLab: rotates the token (the old secret stops working) and prints the new secret once; a copy Latch kept is replaced in the keychain at once. ' +
      'A rotate whose answer was lost is never sent again: Latch lists the tokens and says what happened.',
  },
  {
    words: ['token', 'remove'],
    run: tokenRemove,
    positionals: ['TOKEN_ID'],
    options: { account: { kind: 'string', required: true, value: 'ACCOUNT' }, yes: { kind: 'boolean' }, json },
    summary: 'Removes Latch\'s copy of a token\'s secret (keychain and index) without touching the host.',
  },
  {
    words: ['token', 'forget'],
    run: tokenForget,
    positionals: ['TOKEN_ID'],
    options: { account: { kind: 'string', required: true, value: 'ACCOUNT' }, yes: { kind: 'boolean' }, json },
    summary: 'The old spelling of token remove; it still works, and says so.',
  },
  { ...TOKEN_GET_COMMAND, run: tokenGet },
  {
    words: ['token', 'use'],
    run: tokenUse,
    positionals: ['TOKEN_ID|auto'],
    options: { account: { kind: 'string', required: true, value: 'ACCOUNT' }, json },
    summary:
      'Chooses the stored token git gets for the account (wherever it covers the repository); auto lets Latch choose again: ' +
      'the stored token reaching highest on repositories, so a read-only token never stands in the way of a push.',
  },
  {
    words: ['setup-git'],
    run: setupGit,
    options: { host: { kind: 'string', value: 'HOST' }, all: { kind: 'boolean' }, undo: { kind: 'boolean' }, json },
    usage: ['latch setup-git --host HOST [--undo] [--json]', 'latch setup-git --all [--undo] [--json]'],
    summary:
      'Makes git ask Latch for credentials on HOST (host[:port] or a URL), or on every host with --all, in your global git configuration; --undo removes exactly those lines.',
  },
  { words: ['doctor'], run: doctor, options: { json }, summary: 'Checks the keychain, git and its credential helpers, and says how to fix what is wrong.' },
  { ...EXEC_COMMAND, run: exec },
  { ...LEAK_COMMAND, run: leak },
  { ...IMPORT_COMMAND, run: runImport },
  { ...CREDENTIALS_COMMANDS[0], run: credentialsList },
  { ...CREDENTIALS_COMMANDS[1], run: credentialsRemove },
] as const satisfies readonly Command[];
