// Every command Latch suggests on a GitHub account runs as printed: taken from the output of a real run
// against the GitHub simulator (an Enterprise Server stand-in), its placeholders filled in, and run; each
// does what the person wanted.
import { describe, expect, it } from 'vitest';
import { githubWorld } from './host-worlds';
import { latchInTerminal } from './run';
import { expectGitSetupSuggestionsRun, filled, runLeakSuggestion, runSuggestion, suggestion } from './suggested';

const w = githubWorld();
const NAME = 'from-a-hint';
const kept = async () => JSON.parse((await w.run(['token', 'list', '--account', w.account, '--json'])).stdout) as Array<{ id: string; name: string }>;

describe('commands Latch suggests on GitHub run as printed', () => {
  it("account add's revoke; then the token add the empty list prints", async () => {
    const secret = w.issue();
    const added = await w.run(['account', 'add', '--host', 'github', '--url', w.baseUrl, '--token-name', 'laptop', '--token-stdin'], `${secret}\n`);
    expect(added.code).toBe(0);
    await runSuggestion(w, added, /^token revoke /);
    expect(w.sim.isAlive(secret)).toBe(false);
    expect(await kept()).toEqual([]);
    const empty = await w.run(['token', 'list', '--account', w.account]);
    await runSuggestion(w, empty, /^token add /, { NAME }, `${w.issue()}\n`);
    expect((await kept()).map((one) => one.name)).toEqual([NAME]);
  });

  it('no usable token: the token create token get prints, made on the prefilled page and pasted in a terminal', async () => {
    const { secret } = await w.addAccount();
    const [token] = await kept();
    expect((await w.run(['token', 'revoke', '--account', w.account, token!.id, '--yes'])).code).toBe(0);
    expect(w.sim.isAlive(secret)).toBe(false);
    const get = await w.run(['token', 'get', '--host', w.host]);
    expect(get.code).toBe(1);
    const command = filled(suggestion(get, /^token create /), { NAME });
    const made = w.issue();
    const created = await latchInTerminal(command, { env: w.env, answers: [{ after: /it is not shown\): $/, type: made }] });
    expect(created.code, created.screen).toBe(0);
    expect(created.screen).not.toContain(made);
    expect(created.screen).toContain(`${w.baseUrl}/settings/tokens/new?description=${NAME}&scopes=repo,workflow`);
    expect((await w.run(['token', 'get', '--host', w.host])).stdout).toBe(`${made}\n`);
  });

  it('an Enterprise Server without the revoke endpoint: the token remove it prints', async () => {
    await w.restart({ enterpriseRevoke: 'missing' });
    await w.addAccount();
    const [token] = await kept();
    const revoke = await w.run(['token', 'revoke', '--account', w.account, token!.id, '--yes']);
    expect(revoke.code).toBe(1);
    await runSuggestion(w, revoke, /^token remove /);
    expect(await kept()).toEqual([]);
  });

  it('a token id Latch does not hold: the token list it points to', async () => {
    await w.addAccount();
    const revoke = await w.run(['token', 'revoke', '--account', w.account, 'pasted-000000000000', '--yes']);
    expect(revoke.code).toBe(1);
    const listed = await runSuggestion(w, revoke, /^token list /);
    expect(listed.stdout).toMatch(/laptop\s+repo,workflow/);
  });

  it("a read-only token chosen for git: doctor's token use, with the id of one that can write", async () => {
    await w.addAccount();
    const readOnly = w.issue({ scopes: ['public_repo'] });
    const added = JSON.parse((await w.run(['token', 'add', '--account', w.account, '--name', 'look', '--token-stdin', '--json'], `${readOnly}\n`)).stdout) as { id: string };
    expect((await w.run(['token', 'use', '--account', w.account, added.id])).code).toBe(0);
    const doctor = await w.run(['doctor']);
    expect(doctor.stdout).toContain('git push will be refused');
    const laptop = (await kept()).find((one) => one.name === 'laptop')!;
    const used = await runSuggestion(w, doctor, /^token use /, { TOKEN_ID: laptop.id });
    expect(used.stdout).toContain(`git now gets "laptop" (id ${laptop.id})`);
    expect((await w.run(['doctor'])).stdout).not.toContain('git push will be refused');
  });

  it("an address Latch cannot place: the account add it prints, with the kind named", async () => {
    const secret = w.issue();
    const unsure = await w.run(['account', 'add', '--host', w.baseUrl, '--token-name', 'laptop', '--token-stdin'], `${secret}\n`);
    expect(unsure.code).toBe(2);
    await runSuggestion(w, unsure, /^account add --host KIND /, { KIND: 'github' }, `${secret}\n`);
    expect((await w.run(['token', 'get', '--host', w.host])).stdout).toBe(`${secret}\n`);
  });

  it('a secret typed where a token id goes: the latch leak it points to revokes it and removes the copy', async () => {
    const { secret } = await w.addAccount();
    const leak = await runLeakSuggestion(w, w.account, secret);
    expect(leak.code, leak.screen).toBe(0);
    expect(w.sim.isAlive(secret)).toBe(false);
    expect(await kept()).toEqual([]);
  });

  it("doctor's fix, setup-git's undo, and the account list an unknown host points to", async () => {
    await w.addAccount();
    await expectGitSetupSuggestionsRun(w);
  });
});
