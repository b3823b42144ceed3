// Every `latch` command, its options and what it does: the parser, the help text and the tests read this list.
import { LEAK_COMMAND } from './commands/leak';
import { IMPORT_COMMAND } from './commands/import';
import { CREDENTIALS_COMMANDS } from './commands/credentials';
import type { CommandSpec } from './args';

const json = { kind: 'boolean' } as const;
const passwordStdin = { kind: 'boolean' } as const;
const tokenStdin = { kind: 'boolean' } as const;
/** Gitea and Forgejo with two-factor sign-in: the code for this one command's call to the server. */
const otp = { kind: 'string', value: 'CODE' } as const;
const expiresOn = { kind: 'string', value: 'YYYY-MM-DD' } as const;
const owner = {
  project: { kind: 'string', value: 'KEY' },
  repo: { kind: 'string', value: 'SLUG' },
} as const;

export const COMMANDS = [
  {
    words: ['account', 'add'],
    options: {
      host: { kind: 'string', required: true, value: 'KIND' },
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
    ],
    summary:
      'Adds an account after checking it with the server: Data Center, Gitea and Forgejo with your username and password (and, ' +
      'with two-factor sign-in, --otp and the code from your authenticator app); Bitbucket Cloud with ' +
      'an API token you created at id.atlassian.com, GitHub (github.com unless --url names an Enterprise Server) with a personal ' +
      'access token you created in its settings (read from stdin with --token-stdin, else asked for), which Latch then keeps for git.',
  },
  { words: ['account', 'list'], options: { json }, summary: 'Lists the accounts Latch knows.' },
  {
    words: ['account', 'remove'],
    positionals: ['ACCOUNT'],
    options: { yes: { kind: 'boolean' } },
    summary: 'Removes an account and every secret Latch keeps for it (the tokens stay on the host).',
  },
  {
    words: ['account', 'default'],
    positionals: ['ACCOUNT'],
    options: {},
    summary: 'Makes the account the one git uses on its host when the remote URL names no user.',
  },
  {
    words: ['token', 'list'],
    options: { account: { kind: 'string', required: true, value: 'ACCOUNT' }, ...owner, 'password-stdin': passwordStdin, otp, json },
    summary: 'Lists the tokens on the host (personal, or of a project or repository), every page; for Bitbucket Cloud, the API tokens Latch keeps.',
  },
  {
    words: ['token', 'create'],
    options: {
      account: { kind: 'string', required: true, value: 'ACCOUNT' },
      name: { kind: 'string', required: true, value: 'NAME' },
      // Required, but checked by the command: on Bitbucket Cloud the answer is `latch token add` instead.
      scope: { kind: 'list', value: 'PERMISSION' },
      'expiry-days': { kind: 'string', value: 'N' },
      ...owner,
      store: { kind: 'boolean' },
      'password-stdin': passwordStdin,
      otp,
      // GitHub: the token made in the browser, pasted on stdin.
      'token-stdin': tokenStdin,
      json,
    },
    usage: [
      'latch token create --account ACCOUNT --name NAME --scope PERMISSION [--scope PERMISSION ...] [--expiry-days N] ' +
        '[--project KEY] [--repo SLUG] [--store] [--password-stdin] [--otp CODE] [--json]',
      'latch token create --account ACCOUNT --name NAME --scope SCOPE [--scope SCOPE ...] [--token-stdin] [--json]',
    ],
    summary:
      'Creates a token and prints its secret once on stdout; --store keeps it in the keychain for git and the CLI. ' +
      'GitHub has no API for it: the prefilled page is printed, and the token you make there is read (--token-stdin, else asked for), checked and kept.',
  },
  {
    words: ['token', 'add'],
    options: {
      account: { kind: 'string', required: true, value: 'ACCOUNT' },
      name: { kind: 'string', required: true, value: 'NAME' },
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
    positionals: ['TOKEN_ID'],
    options: { account: { kind: 'string', required: true, value: 'ACCOUNT' }, ...owner, 'password-stdin': passwordStdin, otp, yes: { kind: 'boolean' } },
    summary:
      'Revokes the token on the host and removes Latch\'s copy of its secret (GitHub: by sending it the kept secret; ' +
      'Bitbucket Cloud cannot: revoke it at id.atlassian.com, then use token remove).',
  },
  {
    words: ['token', 'remove'],
    positionals: ['TOKEN_ID'],
    options: { account: { kind: 'string', required: true, value: 'ACCOUNT' }, yes: { kind: 'boolean' } },
    summary: 'Removes Latch\'s copy of a token\'s secret (keychain and index) without touching the host.',
  },
  {
    words: ['token', 'forget'],
    positionals: ['TOKEN_ID'],
    options: { account: { kind: 'string', required: true, value: 'ACCOUNT' }, yes: { kind: 'boolean' } },
    summary: 'The old spelling of token remove; it still works, and says so.',
  },
  {
    words: ['token', 'get'],
    options: {
      host: { kind: 'string', required: true, value: 'HOST' },
      account: { kind: 'string', value: 'ACCOUNT' },
      field: { kind: 'string', value: 'secret|username|authorization' },
    },
    summary: 'Prints one field of the stored token for HOST (default: the secret), e.g. for curl -H "Authorization: …".',
  },
  {
    words: ['setup-git'],
    options: { host: { kind: 'string', value: 'HOST' }, all: { kind: 'boolean' }, undo: { kind: 'boolean' }, json },
    usage: ['latch setup-git --host HOST [--undo] [--json]', 'latch setup-git --all [--undo] [--json]'],
    summary:
      'Makes git ask Latch for credentials on HOST (host[:port]), or on every host with --all, in your global git configuration; --undo removes exactly those lines.',
  },
  { words: ['doctor'], options: { json }, summary: 'Checks the keychain, git and its credential helpers, and says how to fix what is wrong.' },
  {
    words: ['exec'],
    options: { account: { kind: 'string', required: true, value: 'ACCOUNT' }, env: { kind: 'string', required: true, value: 'NAME' } },
    rest: 'COMMAND [ARGS...]',
    summary: "Runs COMMAND with the account's stored token in the environment variable NAME only, and exits with its exit code.",
  },
  LEAK_COMMAND,
  IMPORT_COMMAND,
  ...CREDENTIALS_COMMANDS,
] as const satisfies readonly CommandSpec[];
