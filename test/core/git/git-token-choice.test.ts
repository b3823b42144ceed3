// Which stored token git gets, with real git against the Data Center git origin (which refuses a push
// from a read-only token with 403, as Bitbucket does). A newer read-only token must not stand in front
// of a write token: git sends no `erase` on 403, so a wrong pick would fail every push. The person can
// pin one (`latch token use`), and `token list` and `doctor` say which one git gets.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BitbucketDataCenterSimulator } from '../../hosts/bitbucket-datacenter';
import { startSmartHttpServer } from '../../hosts/smart-http-server';
import { useGitOrigin } from './git-origin';

const PASSWORD = 'alice password 1';
let sim: BitbucketDataCenterSimulator;

const origin = useGitOrigin([['prj', 'app.git']], async (projectRoot) => {
  sim = new BitbucketDataCenterSimulator();
  const { baseUrl } = await sim.start();
  sim.addUser({ username: 'alice', password: PASSWORD });
  sim.addRepo('PRJ', 'app');
  return startSmartHttpServer(sim, baseUrl, projectRoot);
});
afterAll(() => sim.stop());
const { run, git } = origin;

async function createStored(name: string, scopes: string[]): Promise<string> {
  const created = await run(['token', 'create', '--account', 'alice', '--name', name, ...scopes.flatMap((s) => ['--scope', s]), '--store', '--json']);
  expect(created.code).toBe(0);
  return (JSON.parse(created.stdout) as { token: { id: string } }).token.id;
}

async function listed(): Promise<Array<{ id: string; git: boolean }>> {
  const list = await run(['token', 'list', '--account', 'alice', '--json']);
  expect(list.code).toBe(0);
  return JSON.parse(list.stdout) as Array<{ id: string; git: boolean }>;
}

describe('the token git gets', { timeout: 120_000 }, () => {
  it('pushes with the write token although a newer read-only one is stored, and lets the person pin one', async () => {
    const added = await run(
      ['account', 'add', '--host', 'bitbucket-datacenter', '--url', origin.server.baseUrl, '--username', 'alice', '--password-stdin', '--remember-password'],
      `${PASSWORD}\n`,
    );
    expect(added.code).toBe(0);
    const write = await createStored('push', ['PROJECT_READ', 'REPO_WRITE']);
    // Created a moment later, so "newest first" alone would pick it.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const read = await createStored('read only', ['PROJECT_READ', 'REPO_READ']);
    expect((await run(['setup-git', '--host', origin.server.host])).code).toBe(0);

    const url = `http://${origin.server.host}/scm/prj/app.git`;
    expect((await git(['clone', url, 'work'])).code).toBe(0);
    const work = join(origin.home.dir, 'work');
    expect((await git(['commit', '--allow-empty', '-m', 'one'], work)).code).toBe(0);
    const pushed = await git(['push', 'origin', 'main'], work);
    expect(pushed.stderr).not.toMatch(/403|denied/i);
    expect(pushed.code).toBe(0);
    expect(origin.server.requests.filter((r) => r.user !== null).every((r) => r.tokenId === write)).toBe(true);

    // token list and doctor say which one git gets.
    expect((await listed()).map((t) => [t.id, t.git]).sort()).toEqual([[read, false], [write, true]].sort());
    const plain = await run(['token', 'list', '--account', 'alice']);
    // The GIT column, then IN KEYCHAIN.
    expect(plain.stdout).toMatch(new RegExp(`^${write} .* yes +yes$`, 'm'));
    expect(plain.stdout).toMatch(new RegExp(`^${read} .* - +yes$`, 'm'));
    const doctor = JSON.parse((await run(['doctor', '--json'])).stdout) as Array<{ check: string; status: string; message: string }>;
    expect(doctor).toContainEqual(expect.objectContaining({ check: 'git-token', status: 'ok', message: expect.stringContaining(`"push" (id ${write}`) }));

    // Pinning the read-only token is the person's choice: git gets it, and the push is refused, as it would be by the host.
    const used = await run(['token', 'use', '--account', 'alice', read]);
    expect(used.code).toBe(0);
    expect(used.stdout).toContain('"read only"');
    expect((await listed()).find((t) => t.id === read)?.git).toBe(true);
    expect(origin.index().storedTokens.find((t) => t.tokenId === read)?.useForGit).toBe(true);
    const warned = JSON.parse((await run(['doctor', '--json'])).stdout) as Array<{ check: string; status: string; fix: string | null }>;
    expect(warned).toContainEqual(expect.objectContaining({ check: 'git-token', status: 'warning', fix: expect.stringContaining('latch token use --account') }));
    expect((await git(['commit', '--allow-empty', '-m', 'two'], work)).code).toBe(0);
    origin.server.requests.length = 0;
    expect((await git(['push', 'origin', 'main'], work)).code).not.toBe(0);
    expect(origin.server.requests.some((r) => r.status === 403)).toBe(true);

    // `auto` gives the choice back, and the push goes through again.
    expect((await run(['token', 'use', '--account', 'alice', 'auto'])).code).toBe(0);
    expect(origin.index().storedTokens.some((t) => t.useForGit)).toBe(false);
    expect((await git(['push', 'origin', 'main'], work)).code).toBe(0);
  });

  it('refuses to pin a token Latch does not keep, with exit code 1', async () => {
    await run(
      ['account', 'add', '--host', 'bitbucket-datacenter', '--url', origin.server.baseUrl, '--username', 'alice', '--password-stdin', '--remember-password'],
      `${PASSWORD}\n`,
    );
    const result = await run(['token', 'use', '--account', 'alice', '000000000001']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Latch keeps no token 000000000001');
  });
});
