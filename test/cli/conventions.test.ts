// The conventions gh, op and git users expect, for every command in the one command list: help for a
// group and a command, the version, "did you mean", and exit code 2 for every usage error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_KINDS, HOSTS } from '../../shared/hosts';
import { scopeValues } from '../../shared/scopes';
import { COMMANDS } from '../../electron/cli/specs';
import { version } from '../../package.json';
import { buildCli } from './built';
import { helper, latch } from './run';

let home: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  buildCli();
  home = mkdtempSync(join(tmpdir(), 'latch-conventions-'));
  env = { ...process.env, HOME: home, LATCH_HOME: join(home, 'latch') };
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const run = (...args: string[]) => latch(args, { env });

describe('help and version', () => {
  it('shows a group\'s help for latch token --help and latch help token, and only that group', async () => {
    const viaFlag = await run('token', '--help');
    const viaHelp = await run('help', 'token');
    for (const result of [viaFlag, viaHelp]) {
      expect(result.code).toBe(0);
      for (const command of COMMANDS.filter((c) => c.words[0] === 'token')) expect(result.stdout).toContain(`latch ${command.words.join(' ')} `);
      expect(result.stdout).not.toContain('latch account add');
    }
    expect(viaFlag.stdout).toBe(viaHelp.stdout);
  });

  it('prints the version for -v and --version', async () => {
    for (const flag of ['-v', '--version']) expect(await run(flag)).toEqual({ code: 0, stdout: `latch ${version}\n`, stderr: '' });
  });

  it("lists each host's --scope values from the host table in token create --help", async () => {
    const { stdout, code } = await run('token', 'create', '--help');
    expect(code).toBe(0);
    for (const kind of HOST_KINDS) {
      const values = scopeValues(kind);
      if (!HOSTS[kind].implemented || !HOSTS[kind].createByApi || !values) continue;
      expect(stdout).toContain(`${HOSTS[kind].label}: ${values.join(', ')}`);
    }
    expect(stdout).toContain('PROJECT_READ');
    expect(stdout).toContain('read:repository');
  });

  it('git-credential-latch --help prints its usage and exits 0', async () => {
    const result = await helper(['--help'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: git-credential-latch get\|store\|erase\|capability\n/);
    expect(result.stdout).toContain('latch setup-git --host HOST');
  });
});

describe('did you mean', () => {
  it.each([
    [['tokn', 'list'], 'Did you mean latch token?'],
    [['token', 'lst'], 'Did you mean latch token list?'],
    [['acount', 'list'], 'Did you mean latch account?'],
    [['setup-gti', '--host', 'x'], 'Did you mean latch setup-git?'],
    [['help', 'tokne'], 'Did you mean latch token?'],
    [['token', 'list', '--acount', 'a'], 'Did you mean --account?'],
    [['token', 'create', '--expiry-day', '5'], 'Did you mean --expiry-days?'],
  ])('%j: exit 2, one line, with the suggestion', async (argv, suggestion) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(suggestion);
  });
});

// Every command in the list, so one added later is checked without a new test.
describe.each(COMMANDS.map((command) => [command.words.join(' '), command] as const))('latch %s', (words, command) => {
  it('answers --help and help WORDS with the same usage, exit 0', async () => {
    const flag = await run(...command.words, '--help');
    expect(flag.code).toBe(0);
    expect(flag.stdout.startsWith(`Usage: latch ${words}`)).toBe(true);
    expect(await run('help', ...command.words)).toEqual(flag);
  });

  it('refuses an unknown option, and each option without its value, with exit 2', async () => {
    const [first] = Object.keys(command.options);
    if (first && first.length > 3) {
      const typo = await run(...command.words, `--${first.slice(0, -1)}`);
      expect(typo.code).toBe(2);
      expect(typo.stderr).toContain(`Did you mean --${first}?`);
    }
    const strings = Object.entries(command.options).filter(([, option]) => option.kind !== 'boolean');
    const results = await Promise.all(strings.map(([name]) => run(...command.words, `--${name}`)));
    results.forEach((result, i) => {
      expect(result.code, `--${strings[i]![0]}`).toBe(2);
      expect(result.stderr).toMatch(/^latch: /);
    });
  });
});
