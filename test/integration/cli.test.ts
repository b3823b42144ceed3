// The built `latch` program as a child process against the Data Center simulator over a real socket,
// with its own LATCH_HOME and the real keychain (scripts/with-keyring.sh).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';
import { buildCli, LATCH_BIN, REPO } from '../cli/built';
import { helper, latch, runProcess, type ProcessResult } from '../cli/run';

const PASSWORD = 'correct horse battery staple';
let sim: BitbucketDataCenterSimulator;
let baseUrl: string;
let host: string;
let home: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => buildCli());

beforeEach(async () => {
  sim = new BitbucketDataCenterSimulator();
  ({ baseUrl } = await sim.start());
  host = new URL(baseUrl).host;
  sim.addUser({ username: 'Alice', password: PASSWORD, slug: 'alice' });
  sim.addRepo('PRJ', 'app');
  home = mkdtempSync(join(tmpdir(), 'latch-cli-'));
  env = { ...process.env, LATCH_HOME: join(home, 'latch'), HOME: home };
});

afterEach(async () => {
  await sim.stop();
  rmSync(home, { recursive: true, force: true });
});

const run = (args: string[], input?: string) => latch(args, { env, input });

/** One plain sentence on stderr: no stack trace, no secret, nothing on stdout. */
function expectOneSentence(result: ProcessResult, code = 1): void {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toMatch(/^\s+at |Error:|node_modules/);
  expect(result.stderr).not.toContain(PASSWORD);
}

async function addAlice(remember = true): Promise<string> {
  const args = ['account', 'add', '--host', 'bitbucket-datacenter', '--url', baseUrl, '--username', 'Alice', '--password-stdin', '--json'];
  const result = await run(remember ? [...args, '--remember-password'] : args, `${PASSWORD}\n`);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
  // account add --json prints the whole account, as account list does.
  expect(Object.keys(parsed)).toEqual(expect.arrayContaining(['id', 'host', 'baseUrl', 'username', 'userSlug', 'displayName', 'isDefault', 'signIn', 'server', 'rememberPassword', 'createdAt']));
  return parsed.id as string;
}

describe('latch account', () => {
  it('refuses a wrong password with exit 1 and one sentence, and saves nothing', async () => {
    const result = await run(
      ['account', 'add', '--host', 'bitbucket-datacenter', '--url', baseUrl, '--username', 'Alice', '--password-stdin'],
      'wrong password\n',
    );
    expectOneSentence(result);
    expect(result.stderr).toMatch(/rejected the username or password/);
    expect(JSON.parse((await run(['account', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('adds an account checked against the host and lists it', async () => {
    const id = await addAlice();
    const list = JSON.parse((await run(['account', 'list', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(list).toEqual([expect.objectContaining({ id, username: 'Alice', userSlug: 'alice', isDefault: true, rememberPassword: true })]);
    const plain = await run(['account', 'list']);
    expect(plain.stdout).toContain(`Alice@${host}`);
  });

  it('fails clearly when it needs the password and has no way to ask', async () => {
    await addAlice(false);
    const result = await run(['token', 'list', '--account', 'Alice']);
    expectOneSentence(result);
    expect(result.stderr).toMatch(/needs the password .*--password-stdin/);
  });

  it('removes an account with --yes, and refuses to without it when there is no terminal', async () => {
    await addAlice();
    expect((await run(['account', 'remove', 'Alice'])).code).toBe(2);
    const removed = await run(['account', 'remove', 'Alice', '--yes']);
    expect(removed.code).toBe(0);
    expect(JSON.parse((await run(['account', 'list', '--json'])).stdout)).toEqual([]);
  });
});

describe('latch token', () => {
  it('lists every page of tokens with exactly the documented fields, ids as the host wrote them', async () => {
    await addAlice();
    const seeded = sim.seedTokens('alice', 63);
    const result = await run(['token', 'list', '--account', 'Alice', '--json']);
    expect(result.code).toBe(0);
    const tokens = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(tokens).toHaveLength(63);
    for (const token of tokens) {
      expect(Object.keys(token).sort()).toEqual(['createdAt', 'expiresAt', 'git', 'id', 'lastUsedAt', 'name', 'scopes', 'state', 'stored']);
      expect(token.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(token.expiresAt === null || typeof token.expiresAt === 'string').toBe(true);
    }
    expect(tokens.map((t) => t.id).sort()).toEqual(seeded.map((t) => t.id).sort());
    expect(tokens.some((t) => (t.id as string).startsWith('0'))).toBe(true);
    // More than one page was asked for.
    expect(sim.requests.filter((r) => r.path.startsWith('/rest/access-tokens/latest/users/alice')).length).toBeGreaterThan(1);
  });

  it('creates a token, prints its secret once, stores it, hands it out, then revokes it everywhere', async () => {
    await addAlice();
    const created = await run(['token', 'create', '--account', 'Alice', '--name', 'laptop', '--scope', 'PROJECT_READ', '--scope', 'REPO_WRITE', '--expiry-days', '30', '--store', '--json']);
    expect(created.code).toBe(0);
    const { token, secret } = JSON.parse(created.stdout) as { token: Record<string, unknown>; secret: string };
    expect(secret).toMatch(/^BBDC-/);
    expect(token).toMatchObject({ name: 'laptop', stored: true, scopes: ['PROJECT_READ', 'REPO_WRITE'] });
    expect(Object.keys(token).sort()).toEqual(['createdAt', 'expiresAt', 'git', 'id', 'lastUsedAt', 'name', 'scopes', 'state', 'stored']);

    const listed = JSON.parse((await run(['token', 'list', '--account', 'Alice', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(listed).toEqual([expect.objectContaining({ id: token.id, stored: true })]);

    expect((await run(['token', 'get', '--host', host])).stdout).toBe(`${secret}\n`);
    expect((await run(['token', 'get', '--host', host, '--field', 'username'])).stdout).toBe('alice\n');
    expect((await run(['token', 'get', '--host', host, '--field', 'authorization'])).stdout).toBe(`Bearer ${secret}\n`);

    const revoked = await run(['token', 'revoke', '--account', 'Alice', token.id as string, '--yes']);
    expect(revoked.code).toBe(0);
    expect(sim.tokens().map((t) => t.id)).not.toContain(token.id);
    const after = await run(['token', 'get', '--host', host]);
    expectOneSentence(after);
    expect(after.stderr).toMatch(/no usable token/);
  });

  it('names a stored token revoked outside Latch, lists it in --json as gone from the host, and forgets the dead copy', async () => {
    await addAlice();
    const created = JSON.parse(
      (await run(['token', 'create', '--account', 'Alice', '--name', 'laptop', '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--store', '--json'])).stdout,
    ) as { token: { id: string }; secret: string };
    // Revoked in the host's web page, the way a colleague or an admin would.
    const web = await fetch(`${baseUrl}/rest/access-tokens/latest/users/alice/${created.token.id}`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`Alice:${PASSWORD}`).toString('base64')}` },
    });
    expect(web.status).toBe(204);

    // --json lists it with its state, and says nothing on stderr; plain text says it in a sentence.
    const listed = await run(['token', 'list', '--account', 'Alice', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: created.token.id, name: 'laptop', stored: true, state: 'gone-from-host' })]);
    expect(listed.stderr).toBe('');
    expect((await run(['token', 'list', '--account', 'Alice'])).stderr).toContain(
      `Token ${created.token.id} ("laptop") is no longer on the host (revoked or deleted outside Latch), but Latch still holds its secret. ` +
        `Remove that copy with: latch token remove --account 'Alice@${host}' ${created.token.id} --yes\n`,
    );

    const refused = await run(['token', 'remove', '--account', `Alice@${host}`, created.token.id]);
    expect(refused.code).toBe(2);
    expect((await run(['token', 'get', '--host', host])).stdout).toBe(`${created.secret}\n`);

    // The old spelling still works, and says the new one.
    const forgot = await run(['token', 'forget', '--account', `Alice@${host}`, created.token.id, '--yes']);
    expect(forgot).toMatchObject({
      code: 0,
      stdout: `Deleted Latch's copy of "laptop" (token ${created.token.id}, personal, PROJECT_READ and REPO_READ).\n`,
      stderr: 'latch token forget is now latch token remove; the old spelling still works.\n',
    });
    expect((await run(['token', 'list', '--account', 'Alice'])).stderr).not.toContain(created.token.id);
    expectOneSentence(await run(['token', 'get', '--host', host]));
    expectOneSentence(await run(['token', 'remove', '--account', 'Alice', created.token.id, '--yes']));
  });

  it("shows a token git's helper reported as refused, and as rejected once the host says it is dead", async () => {
    await addAlice();
    const created = JSON.parse(
      (await run(['token', 'create', '--account', 'Alice', '--name', 'old', '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--store', '--json'])).stdout,
    ) as { token: { id: string }; secret: string };
    // What git does after a 401 with that secret; the host, asked with the token, says it still works.
    const input = `protocol=http\nhost=${host}\nusername=alice\npassword=${created.secret}\n\n`;
    const erased = await helper(['erase'], { env, input });
    expect(erased).toEqual({
      code: 0,
      stdout: '',
      stderr: `git-credential-latch: ${host} refused "old", but the token still works there, so Latch keeps offering it.\n`,
    });
    expect((await run(['token', 'list', '--account', 'Alice'])).stdout).toMatch(/old .* yes, refused but works \(still offered\)/);

    // Revoked in the host's web page: now the host says it is dead.
    const revoked = await fetch(`${baseUrl}/rest/access-tokens/latest/users/alice/${created.token.id}`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`Alice:${PASSWORD}`).toString('base64')}` },
    });
    expect(revoked.status).toBe(204);
    expect(await helper(['erase'], { env, input })).toEqual({ code: 0, stdout: '', stderr: '' });
    const index = JSON.parse(readFileSync(join(env.LATCH_HOME!, 'index.json'), 'utf8')) as { storedTokens: Array<{ tokenId: string; rejectedAt: string | null; refusal: unknown }> };
    expect(index.storedTokens.find((t) => t.tokenId === created.token.id)).toMatchObject({ rejectedAt: expect.any(String), refusal: { check: 'dead', path: null } });
  });

  it('prints only the secret on stdout in plain mode, with guidance on stderr', async () => {
    await addAlice();
    const created = await run(['token', 'create', '--account', 'Alice', '--name', 'ci', '--scope', 'REPO_READ', '--scope', 'PROJECT_READ']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^BBDC-\S+\n$/);
    expect(created.stderr).toMatch(/only time the secret is shown/);
    expect(created.stderr).not.toContain(created.stdout.trim());
  });

  it('takes the password from stdin when it is not remembered', async () => {
    await addAlice(false);
    sim.seedTokens('alice', 2);
    const result = await run(['token', 'list', '--account', 'Alice', '--password-stdin', '--json'], `${PASSWORD}\n`);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(2);
  });

  it('waits out a 429 and succeeds', async () => {
    await addAlice();
    sim.seedTokens('alice', 3);
    sim.failNext(429, 1, { 'Retry-After': '1' });
    const result = await run(['token', 'list', '--account', 'Alice', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(3);
    expect(sim.requests.some((r) => r.status === 429)).toBe(true);
  });

  it('says plainly when the host is down', async () => {
    await addAlice();
    await sim.stop();
    const result = await run(['token', 'list', '--account', 'Alice']);
    expectOneSentence(result);
  });

  it('refuses a project permission on a repository token before calling the host, as a usage error', async () => {
    await addAlice();
    sim.requests.length = 0;
    const result = await run(['token', 'create', '--account', 'Alice', '--name', 'x', '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--project', 'PRJ', '--repo', 'app']);
    expectOneSentence(result, 2);
    expect(result.stderr).toBe('latch: A repository token takes no project permission: leave out --scope PROJECT_….\n');
    expect(sim.requests).toEqual([]);
  });

  it('asks for --yes as a usage error before asking the host anything', async () => {
    expectOneSentence(await run(['account', 'remove', 'nobody']), 2);
    await addAlice(false);
    sim.requests.length = 0;
    const revoke = await run(['token', 'revoke', '--account', 'Alice', '--password-stdin', '000000000001'], `${PASSWORD}\n`);
    expectOneSentence(revoke, 2);
    expect(revoke.stderr).toMatch(/add --yes/);
    expect(sim.requests).toEqual([]);
  });

  it('refuses a secret typed where the token id goes, without sending or repeating it', async () => {
    await addAlice();
    const created = JSON.parse(
      (await run(['token', 'create', '--account', 'Alice', '--name', 'ci', '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--json'])).stdout,
    ) as { secret: string };
    const before = sim.requests.length;
    for (const command of ['revoke', 'remove']) {
      const result = await run(['token', command, '--account', 'Alice', created.secret, '--yes']);
      expectOneSentence(result, 2);
      expect(result.stderr).toMatch(/run: latch leak\n$/);
      expect(result.stderr).not.toContain(created.secret);
    }
    expect(sim.requests.length).toBe(before);
  });

  it('revokes a stored project token without --project, and refuses a 404 for an id it does not hold', async () => {
    await addAlice();
    const project = JSON.parse(
      (await run(['token', 'create', '--account', 'Alice', '--project', 'PRJ', '--name', 'deploy', '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--store', '--json'])).stdout,
    ) as { token: { id: string } };
    const unknown = await run(['token', 'revoke', '--account', 'Alice', '999999999999', '--yes']);
    expectOneSentence(unknown);
    expect(unknown.stderr).toMatch(/could not find the token 999999999999.* add --project KEY/);

    expect(await run(['token', 'revoke', '--account', 'Alice', project.token.id, '--yes'])).toMatchObject({ code: 0 });
    expect(sim.tokens().map((token) => token.id)).not.toContain(project.token.id);
    expectOneSentence(await run(['token', 'get', '--host', host]));
  });

  it('keeps pasted tokens only where the host has no token API: token add on Data Center points to token create (exit 1)', async () => {
    await addAlice();
    const result = await run(['token', 'add', '--account', 'Alice', '--name', 'x', '--expires-on', '2099-01-31', '--token-stdin'], 'BBDC-whatever\n');
    expectOneSentence(result);
    expect(result.stderr).toMatch(/latch token create --account 'Alice@127\.0\.0\.1:\d+' --name NAME --scope PROJECT_READ --scope REPO_WRITE --store/);
  });

  it('asks for --url and --username of a Data Center account as usage errors', async () => {
    const noUrl = await run(['account', 'add', '--host', 'bitbucket-datacenter', '--username', 'Alice', '--password-stdin'], `${PASSWORD}\n`);
    expectOneSentence(noUrl, 2);
    expect(noUrl.stderr).toMatch(/needs --url/);
    const noUser = await run(['account', 'add', '--host', 'bitbucket-datacenter', '--url', baseUrl, '--password-stdin'], `${PASSWORD}\n`);
    expectOneSentence(noUser, 2);
    expect(noUser.stderr).toMatch(/needs --username/);
    expect(sim.requests).toEqual([]);
  });

  it('exits 2 with a hint on a usage error', async () => {
    const result = await run(['token', 'create', '--account', 'Alice', '--name', 'x']);
    expectOneSentence(result, 2);
    expect(result.stderr).toMatch(/needs --scope/);
  });

  it('holds --expiry-days and --name to the rules the window uses, before asking the host anything', async () => {
    await addAlice(false);
    const create = ['token', 'create', '--account', 'Alice', '--scope', 'PROJECT_READ', '--scope', 'REPO_READ'];
    sim.requests.length = 0;
    for (const days of ['0', '3651', 'ten', '1.5']) {
      const result = await run([...create, '--name', 'ci', '--expiry-days', days]);
      expectOneSentence(result, 2);
      expect(result.stderr).toBe('latch: --expiry-days takes a whole number of days from 1 to 3650, or none.\n');
    }
    // Refused before the password prompt: the account's password is not held, and no stdin is given.
    const unnamed = await run([...create, '--name', '   ']);
    expectOneSentence(unnamed, 2);
    expect(unnamed.stderr).toBe('latch: Give the token a name.\n');
    expect(sim.requests).toEqual([]);
  });
});

describe('latch token get and latch exec through their small start-up bundle', () => {
  it('answer exactly as the full CLI does: output, errors and exit codes', async () => {
    const full = (args: string[]) => runProcess(process.execPath, [join(REPO, 'out', 'cli', 'latch.js'), ...args], { env });
    const cases: string[][] = [
      ['token', 'get', '--host', host],
      ['token', 'get', '--host', host, '--field', 'username'],
      ['token', 'get', '--host', host, '--field', 'nope'],
      ['token', 'get', '--host', host, '--account', 'nobody'],
      ['token', 'get', '--host', 'elsewhere.example.com'],
      ['token', 'get'],
      ['token', 'get', '--host', host, '--help'],
      ['exec', '--account', 'Alice', '--env', 'T', '--', process.execPath, '-e', 'process.stdout.write(String(process.env.T?.length))'],
      ['exec', '--account', 'Alice', '--env', '1T', '--', 'true'],
      ['exec', '--account', 'nobody', '--env', 'T', '--', 'true'],
    ];
    const compare = async (before: () => void = () => undefined) => {
      // A damaged index is moved aside when first read, under a name with the time in it.
      const same = (result: ProcessResult) => ({ ...result, stderr: result.stderr.replace(/\.corrupt-[0-9T:.-]+Z/g, '.corrupt-TIME') });
      for (const args of cases) {
        before();
        const fast = same(await run(args));
        before();
        expect(fast, args.join(' ')).toEqual(same(await full(args)));
      }
    };
    await compare(); // no account yet
    await addAlice();
    await compare(); // an account, no token
    await run(['token', 'create', '--account', 'Alice', '--name', 'fast', '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--store']);
    await compare(); // a stored token
    await compare(() => writeFileSync(join(env.LATCH_HOME!, 'index.json'), '{"version": 1, "accounts": [')); // damaged: the full CLI explains it
    // Eighty whole processes, each paired with its full-CLI twin: more than the default 30 s on a busy machine.
  }, 120_000);
});

describe('latch exec', () => {
  it('puts the secret in the one variable, passes the exit code through, and prints nothing of it', async () => {
    await addAlice();
    const created = JSON.parse(
      (await run(['token', 'create', '--account', 'Alice', '--name', 'exec', '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--store', '--json'])).stdout,
    ) as { secret: string };
    const script = `const s = process.env.BB_TOKEN; const others = Object.entries(process.env).filter(([k, v]) => k !== 'BB_TOKEN' && v && v.includes(s)); process.exit(s === ${JSON.stringify(created.secret)} && others.length === 0 && !process.argv.join(' ').includes(s) ? 7 : 3)`;
    const result = await run(['exec', '--account', 'Alice', '--env', 'BB_TOKEN', '--', process.execPath, '-e', script]);
    expect(result.code).toBe(7);
    expect(result.stdout + result.stderr).not.toContain(created.secret);
  });

  it('passes a SIGTERM sent to latch on to the command, so the command never outlives it', async () => {
    await addAlice();
    await run(['token', 'create', '--account', 'Alice', '--name', 'exec', '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--store']);
    const pidFile = join(home, 'child.pid');
    const script = `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`;
    const child = spawn(process.execPath, [LATCH_BIN, 'exec', '--account', 'Alice', '--env', 'T', '--', process.execPath, '-e', script], {
      env,
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await expect.poll(() => existsSync(pidFile), { timeout: 10_000 }).toBe(true);
    const commandPid = Number(readFileSync(pidFile, 'utf8'));
    child.kill('SIGTERM');
    // As a shell reports a command ended by SIGTERM: 128 + 15.
    expect(await exited).toBe(143);
    expect(() => process.kill(commandPid, 0)).toThrow();
  });

  it('reports a missing command with exit 127', async () => {
    await addAlice();
    await run(['token', 'create', '--account', 'Alice', '--name', 'exec', '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--store']);
    const result = await run(['exec', '--account', 'Alice', '--env', 'T', '--', 'no-such-command-latch']);
    expect(result.code).toBe(127);
  });
});
