// The built `latch` program as a child process against the Gitea/Forgejo simulator over a real socket,
// both personalities, with its own LATCH_HOME and the real keychain (scripts/with-keyring.sh): an account
// added as what the server really is, the token lifecycle, two-factor sign-in with a code per call, a
// security-key account, and no secret anywhere on disk.
import { describe, expect, it } from 'vitest';
import type { ProcessResult } from '../cli/run';
import { filesContaining } from '../e2e/support/canary';
import { giteaWorld, TOKEN_FIELDS as FIELDS } from '../cli/host-worlds';

const PASSWORDS = { alice: 'alice pässword 1', carol: 'carol password 2', dave: 'dave password 3' };

describe.each(['gitea', 'forgejo'] as const)('latch with %s', (flavor) => {
  const product = flavor === 'gitea' ? 'Gitea' : 'Forgejo';
  const other = flavor === 'gitea' ? 'forgejo' : 'gitea';
  const w = giteaWorld({
    flavor,
    users: [
      { username: 'alice', password: PASSWORDS.alice },
      { username: 'carol', password: PASSWORDS.carol, totp: true },
      { username: 'dave', password: PASSWORDS.dave, webauthn: true },
    ],
  });
  const run = (args: string[], input?: string) => w.run(args, input);
  const nextCode = (user = 'carol') => w.nextCode(user);

  function expectRefusal(result: ProcessResult, pattern: RegExp): void {
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr).not.toMatch(/^\s+at |Error:|node_modules/m);
    for (const password of Object.values(PASSWORDS)) expect(result.stderr).not.toContain(password);
  }

  const addAccount = (user: 'alice' | 'carol', extra: string[] = []) => w.addAccount(user, extra);

  it('adds an account as what the server says it is, whichever product was named', async () => {
    const added = await run(['account', 'add', '--host', other, '--url', w.sim.baseUrl, '--username', 'alice', '--password-stdin'], `${PASSWORDS.alice}\n`);
    expect(added.code).toBe(0);
    const label = `${product} ${w.sim.version.replace(/\+.*/, '')}`;
    expect(added.stdout).toMatch(new RegExp(`^Added alice on \\S+ \\(${label}\\) \\(id [0-9a-f-]+\\), the default account for that host\\.\\n$`));
    expect(added.stdout).toContain(`on ${w.host} (`);
    expect(added.stderr).toBe(`The server says it is ${label}, not ${other === 'gitea' ? 'Gitea' : 'Forgejo'}, and Latch recorded it as such.\n`);
    const [account] = JSON.parse((await run(['account', 'list', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(account).toMatchObject({ host: 'gitea', username: 'alice', userSlug: 'alice', server: label });
  });

  it('creates, lists, hands out and revokes a token, with the eight documented fields', async () => {
    const added = await addAccount('alice');
    expect(added.stderr).toBe('');
    expect(JSON.parse(added.stdout)).toMatchObject({ id: expect.any(String), server: expect.stringMatching(new RegExp(`^${product} `)) });

    const created = await run(['token', 'create', '--account', 'alice', '--name', 'laptop', '--scope', 'write:repository', '--scope', 'read:user', '--store', '--json']);
    expect(created.stderr).toBe('');
    const { token, secret } = JSON.parse(created.stdout) as { token: Record<string, unknown>; secret: string };
    expect(secret).toMatch(/^[0-9a-f]{40}$/);
    expect(Object.keys(token).sort()).toEqual(FIELDS);
    expect(token).toMatchObject({ name: 'laptop', scopes: ['write:repository', 'read:user'], expiresAt: null, stored: true });

    w.sim.issueToken('alice', 'made in the browser', ['read:repository']);
    const listed = await run(['token', 'list', '--account', 'alice', '--json']);
    const tokens = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    expect(tokens).toHaveLength(2);
    for (const one of tokens) expect(Object.keys(one).sort()).toEqual(FIELDS);
    expect(tokens.find((one) => one.id === token.id)).toMatchObject({ stored: true, expiresAt: null });
    expect(listed.stdout).not.toContain(secret);
    expect((await run(['token', 'list', '--account', 'alice'])).stdout).toMatch(/laptop .*write:repository,read:user .*never/);

    expect((await run(['token', 'get', '--host', w.host])).stdout).toBe(`${secret}\n`);
    expect((await run(['token', 'get', '--host', w.host, '--field', 'username'])).stdout).toBe('alice\n');
    expect((await run(['token', 'get', '--host', w.host, '--field', 'authorization'])).stdout).toBe(`token ${secret}\n`);

    const revoked = await run(['token', 'revoke', '--account', 'alice', token.id as string, '--yes']);
    expect(revoked.code).toBe(0);
    // Named as the app names it: name, id, whose, permissions.
    expect(revoked.stdout).toBe(`Revoked "laptop" (token ${token.id as string}, personal, write:repository and read:user).\n`);
    expect(w.sim.tokens('alice').map((one) => String(one.id))).not.toContain(token.id);
    expectRefusal(await run(['token', 'get', '--host', w.host]), /no usable token/);

    // The canary: the secret is in no file Latch wrote, and the password is in none either.
    expect(filesContaining(w.home.dir, secret)).toEqual([]);
    expect(filesContaining(w.home.dir, PASSWORDS.alice)).toEqual([]);
  });

  it('refuses a token id in any other form than decimal, sending nothing', async () => {
    await addAccount('alice');
    const { id } = w.sim.issueToken('alice', 'keep me', ['read:user']);
    w.sim.requests.length = 0;
    const result = await run(['token', 'revoke', '--account', 'alice', `0x${id.toString(16)}`, '--yes']);
    expect(result.code).not.toBe(0);
    expect(w.sim.requests.filter((request) => request.method === 'DELETE')).toEqual([]);
    expect(w.sim.tokens('alice').some((token) => token.id === id)).toBe(true);
  });

  it('with two-factor sign-in, asks for a code, takes one per command, and keeps the password when only the code was missing', async () => {
    const bare = await addAccount('carol');
    expectRefusal(bare, flavor === 'forgejo' ? /two-factor authentication: give the one-time code/ : /needs a one-time code/);
    expect(bare.stderr.trimEnd().split('\n').at(-1)).toBe('Give the code with --otp CODE.');
    expect(JSON.parse((await run(['account', 'list', '--json'])).stdout)).toEqual([]);

    const added = await addAccount('carol', ['--otp', nextCode()]);
    expect(added.code).toBe(0);
    expect(w.sim.requests.filter((request) => request.otp)).toHaveLength(1);

    // No code: refused, but the remembered password stays.
    expectRefusal(await run(['token', 'list', '--account', 'carol']), /one-time code/);
    const listed = await run(['token', 'list', '--account', 'carol', '--json', '--otp', nextCode()]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([]);

    const code = nextCode();
    const created = await run(['token', 'create', '--account', 'carol', '--name', 'phone', '--scope', 'read:repository', '--store', '--json', '--otp', code]);
    expect(created.stderr).toBe('');
    const { token, secret } = JSON.parse(created.stdout) as { token: { id: string }; secret: string };

    // The same code again: the server has taken it once.
    const reused = await run(['token', 'revoke', '--account', 'carol', token.id, '--yes', '--otp', code]);
    expectRefusal(reused, /one-time code/);
    expect(w.sim.tokens('carol').map((one) => String(one.id))).toContain(token.id);

    const revoked = await run(['token', 'revoke', '--account', 'carol', token.id, '--yes', '--otp', nextCode()]);
    expect(revoked.code).toBe(0);
    expect(w.sim.tokens('carol')).toEqual([]);
    expect(filesContaining(w.home.dir, secret)).toEqual([]);
  });

  it('says an account with a security key can only be managed in the browser', async () => {
    const result = await run(['account', 'add', '--host', flavor, '--url', w.sim.baseUrl, '--username', 'dave', '--password-stdin'], `${PASSWORDS.dave}\n`);
    expectRefusal(result, new RegExp(`${product} refuses the password of an account with a security key or passkey .* in your browser under Settings → Applications \\(${w.sim.baseUrl}/user/settings/applications\\)`));
  });

  it('refuses --otp where a host has no one-time codes, as a usage error', async () => {
    const result = await run(['account', 'add', '--host', 'bitbucket-datacenter', '--url', w.sim.baseUrl, '--username', 'alice', '--otp', '123456']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--otp is not for Bitbucket Data Center accounts/);
  });
});

describe('latch leak with a Forgejo account that signs in with a one-time code', () => {
  // Forgejo cannot delete a token with the token itself: the leak is found in the account's own list.
  const w = giteaWorld({ flavor: 'forgejo', users: [{ username: 'carol', password: PASSWORDS.carol, totp: true }] });
  const run = (args: string[], input?: string) => w.run(args, input);
  const nextCode = () => w.nextCode('carol');

  it('says how to give a code; with --otp finds the token and names the revoke that runs as printed', async () => {
    const added = await run(
      ['account', 'add', '--host', 'forgejo', '--url', w.sim.baseUrl, '--username', 'carol', '--password-stdin', '--remember-password', '--otp', nextCode()],
      `${PASSWORDS.carol}\n`,
    );
    expect(added.code).toBe(0);
    const { id, secret } = w.sim.issueToken('carol', 'laptop', ['read:repository']);

    const bare = await run(['leak', '--secret-stdin', '--yes'], `${secret}\n`);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain('Give the code from your authenticator app with: latch leak --secret-stdin --otp CODE');
    expect(w.sim.tokens('carol').map((token) => token.id)).toContain(id);

    // The code finds it; Forgejo takes a code once, so the revoke by id is the call left, named exactly.
    const found = await run(['leak', '--secret-stdin', '--yes', '--otp', nextCode()], `${secret}\n`);
    expect(found.code).toBe(1);
    expect(`${found.stdout}${found.stderr}`).not.toContain(secret);
    const hint = /latch (token revoke --account \S+ \S+ --yes --otp) CODE/.exec(found.stderr);
    expect(hint).not.toBeNull();
    expect(w.sim.tokens('carol').map((token) => token.id)).toContain(id);

    const revoked = await run([...hint![1]!.split(' '), nextCode()]);
    expect(revoked.code).toBe(0);
    expect(w.sim.tokens('carol').map((token) => token.id)).not.toContain(id);
    expect(filesContaining(w.home.dir, secret)).toEqual([]);
  });

  it('refuses --otp as a usage error when no account signs in with a one-time code', async () => {
    const result = await run(['leak', '--secret-stdin', '--yes', '--otp', '123456'], 'a'.repeat(40) + '\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/None of your accounts signs in with a one-time code/);
  });
});
