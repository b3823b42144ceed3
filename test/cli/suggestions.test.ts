// Every command Latch suggests in its messages runs as printed: each is taken from the output of a real
// run against the Data Center simulator, its placeholders (the capitals the help uses) filled in, and run.
// The other hosts' suggestions are in suggestions-<host>.test.ts.
import { describe, expect, it } from 'vitest';
import { cliWorld, PASSWORD } from './fixture';
import { latchInTerminal, type ProcessResult } from './run';
import { filled, runLeakSuggestion, runSuggestion as runAndCheck, suggestedCommands } from './suggested';

const w = cliWorld();

/** One suggestion, with the values of this test run in place of the help's placeholders. */
const values = () => ({ NAME: 'from-a-hint', KIND: 'bitbucket-datacenter', URL: w.baseUrl, USER: 'Alice' });
const runSuggestion = (from: ProcessResult, expected: RegExp) => runAndCheck(w, from, expected, values());

describe('commands Latch suggests run as printed', () => {
  it('finds the commands in a message, quoted arguments included', () => {
    expect(suggestedCommands("Create one with: latch token create --account 'Alice@h:1' --name NAME --scope PROJECT_READ --store")).toEqual([
      ['token', 'create', '--account', 'Alice@h:1', '--name', 'NAME', '--scope', 'PROJECT_READ', '--store'],
    ]);
    expect(suggestedCommands('fix: Run: latch setup-git --host https://h  (it resets the helper list)')).toEqual([['setup-git', '--host', 'https://h']]);
    expect(suggestedCommands("again: run latch account remove 'a@h' --yes, then run latch account add --host gitlab --url 'http://h' --token-stdin")).toEqual([
      ['account', 'remove', 'a@h', '--yes'],
      ['account', 'add', '--host', 'gitlab', '--url', 'http://h', '--token-stdin'],
    ]);
  });

  it('no accounts yet: the account add it prints, in a terminal that asks for the password', async () => {
    const list = await w.run(['account', 'list']);
    const [command] = suggestedCommands(list.stderr);
    const added = await latchInTerminal(filled(command!, values()), { env: w.env, answers: [{ after: /Password for Alice: $/, type: PASSWORD }] });
    expect(added.code, added.screen).toBe(0);
    expect(added.screen).not.toContain(PASSWORD);
    expect(added.screen).toMatch(/Added Alice/);
  });

  it('no usable token: the token create it prints, which git can then use', async () => {
    await w.addAlice();
    const get = await w.run(['token', 'get', '--host', w.host]);
    expect(get.code).toBe(1);
    await runSuggestion(get, /^token create /);
    const again = await w.run(['token', 'get', '--host', w.host]);
    expect(again.stdout).toMatch(/^BBDC-/);
    expect(w.sim.tokens()[0]!.permissions.sort()).toEqual(['PROJECT_READ', 'REPO_WRITE']);
  });

  it('token add on Data Center: the token create it points to', async () => {
    await w.addAlice();
    const add = await w.run(['token', 'add', '--account', 'Alice', '--name', 'x', '--token-stdin'], 'BBDC-whatever\n');
    await runSuggestion(add, /^token create /);
  });

  it('a stored token gone from the host: the token remove it prints', async () => {
    await w.addAlice();
    const created = JSON.parse((await w.run(['token', 'create', '--account', 'Alice', '--name', 'gone', '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--store', '--json'])).stdout) as {
      token: { id: string };
    };
    await fetch(`${w.baseUrl}/rest/access-tokens/latest/users/alice/${created.token.id}`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`Alice:${PASSWORD}`).toString('base64')}` },
    });
    const list = await w.run(['token', 'list', '--account', 'Alice']);
    await runSuggestion(list, /^token remove /);
  });

  it('a secret typed where a token id goes: the latch leak it points to, in a terminal that asks for the secret', async () => {
    await w.addAlice();
    const made = JSON.parse((await w.run(['token', 'create', '--account', 'Alice', '--name', 'leaky', '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--store', '--json'])).stdout) as {
      secret: string;
    };
    const leak = await runLeakSuggestion(w, 'Alice', made.secret);
    expect(leak.code, leak.screen).toBe(0);
    expect(w.sim.tokens()).toEqual([]);
  });

  it("doctor's fix, setup-git's undo, and the account list an unknown account points to", async () => {
    await w.addAlice();
    const doctor = await w.run(['doctor']);
    await runSuggestion(doctor, /^setup-git --host /);
    const setup = await w.run(['setup-git', '--host', w.host]);
    await runSuggestion(setup, /--undo$/);
    const unknown = await w.run(['token', 'list', '--account', 'nobody']);
    await runSuggestion(unknown, /^account list$/);
  });

  it('an unlocked account: the account lock it prints', async () => {
    await w.addAlice(false);
    const unlocked = await w.run(['account', 'unlock', 'Alice', '--password-stdin'], `${PASSWORD}\n`);
    expect(unlocked.code).toBe(0);
    const locked = await runSuggestion(unlocked, /^account lock /);
    expect(locked.stdout).toMatch(/is locked: commands ask for its password again/);
    expect((await w.run(['token', 'list', '--account', 'Alice'])).code).not.toBe(0);
  });

  it('no password kept: the latch leak it says to run in a terminal, which asks for the password', async () => {
    await w.addAlice(false);
    const created = await w.run(['token', 'create', '--account', 'Alice', '--name', 'leaky', '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--store', '--json', '--password-stdin'], `${PASSWORD}\n`);
    expect(created.code, created.stderr).toBe(0);
    const made = JSON.parse(created.stdout) as { secret: string };
    const piped = await w.run(['leak', '--secret-stdin', '--yes'], `${made.secret}\n`);
    expect(piped.code).toBe(1);
    expect(piped.stderr).toContain('Run latch leak in a terminal');
    const leak = await latchInTerminal(['leak'], {
      env: w.env,
      answers: [
        { after: /Paste the secret .*Enter: $/, type: made.secret },
        { after: /\[y\/N\] $/, type: 'y' },
        { after: /Password: $/, type: PASSWORD },
      ],
    });
    expect(leak.code, leak.screen).toBe(0);
    expect(leak.screen).not.toContain(made.secret);
    expect(leak.screen).not.toContain(PASSWORD);
    expect(w.sim.tokens()).toEqual([]);
  });

  it('an address Latch cannot place: the account add it prints, with the kind named', async () => {
    const unsure = await w.run(['account', 'add', '--host', w.baseUrl, '--username', 'Alice', '--password-stdin'], `${PASSWORD}\n`);
    expect(unsure.code).toBe(2);
    await runAndCheck(w, unsure, /^account add --host KIND /, values(), `${PASSWORD}\n`);
    expect(JSON.parse((await w.run(['account', 'list', '--json'])).stdout)).toEqual([expect.objectContaining({ username: 'Alice', host: 'bitbucket-datacenter' })]);
  });

  it("git set up for a host with no account left: doctor's undo, which gives git its own helper back", async () => {
    await w.addAlice();
    expect((await w.run(['setup-git', '--host', w.host])).code).toBe(0);
    expect((await w.run(['account', 'remove', 'Alice', '--yes'])).code).toBe(0);
    const doctor = await w.run(['doctor']);
    expect(doctor.stdout).toContain('Latch has no account there');
    await runSuggestion(doctor, /--undo$/);
    expect((await w.run(['doctor'])).stdout).not.toContain(w.host);
  });

  it('the help a usage error and the empty account list point to', async () => {
    await w.addAlice();
    const noScope = await w.run(['token', 'create', '--account', 'Alice', '--name', 'x']);
    expect(noScope.code).toBe(2);
    expect((await w.run(['account', 'remove', 'Alice', '--yes'])).code).toBe(0);
    const empty = await w.run(['account', 'list']);
    for (const [text, pattern] of [
      [noScope.stderr, /\bsee (latch [a-z -]+ --help)\./],
      [empty.stderr, /; (latch help [a-z ]+) shows the others/],
    ] as const) {
      const found = pattern.exec(text);
      expect(found, text).not.toBeNull();
      const help = await w.run(found![1]!.split(' ').slice(1));
      expect(help.code, found![1]).toBe(0);
      expect(help.stdout).toMatch(/^Usage: latch /m);
    }
  });
});
