// Every `latch` command, its options and what it does: the parser, the help text and the tests read this list.
import { LEAK_COMMAND } from './commands/leak';
import type { CommandSpec } from './args';

const json = { kind: 'boolean' } as const;
const passwordStdin = { kind: 'boolean' } as const;
const owner = {
  project: { kind: 'string', value: 'KEY' },
  repo: { kind: 'string', value: 'SLUG' },
} as const;

export const COMMANDS = [
  {
    words: ['account', 'add'],
    options: {
      host: { kind: 'string', required: true, value: 'KIND' },
      url: { kind: 'string', required: true, value: 'URL' },
      username: { kind: 'string', required: true, value: 'USER' },
      'password-stdin': passwordStdin,
      'remember-password': { kind: 'boolean' },
      json,
    },
    summary: 'Adds an account after checking the username and password with the server (KIND: bitbucket-datacenter).',
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
    options: { account: { kind: 'string', required: true, value: 'ACCOUNT' }, ...owner, 'password-stdin': passwordStdin, json },
    summary: 'Lists the tokens on the host (personal, or of a project or repository), every page.',
  },
  {
    words: ['token', 'create'],
    options: {
      account: { kind: 'string', required: true, value: 'ACCOUNT' },
      name: { kind: 'string', required: true, value: 'NAME' },
      scope: { kind: 'list', required: true, value: 'PERMISSION' },
      'expiry-days': { kind: 'string', value: 'N' },
      ...owner,
      store: { kind: 'boolean' },
      'password-stdin': passwordStdin,
      json,
    },
    summary: 'Creates a token and prints its secret once on stdout; --store keeps it in the keychain for git and the CLI.',
  },
  {
    words: ['token', 'revoke'],
    positionals: ['TOKEN_ID'],
    options: { account: { kind: 'string', required: true, value: 'ACCOUNT' }, ...owner, 'password-stdin': passwordStdin, yes: { kind: 'boolean' } },
    summary: 'Revokes the token on the host and removes Latch\'s copy of its secret.',
  },
  {
    words: ['token', 'forget'],
    positionals: ['TOKEN_ID'],
    options: { account: { kind: 'string', required: true, value: 'ACCOUNT' }, yes: { kind: 'boolean' } },
    summary: 'Deletes Latch\'s copy of a token\'s secret (keychain and index) without touching the host.',
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
    options: { host: { kind: 'string', required: true, value: 'HOST' }, undo: { kind: 'boolean' }, json },
    summary: 'Makes git ask Latch for credentials on HOST (host[:port]) in your global git configuration; --undo removes it.',
  },
  { words: ['doctor'], options: { json }, summary: 'Checks the keychain, git and its credential helpers, and says how to fix what is wrong.' },
  {
    words: ['exec'],
    options: { account: { kind: 'string', required: true, value: 'ACCOUNT' }, env: { kind: 'string', required: true, value: 'NAME' } },
    rest: 'COMMAND [ARGS...]',
    summary: "Runs COMMAND with the account's stored token in the environment variable NAME only, and exits with its exit code.",
  },
  LEAK_COMMAND,
] as const satisfies readonly CommandSpec[];
