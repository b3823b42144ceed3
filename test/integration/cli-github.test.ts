// The built `latch` program for GitHub (an Enterprise Server stand-in on this machine: the API under
// /api/v3), as a child process with its own LATCH_HOME and the real keychain. GitHub has no API to
// create or list personal access tokens: the person makes one in the browser and pastes it; Latch asks
// GET /user whose it is, reads its scopes and expiry from the answer's headers, keeps it for git, and
// revokes it by sending the secret to POST /credentials/revoke.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesContaining } from '../e2e/support/canary';
import { oneSentence } from '../cli/fixture';
import { GITHUB_EXPIRES as IN_60_DAYS, githubWorld, TOKEN_FIELDS as FIELDS } from '../cli/host-worlds';

// Only `latch token get` may print a secret (w.run checks every output).
const w = githubWorld();
const run = (args: string[], input?: string) => w.run(args, input);
const issue = (...args: Parameters<typeof w.issue>) => w.issue(...args);
const ACCOUNT = () => w.account;
const addOctocat = () => w.addAccount();

const listJson = async () => {
  const result = await run(['token', 'list', '--account', ACCOUNT(), '--json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Array<Record<string, unknown>>;
};


describe('latch account add --host github', () => {
  it('checks the pasted token with GET /user, takes the login as the username, and keeps it with the scopes and expiry GitHub reports', async () => {
    const { id } = await addOctocat();
    expect(w.sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /api/v3/user 200']);
    const accounts = JSON.parse((await run(['account', 'list', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(accounts).toEqual([
      expect.objectContaining({ id, host: 'github', baseUrl: w.sim.baseUrl, username: 'octocat', userSlug: 'octocat', displayName: 'The Octocat', isDefault: true, signIn: 'api-token' }),
    ]);
    const tokens = await listJson();
    expect(tokens).toHaveLength(1);
    expect(Object.keys(tokens[0]!).sort()).toEqual(FIELDS);
    expect(tokens[0]).toMatchObject({ name: 'laptop', scopes: ['repo', 'workflow'], stored: true });
    expect(Date.parse(tokens[0]!.expiresAt as string)).toBe(Math.floor(IN_60_DAYS / 1000) * 1000);
  });

  it('says in words what it added, with a revoke command that runs as printed', async () => {
    const secret = issue();
    const result = await run(['account', 'add', '--host', 'github', '--url', w.sim.baseUrl, '--token-name', 'laptop', '--token-stdin'], ` ${secret}\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Added octocat on ${w.host} \\(id [0-9a-f-]+\\), the default account for that host\\.\\n`));
    expect(result.stdout).toMatch(/Latch keeps the personal access token "laptop" in the keychain and gives it to git \(username octocat\) until \d{4}-\d{2}-\d{2}\. When you no longer need it, revoke it with: latch token revoke --account 'octocat@127\.0\.0\.1:\d+' pasted-[0-9a-f]+ --yes\n$/);
  });

  it('refuses --email and --expires-on (usage, exit 2): GitHub says whose the token is and when it expires', async () => {
    const secret = issue();
    const withEmail = await run(['account', 'add', '--host', 'github', '--url', w.sim.baseUrl, '--email', 'a@b.c', '--token-name', 'x', '--token-stdin'], `${secret}\n`);
    expect(withEmail.code).toBe(2);
    const withExpiry = await run(['account', 'add', '--host', 'github', '--url', w.sim.baseUrl, '--expires-on', '2030-01-01', '--token-name', 'x', '--token-stdin'], `${secret}\n`);
    expect(withExpiry.code).toBe(2);
    expect(w.sim.requests).toEqual([]);
  });

  it('refuses a mistyped token (its checksum is wrong) with no request, and a revoked one after asking', async () => {
    const secret = issue();
    const typo = `${secret.slice(0, 10)}${secret[10] === 'a' ? 'b' : 'a'}${secret.slice(11)}`;
    expect(oneSentence(await run(['account', 'add', '--host', 'github', '--url', w.sim.baseUrl, '--token-name', 'x', '--token-stdin'], `${typo}\n`))).not.toContain(typo);
    expect(w.sim.requests).toEqual([]);
    w.sim.revoke(secret);
    oneSentence(await run(['account', 'add', '--host', 'github', '--url', w.sim.baseUrl, '--token-name', 'x', '--token-stdin'], `${secret}\n`));
    expect(JSON.parse((await run(['account', 'list', '--json'])).stdout)).toEqual([]);
  });
});

describe('latch token add on GitHub', () => {
  it('adds another token of the same login, refuses the same secret twice and a token of another login', async () => {
    const { secret } = await addOctocat();
    const second = issue({ kind: 'fine-grained', scopes: undefined, expiresAt: null });
    const added = await run(['token', 'add', '--account', ACCOUNT(), '--name', 'ci', '--token-stdin', '--json'], `${second}\n`);
    expect(added.code).toBe(0);
    const parsed = JSON.parse(added.stdout) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(FIELDS);
    // A fine-grained token reports no scopes and, here, no expiry.
    expect(parsed).toMatchObject({ name: 'ci', scopes: [], expiresAt: null, stored: true });

    expect(oneSentence(await run(['token', 'add', '--account', ACCOUNT(), '--name', 'again', '--token-stdin'], `${secret}\n`))).toMatch(/already keeps this token/);
    const mallory = w.sim.issueToken({ login: 'mallory', kind: 'classic' });
    w.secrets.push(mallory);
    expect(oneSentence(await run(['token', 'add', '--account', ACCOUNT(), '--name', 'm', '--token-stdin'], `${mallory}\n`))).toMatch(/belongs to mallory, not to octocat/);
    expect((await listJson()).map((t) => t.name).sort()).toEqual(['ci', 'laptop']);
  });

  it('lists the scopes GitHub reported, and says which token is expired or waits for a revoke to be confirmed', async () => {
    await addOctocat();
    const second = issue({ kind: 'classic', scopes: ['read:org'] });
    expect((await run(['token', 'add', '--account', ACCOUNT(), '--name', 'old', '--token-stdin'], `${second}\n`)).code).toBe(0);
    const plain = await run(['token', 'list', '--account', ACCOUNT()]);
    expect(plain.stdout).toMatch(/laptop\s+repo,workflow\s.*\syes\n/);

    // As a revoke left pending and a day gone by would leave the index.
    const indexPath = join(w.home.dir, 'latch', 'index.json');
    const data = JSON.parse(readFileSync(indexPath, 'utf8')) as { storedTokens: Array<Record<string, unknown>> };
    data.storedTokens.find((t) => t.name === 'laptop')!.revokePendingAt = new Date().toISOString();
    data.storedTokens.find((t) => t.name === 'old')!.expiresAt = new Date(Date.now() - 86_400_000).toISOString();
    writeFileSync(indexPath, JSON.stringify(data));
    const listed = await run(['token', 'list', '--account', ACCOUNT()]);
    expect(listed.stdout).toMatch(/laptop .* yes, revoke pending\n/);
    expect(listed.stdout).toMatch(/old .* yes, expired \(not given to git\)\n/);
    expect(await listJson()).toHaveLength(2);
  });
});

describe('latch token create on GitHub', () => {
  it('prints the prefilled pages on stderr, keeps the pasted token and warns when its scopes differ from those asked', async () => {
    await addOctocat();
    const pasted = issue({ scopes: ['repo'] });
    const result = await run(['token', 'create', '--account', ACCOUNT(), '--name', 'deploy key', '--scope', 'repo', '--scope', 'workflow', '--token-stdin'], `${pasted}\n`);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`${w.sim.baseUrl}/settings/tokens/new?description=deploy%20key&scopes=repo,workflow`);
    expect(result.stderr).toContain(`${w.sim.baseUrl}/settings/personal-access-tokens/new`);
    expect(result.stderr).toContain("This token's scopes are repo, not repo, workflow as asked");
    expect(result.stdout).toMatch(/^Kept "deploy key" \(id pasted-[0-9a-f]+\) for octocat/);
    expect((await listJson()).find((t) => t.name === 'deploy key')).toMatchObject({ scopes: ['repo'], stored: true });
  });

  it('says nothing about scopes when they match', async () => {
    await addOctocat();
    const pasted = issue({ scopes: ['workflow', 'repo'] });
    const result = await run(['token', 'create', '--account', ACCOUNT(), '--name', 'ok', '--scope', 'repo,workflow', '--token-stdin', '--json'], `${pasted}\n`);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/token's scopes are/);
    expect(JSON.parse(result.stdout)).toMatchObject({ name: 'ok', stored: true });
  });
});

describe('latch token revoke on GitHub', () => {
  it('sends the kept secret to POST /credentials/revoke, removes the copy once GitHub confirms, and the secret is on no disk', async () => {
    const { secret } = await addOctocat();
    const [token] = await listJson();
    w.sim.requests.length = 0;
    const result = await run(['token', 'revoke', '--account', ACCOUNT(), token!.id as string, '--yes']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Revoked "laptop" \(token pasted-[0-9a-f]+, personal[^)]*\): GitHub confirmed it no longer works, and Latch removed its copy\.\n$/);
    expect(w.sim.isAlive(secret)).toBe(false);
    expect(w.sim.requests.some((r) => r.method === 'POST' && r.path === '/api/v3/credentials/revoke' && r.status === 202)).toBe(true);
    expect(await listJson()).toEqual([]);
    expect(filesContaining(w.home.dir, secret)).toEqual([]);
  });

  it('names the settings page and token remove on an Enterprise Server without the revoke endpoint (exit 1), keeping the copy', async () => {
    await w.restart({ enterpriseRevoke: 'missing' });
    await addOctocat();
    const [token] = await listJson();
    const line = oneSentence(await run(['token', 'revoke', '--account', ACCOUNT(), token!.id as string, '--yes']));
    expect(line).toContain(`${w.sim.baseUrl}/settings/tokens`);
    expect(line).toContain(`latch token remove --account 'octocat@${w.host}' ${token!.id as string} --yes`);
    expect(await listJson()).toHaveLength(1);
  });

  it('asks for --yes without a terminal (usage, exit 2) and refuses an id Latch does not hold (exit 1)', async () => {
    await addOctocat();
    const [token] = await listJson();
    expect((await run(['token', 'revoke', '--account', ACCOUNT(), token!.id as string])).code).toBe(2);
    expect(oneSentence(await run(['token', 'revoke', '--account', ACCOUNT(), 'pasted-000000000000', '--yes']))).toMatch(/holds no token/);
  });
});

describe('latch token get on GitHub', () => {
  it('prints the username, the secret and a Bearer authorization', async () => {
    const { secret } = await addOctocat();
    expect((await run(['token', 'get', '--host', w.host, '--field', 'authorization'])).stdout).toBe(`Bearer ${secret}\n`);
    expect((await run(['token', 'get', '--host', w.host, '--field', 'username'])).stdout).toBe('octocat\n');
    expect((await run(['token', 'get', '--host', w.host])).stdout).toBe(`${secret}\n`);
  });
});
