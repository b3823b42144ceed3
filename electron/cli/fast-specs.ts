// The two commands scripts run most, `latch token get` and `latch exec`: their argument specs, here so
// that the small start-up path (latch-fast.ts) parses them exactly as the full CLI (specs.ts) does.
import type { CommandSpec } from './args';

export const TOKEN_GET_COMMAND = {
  words: ['token', 'get'],
  options: {
    host: { kind: 'string', required: true, value: 'HOST' },
    account: { kind: 'string', value: 'ACCOUNT' },
    field: { kind: 'string', value: 'secret|username|authorization' },
    json: { kind: 'boolean' },
  },
  summary: 'Prints one field of the stored token for HOST (default: the secret), e.g. for curl -H "Authorization: …".',
} as const satisfies CommandSpec;

export const EXEC_COMMAND = {
  words: ['exec'],
  options: { account: { kind: 'string', required: true, value: 'ACCOUNT' }, env: { kind: 'string', required: true, value: 'NAME' }, json: { kind: 'boolean' } },
  rest: 'COMMAND [ARGS...]',
  summary:
    "Runs COMMAND with the account's stored token in the environment variable NAME only, and exits with its exit code; " +
    "with --json, Latch's own report (the exit code, or why COMMAND did not start) is one JSON line on stderr, since stdout is COMMAND's.",
} as const satisfies CommandSpec;

export const FAST_COMMANDS = [TOKEN_GET_COMMAND, EXEC_COMMAND] as const;
