// Every command Latch suggests on a GitLab account runs as printed: taken from the output of a real run
// against the GitLab simulator, its placeholders filled in, and run; each does what the person wanted.
import { describe, expect, it } from 'vitest';
import { dayAhead, gitlabWorld } from './host-worlds';
import { helper } from './run';
import { expectGitSetupSuggestionsRun, runLeakSuggestion, runSuggestion, suggestion } from './suggested';

const w = gitlabWorld();

describe('commands Latch suggests on GitLab run as printed', () => {
  it('the sign-in token expiring soon: the rotate-token account add and account list print', async () => {
    const { id, result } = await w.addAccount(['api'], dayAhead(10));
    const listed = await w.run(['account', 'list']);
    expect(suggestion(listed, /^account rotate-token /)).toEqual(suggestion(result, /^account rotate-token /));
    await runSuggestion(w, result, /^account rotate-token /);
    expect(w.sim.tokenState(id)).toBe('revoked');
    // Signed in with the new token: the list works.
    expect((await w.run(['token', 'list', '--account', w.account])).code).toBe(0);
  });

  it('a kept token: the revoke its sentence prints', async () => {
    await w.addAccount();
    const made = w.issue(['read_repository'], 'laptop git');
    const added = await w.run(['token', 'add', '--account', w.account, '--token-stdin'], `${made.secret}\n`);
    expect(added.code).toBe(0);
    await runSuggestion(w, added, /^token revoke /);
    expect(w.sim.tokenState(made.id)).toBe('revoked');
    const kept = JSON.parse((await w.run(['token', 'list', '--account', w.account, '--json'])).stdout) as Array<{ id: string }>;
    expect(kept.map((token) => token.id)).not.toContain(String(made.id));
  });

  it('a kept token revoked on GitLab\'s page: the token remove the list prints', async () => {
    await w.addAccount();
    const made = w.issue(['read_repository'], 'laptop git');
    expect((await w.run(['token', 'add', '--account', w.account, '--token-stdin'], `${made.secret}\n`)).code).toBe(0);
    w.sim.revokeInPage(made.id);
    const list = await w.run(['token', 'list', '--account', w.account]);
    await runSuggestion(w, list, /^token remove /);
    const kept = JSON.parse((await w.run(['token', 'list', '--account', w.account, '--json'])).stdout) as Array<{ id: string; stored: boolean }>;
    expect(kept.find((token) => token.id === String(made.id))).toBeUndefined();
  });

  it('the sign-in token refused by GitLab: the account remove and account add token get prints, with a new token', async () => {
    const { id, secret } = await w.addAccount();
    // Revoked on the page, then refused to git, which tells the helper; the helper finds it dead.
    w.sim.revokeInPage(id);
    const erased = await helper(['erase'], { env: w.env, input: `protocol=http\nhost=${w.host}\nusername=jane\npassword=${secret}\n\n` });
    expect(erased.code).toBe(0);
    const get = await w.run(['token', 'get', '--host', w.host]);
    expect(get.code).toBe(1);
    await runSuggestion(w, get, /^account remove /);
    const made = w.issue(['api'], 'new sign-in');
    const added = await runSuggestion(w, get, /^account add /, {}, `${made.secret}\n`);
    expect(added.stdout).toContain(`"new sign-in" (id ${made.id})`);
    expect((await w.run(['token', 'get', '--host', w.host])).stdout).toBe(`${made.secret}\n`);
  });

  it('a secret typed where a token id goes: the latch leak it points to revokes it and removes the copy', async () => {
    await w.addAccount();
    const made = w.issue(['read_repository'], 'laptop git');
    expect((await w.run(['token', 'add', '--account', w.account, '--token-stdin'], `${made.secret}\n`)).code).toBe(0);
    const leak = await runLeakSuggestion(w, w.account, made.secret);
    expect(leak.code, leak.screen).toBe(0);
    expect(w.sim.tokenState(made.id)).toBe('revoked');
    const kept = JSON.parse((await w.run(['token', 'list', '--account', w.account, '--json'])).stdout) as Array<{ id: string }>;
    expect(kept.map((token) => token.id)).not.toContain(String(made.id));
  });

  it('an address Latch cannot place: the account add it prints, with the kind named', async () => {
    const made = w.issue(['api'], 'latch management');
    const unsure = await w.run(['account', 'add', '--host', w.baseUrl, '--token-stdin'], `${made.secret}\n`);
    expect(unsure.code).toBe(2);
    await runSuggestion(w, unsure, /^account add --host KIND /, { KIND: 'gitlab' }, `${made.secret}\n`);
    expect(JSON.parse((await w.run(['account', 'list', '--json'])).stdout)).toEqual([expect.objectContaining({ username: 'jane', host: 'gitlab' })]);
  });

  it("doctor's fix, setup-git's undo, and the account list an unknown host points to", async () => {
    await w.addAccount();
    await expectGitSetupSuggestionsRun(w);
  });
});
