// The CLI's argument parsing: what each command accepts, and the one-line hint for what it does not.
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError, type ParsedArgs } from '../../electron/cli/args';
import { COMMANDS } from '../../electron/cli/specs';

function run(...argv: string[]): ParsedArgs {
  const outcome = parseArgs(argv, COMMANDS);
  if (outcome.kind !== 'run') throw new Error(`expected a command, got ${outcome.kind}`);
  return outcome.args;
}

function usage(...argv: string[]): string {
  try {
    parseArgs(argv, COMMANDS);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('latch argument parsing', () => {
  it('reads a two-word command with options in either form', () => {
    const args = run('account', 'add', '--host', 'bitbucket-datacenter', '--url=https://bb.example.com', '--username', 'alice', '--password-stdin', '--json');
    expect(args.command.words).toEqual(['account', 'add']);
    expect(args.options).toEqual({ host: 'bitbucket-datacenter', url: 'https://bb.example.com', username: 'alice', 'password-stdin': true, json: true });
  });

  it('reads a Bitbucket Cloud account add and a token add, the secret never among the arguments', () => {
    const cloud = run('account', 'add', '--host', 'bitbucket-cloud', '--email', 'a@example.com', '--token-name', 'laptop', '--expires-on', '2027-01-31', '--token-stdin', '--json');
    expect(cloud.options).toEqual({ host: 'bitbucket-cloud', email: 'a@example.com', 'token-name': 'laptop', 'expires-on': '2027-01-31', 'token-stdin': true, json: true });
    const add = run('token', 'add', '--account', 'a@example.com', '--name', 'ci', '--expires-on', '2027-01-31', '--token-stdin');
    expect(add.command.words).toEqual(['token', 'add']);
    // --expires-on is asked for by the command where the host's flow has the person type it (Bitbucket Cloud), not by GitHub.
    expect(run('token', 'add', '--account', 'octocat@github.com', '--name', 'ci', '--token-stdin').options).toEqual({ account: 'octocat@github.com', name: 'ci', 'token-stdin': true });
    expect(usage('token', 'add', '--account', 'a', '--name', 'ci', '--expires-on', '2027-01-31', '--token', 'x')).toMatch(/has no option --token;/);
  });

  it('shows every way to add an account in the help, one line per kind of host', () => {
    const all = parseArgs(['--help'], COMMANDS);
    const text = all.kind === 'help' ? all.text : '';
    expect(text).toContain('  latch account add --host bitbucket-datacenter --url URL --username USER [--password-stdin] [--remember-password] [--json]\n');
    expect(text).toContain('  latch account add --host gitea|forgejo --url URL --username USER [--password-stdin] [--remember-password] [--otp CODE] [--json]\n');
    expect(text).toContain('  latch account add --host bitbucket-cloud --email EMAIL --token-name NAME --expires-on YYYY-MM-DD [--token-stdin] [--json]\n');
    expect(text).toContain('  latch token add --account ACCOUNT --name NAME --expires-on YYYY-MM-DD [--token-stdin] [--json]\n');
    const one = parseArgs(['account', 'add', '--help'], COMMANDS);
    expect(one.kind === 'help' && one.text.split('\n').slice(0, 3)).toEqual([
      'Usage: latch account add --host bitbucket-datacenter --url URL --username USER [--password-stdin] [--remember-password] [--json]',
      '       latch account add --host gitea|forgejo --url URL --username USER [--password-stdin] [--remember-password] [--otp CODE] [--json]',
      '       latch account add --host bitbucket-cloud --email EMAIL --token-name NAME --expires-on YYYY-MM-DD [--token-stdin] [--json]',
    ]);
  });

  it('collects repeated options in order', () => {
    const args = run('token', 'create', '--account', 'a', '--name', 'ci', '--scope', 'PROJECT_READ', '--scope', 'REPO_WRITE');
    expect(args.options.scope).toEqual(['PROJECT_READ', 'REPO_WRITE']);
  });

  it('keeps token ids exactly as given, leading zeros included', () => {
    expect(run('token', 'revoke', '--account', 'a', '012345678901', '--yes').positionals).toEqual(['012345678901']);
  });

  it('takes a value that starts with "--" only in the --name=value form', () => {
    expect(run('token', 'create', '--account', 'a', '--scope', 'REPO_READ', '--name=--weird').options.name).toBe('--weird');
    expect(usage('token', 'create', '--account', 'a', '--scope', 'REPO_READ', '--name', '--json')).toMatch(/--name needs a value/);
  });

  it('hands everything after -- to exec untouched', () => {
    const args = run('exec', '--account', 'a', '--env', 'TOKEN', '--', 'curl', '--json', '-H', 'x', '--');
    expect(args.rest).toEqual(['curl', '--json', '-H', 'x', '--']);
    expect(args.options).toEqual({ account: 'a', env: 'TOKEN' });
  });

  it('answers --help for the program and for a command', () => {
    const all = parseArgs(['--help'], COMMANDS);
    expect(all.kind === 'help' && all.text).toContain('latch token create --account ACCOUNT --name NAME --scope PERMISSION');
    const one = parseArgs(['setup-git', '--help'], COMMANDS);
    expect(one.kind === 'help' && one.text).toMatch(/^Usage: latch setup-git --host HOST \[--undo\]/);
    expect(parseArgs([], COMMANDS).kind).toBe('help');
    expect(parseArgs(['--version'], COMMANDS).kind).toBe('version');
  });

  it.each([
    [['frobnicate'], /"frobnicate" is not a latch command/],
    [['token'], /needs a subcommand: list, create, add, revoke, rotate, remove, forget, get/],
    [['token', 'mint'], /"latch token mint" is not a command/],
    [['account', 'list', '--verbose'], /has no option --verbose; see latch account list --help/],
    [['account', 'list', '-v'], /has no option -v/],
    [['account', 'add', '--url', 'u', '--username', 'x'], /needs --host/],
    [['account', 'remove'], /needs ACCOUNT/],
    [['account', 'list', 'extra'], /was given 1 argument more than it takes/],
    [['token', 'list', '--account'], /--account needs a value/],
    [['token', 'list', '--account', 'a', '--account', 'b'], /given twice/],
    [['account', 'list', '--json=yes'], /--json takes no value/],
    [['exec', '--account', 'a', '--env', 'T'], /needs a command after --/],
    [['setup-git', '--host'], /--host needs a value/],
  ])('refuses %j with a one-line hint', (argv, message) => {
    const text = usage(...(argv as string[]));
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it('never quotes a stray argument or short option back, since it may be a password', () => {
    const positional = usage('account', 'add', '--host', 'bitbucket-datacenter', '--url', 'u', '--username', 'alice', 'hunter2-secret');
    expect(positional).toMatch(/was given 1 argument more than it takes/);
    expect(positional).not.toContain('hunter2');
    const short = usage('account', 'list', '-phunter2-secret');
    expect(short).toMatch(/has no option -p;/);
    expect(short).not.toContain('hunter2');
  });

  it('does not treat inherited object keys as options', () => {
    expect(usage('account', 'list', '--constructor')).toMatch(/no option --constructor/);
    expect(usage('account', 'list', '--__proto__')).toMatch(/no option --__proto__/);
  });
});
