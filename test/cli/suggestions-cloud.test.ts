// Every command Latch suggests on a Bitbucket Cloud account runs as printed: taken from the output of a
// real run against the Cloud simulator, its placeholders filled in, and run; each does what the person wanted.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOUD_EMAIL, CLOUD_EXPIRES_ON, cloudWorld } from './host-worlds';
import { latchInTerminal } from './run';
import { expectGitSetupSuggestionsRun, filled, runLeakSuggestion, runSuggestion, suggestion } from './suggested';

const w = cloudWorld();
const values = { NAME: 'from-a-hint', 'YYYY-MM-DD': CLOUD_EXPIRES_ON, EMAIL: CLOUD_EMAIL };
const kept = async () => JSON.parse((await w.run(['token', 'list', '--account', CLOUD_EMAIL, '--json'])).stdout) as Array<{ id: string; name: string }>;

describe('commands Latch suggests on Bitbucket Cloud run as printed', () => {
  it('a revoke Cloud cannot do: the token remove it prints; then the token add the empty list prints', async () => {
    await w.addAccount();
    const [token] = await kept();
    const revoke = await w.run(['token', 'revoke', '--account', CLOUD_EMAIL, token!.id, '--yes']);
    expect(revoke.code).toBe(1);
    await runSuggestion(w, revoke, /^token remove /);
    expect(await kept()).toEqual([]);
    const empty = await w.run(['token', 'list', '--account', CLOUD_EMAIL]);
    await runSuggestion(w, empty, /^token add /, values, `${w.issue()}\n`);
    expect((await kept()).map((one) => one.name)).toEqual(['from-a-hint']);
  });

  it('no usable token: the token add token get prints, whose token git and scripts then get', async () => {
    await w.addAccount();
    const [token] = await kept();
    expect((await w.run(['token', 'remove', '--account', CLOUD_EMAIL, token!.id, '--yes'])).code).toBe(0);
    const get = await w.run(['token', 'get', '--host', w.host]);
    expect(get.code).toBe(1);
    const secret = w.issue();
    await runSuggestion(w, get, /^token add /, values, `${secret}\n`);
    expect((await w.run(['token', 'get', '--host', w.host])).stdout).toBe(`${secret}\n`);
  });

  it('token create, which Cloud cannot do: the token add it points to', async () => {
    await w.addAccount();
    const create = await w.run(['token', 'create', '--account', CLOUD_EMAIL, '--name', 'x', '--scope', 'REPO_READ']);
    expect(create.code).toBe(1);
    await runSuggestion(w, create, /^token add /, values, `${w.issue()}\n`);
    expect((await kept()).map((one) => one.name).sort()).toEqual(['from-a-hint', 'laptop']);
  });

  it('a dead app password import finds: the account add it prints, in a terminal that asks for the token', async () => {
    writeFileSync(join(w.home.dir, '.git-credentials'), `https://dan:ATBB${'x'.repeat(28)}@bitbucket.org\n`, { mode: 0o600 });
    const found = await w.run(['import', '--dry-run']);
    expect(found.code).toBe(0);
    // bitbucket.org is the simulator here: the one word added to the command as printed.
    const command = [...filled(suggestion(found, /^account add --host bitbucket-cloud /), values), '--url', w.baseUrl];
    const secret = w.issue();
    const added = await latchInTerminal(command, { env: w.env, answers: [{ after: /it is not shown\): $/, type: secret }] });
    expect(added.code, added.screen).toBe(0);
    expect(added.screen).not.toContain(secret);
    expect(added.screen).toMatch(/^Added alice@example\.com /m);
    expect((await w.run(['token', 'get', '--host', w.host])).stdout).toBe(`${secret}\n`);
  });

  it('a secret typed where a token id goes: the latch leak it points to removes every copy and names the page to revoke it at', async () => {
    const { secret } = await w.addAccount();
    const leak = await runLeakSuggestion(w, CLOUD_EMAIL, secret);
    // Cloud revokes nothing by API: the person finishes at id.atlassian.com, so the leak is not complete (exit 1).
    expect(leak.code, leak.screen).toBe(1);
    expect(leak.screen).toContain('id.atlassian.com');
    expect(await kept()).toEqual([]);
  });

  it("doctor's fix, setup-git's undo, and the account list an unknown host points to", async () => {
    await w.addAccount();
    await expectGitSetupSuggestionsRun(w);
  });
});
