// --json on every command that prints a result, and confirmations that name the token the way the app
// does (name, id, whose, permissions), against the Data Center simulator and the real keychain.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliWorld, PASSWORD } from './fixture';
import { latchInTerminal } from './run';

const w = cliWorld();

async function createStored(name = 'laptop'): Promise<{ id: string; secret: string }> {
  const result = await w.run(['token', 'create', '--account', 'Alice', '--name', name, '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--store', '--json']);
  expect(result.code).toBe(0);
  const { token, secret } = JSON.parse(result.stdout) as { token: { id: string }; secret: string };
  return { id: token.id, secret };
}

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe('--json', () => {
  it('account add prints the whole account, as account list does; account default and remove print theirs', async () => {
    const added = await w.run(['account', 'add', '--host', 'bitbucket-datacenter', '--url', w.baseUrl, '--username', 'Alice', '--password-stdin', '--json'], `${PASSWORD}\n`);
    expect(added.code).toBe(0);
    const listed = JSON.parse((await w.run(['account', 'list', '--json'])).stdout) as unknown[];
    expect(listed).toEqual([json(added.stdout)]);
    expect(listed[0]).toMatchObject({ host: 'bitbucket-datacenter', baseUrl: w.baseUrl, username: 'Alice', userSlug: 'alice', isDefault: true });

    const made = await w.run(['account', 'default', 'Alice', '--json']);
    expect(made.code).toBe(0);
    expect(json(made.stdout)).toEqual(listed[0]);
    const removed = await w.run(['account', 'remove', 'Alice', '--yes', '--json']);
    expect(removed.code).toBe(0);
    expect(json(removed.stdout)).toEqual({ removed: true, ...(listed[0] as object), tokenSecretsRemoved: 0 });
  });

  it('token get, revoke and remove print one JSON object each, and nothing else on stdout', async () => {
    await w.addAlice();
    const kept = await createStored();
    const got = await w.run(['token', 'get', '--host', w.host, '--field', 'username', '--json']);
    expect(json(got.stdout)).toMatchObject({ host: w.host, tokenId: kept.id, name: 'laptop', field: 'username', value: 'alice' });

    const other = await createStored('ci');
    const removed = await w.run(['token', 'remove', '--account', 'Alice', other.id, '--yes', '--json']);
    expect(json(removed.stdout)).toMatchObject({ removed: true, id: other.id, name: 'ci' });
    const forgot = await w.run(['token', 'forget', '--account', 'Alice', kept.id, '--yes', '--json']);
    expect(json(forgot.stdout)).toMatchObject({ removed: true, id: kept.id, name: 'laptop' });

    const revoked = await w.run(['token', 'revoke', '--account', 'Alice', other.id, '--yes', '--json']);
    expect(revoked.code).toBe(0);
    expect(json(revoked.stdout)).toMatchObject({ revoked: true, id: other.id, copyRemoved: false });
  });

  it('token list --json includes tokens gone from the host and rejected ones, each with its state', async () => {
    await w.addAlice();
    const gone = await createStored('gone');
    const rejected = await createStored('rejected');
    await createStored('fine');
    await fetch(`${w.baseUrl}/rest/access-tokens/latest/users/alice/${gone.id}`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`Alice:${PASSWORD}`).toString('base64')}` },
    });
    // A token the host refused when git's helper asked it (its verdict is what the index records), yet
    // still lists, as Data Center does for an expired token.
    const indexFile = join(w.env.LATCH_HOME!, 'index.json');
    const index = JSON.parse(readFileSync(indexFile, 'utf8')) as { storedTokens: Array<{ tokenId: string; rejectedAt: string | null }> };
    index.storedTokens.find((t) => t.tokenId === rejected.id)!.rejectedAt = new Date().toISOString();
    writeFileSync(indexFile, JSON.stringify(index));
    const listed = await w.run(['token', 'list', '--account', 'Alice', '--json']);
    expect(listed.stderr).toBe('');
    const states = Object.fromEntries((JSON.parse(listed.stdout) as Array<{ name: string; state: string }>).map((t) => [t.name, t.state]));
    expect(states).toEqual({ gone: 'gone-from-host', rejected: 'rejected', fine: 'active' });
  });

  it('setup-git and exec report in JSON (exec on stderr, since stdout is the command\'s)', async () => {
    await w.addAlice();
    await createStored();
    const setup = await w.run(['setup-git', '--host', w.host, '--json']);
    expect(json(setup.stdout)).toMatchObject({ host: w.host, protocol: 'http', configured: true });
    const exec = await w.run(['exec', '--account', 'Alice', '--env', 'T', '--json', '--', process.execPath, '-e', 'process.stdout.write("hi"); process.exit(3)']);
    expect(exec).toMatchObject({ code: 3, stdout: 'hi' });
    expect(json(exec.stderr)).toEqual({ command: process.execPath, started: true, exitCode: 3, signal: null });
    const missing = await w.run(['exec', '--account', 'Alice', '--env', 'T', '--json', '--', 'no-such-command-latch']);
    expect(missing.code).toBe(127);
    expect(json(missing.stderr)).toEqual({ command: 'no-such-command-latch', started: false, reason: 'not-found', exitCode: 127 });
  });
});

describe('confirmations name the token', () => {
  it('token revoke and token remove ask about "name" (token id, whose, permissions), and do nothing on no', async () => {
    await w.addAlice();
    const kept = await createStored();
    const named = `"laptop" (token ${kept.id}, personal, PROJECT_READ and REPO_READ)`;
    const revoke = await latchInTerminal(['token', 'revoke', '--account', 'Alice', kept.id], { env: w.env, answers: [{ after: /\[y\/N\] $/, type: 'n' }] });
    expect(revoke.code).toBe(1);
    expect(revoke.screen).toContain(`Revoke ${named} of Alice on ${w.host}? Anything using it stops working.`);
    expect(revoke.screen).toContain('Nothing was revoked.');
    const remove = await latchInTerminal(['token', 'remove', '--account', 'Alice', kept.id], { env: w.env, answers: [{ after: /\[y\/N\] $/, type: 'n' }] });
    expect(remove.code).toBe(1);
    expect(remove.screen).toContain(`Delete Latch's copy of ${named}?`);
    expect(w.sim.tokens().map((t) => t.id)).toContain(kept.id);
  });

  it('names a token Latch does not hold from the host\'s list', async () => {
    await w.addAlice();
    const made = JSON.parse((await w.run(['token', 'create', '--account', 'Alice', '--name', 'not-kept', '--scope', 'PROJECT_WRITE', '--scope', 'REPO_WRITE', '--json'])).stdout) as { token: { id: string } };
    const revoke = await latchInTerminal(['token', 'revoke', '--account', 'Alice', made.token.id], { env: w.env, answers: [{ after: /\[y\/N\] $/, type: 'y' }] });
    expect(revoke.code).toBe(0);
    expect(revoke.screen).toContain(`Revoke "not-kept" (token ${made.token.id}, personal, PROJECT_WRITE and REPO_WRITE) of Alice`);
    expect(w.sim.tokens()).toEqual([]);
  });
});
