// A Gitea or Forgejo account with a security key or passkey, whose password no program may use: the
// built `latch` program keeps it with tokens made in the browser (no password), against the simulator
// over a real socket and the real keychain (scripts/with-keyring.sh). Gitea 1.27 lets a kept token
// delete itself; older Gitea and Forgejo cannot, and Latch says where to do it instead.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProcessResult } from '../cli/run';
import { filesContaining } from '../e2e/support/canary';
import type { Flavor } from '../hosts/gitea';
import { giteaWorld } from '../cli/host-worlds';

const PASSWORD = 'dave password 3';

const SERVERS: Array<{ flavor: Flavor; version: string; label: string; selfDelete: boolean }> = [
  { flavor: 'gitea', version: '1.27.1', label: 'Gitea 1.27.1', selfDelete: true },
  { flavor: 'gitea', version: '1.26.1', label: 'Gitea 1.26.1', selfDelete: false },
  { flavor: 'forgejo', version: '16.0.1+gitea-1.22.0', label: 'Forgejo 16.0.1', selfDelete: false },
];

describe.each(SERVERS)('a $label account with a security key', ({ flavor, version, label, selfDelete }) => {
  const w = giteaWorld({ flavor, version, users: [{ username: 'dave', password: PASSWORD, webauthn: true }, { username: 'erin', password: 'erin password 4' }] });
  const outputs: ProcessResult[] = [];
  beforeEach(() => {
    outputs.length = 0;
  });

  const run = async (args: string[], input?: string) => {
    const result = await w.run(args, input);
    outputs.push(result);
    return result;
  };
  const addDave = (secret: string, extra: string[] = []) =>
    run(['account', 'add', '--host', flavor, '--url', w.sim.baseUrl, '--username', 'dave', '--token-name', 'laptop', '--token-stdin', ...extra], `${secret}\n`);

  function expectRefusal(result: ProcessResult, pattern: RegExp): void {
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr).not.toMatch(/^\s+at |Error:|node_modules/m);
  }

  it('names the exact command to add it with a token when the password is refused, and saves nothing', async () => {
    const refused = await run(['account', 'add', '--host', flavor, '--url', w.sim.baseUrl, '--username', 'dave', '--password-stdin'], `${PASSWORD}\n`);
    expectRefusal(refused, /security key or passkey/);
    expect(refused.stderr).toContain(`latch account add --host ${flavor} --url '${w.sim.baseUrl}' --username 'dave' --token-name NAME --token-stdin`);
    expect(refused.stderr).not.toContain(PASSWORD);
    expect(JSON.parse((await run(['account', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('adds the account with a pasted token, lists it, keeps another, and hands it to HTTP clients; the secrets go nowhere else', async () => {
    const first = w.sim.issueToken('dave', 'laptop', ['write:repository', 'read:user']);
    const added = await addDave(first.secret, ['--json']);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ id: expect.any(String), host: 'gitea', username: 'dave', signIn: 'api-token', server: label });

    const [account] = JSON.parse((await run(['account', 'list', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(account).toMatchObject({ host: 'gitea', username: 'dave', userSlug: 'dave', signIn: 'api-token', server: label, rememberPassword: false });
    const table = await run(['account', 'list']);
    expect(table.stdout).toMatch(/dave@\S+ .* API token/);

    const listed = JSON.parse((await run(['token', 'list', '--account', 'dave', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(listed).toEqual([
      expect.objectContaining({ name: 'laptop', stored: true, expiresAt: null, scopes: selfDelete ? ['write:repository', 'read:user'] : [] }),
    ]);

    const second = w.sim.issueToken('dave', 'desktop', ['read:repository', 'read:user']);
    const kept = await run(['token', 'add', '--account', 'dave', '--name', 'desktop', '--token-stdin'], `${second.secret}\n`);
    expect(kept.stderr).toBe('');
    expect(kept.stdout).toMatch(/^Kept "desktop" \(id (?:\d+|pasted-[0-9a-f]+)\) for dave on /);
    const both = JSON.parse((await run(['token', 'list', '--account', 'dave', '--json'])).stdout) as Array<{ name: string }>;
    expect(both.map((token) => token.name).sort()).toEqual(['desktop', 'laptop']);

    const again = await run(['token', 'add', '--account', 'dave', '--name', 'again', '--token-stdin'], `${second.secret}\n`);
    expectRefusal(again, /already keeps this token for dave on .*, as "desktop"/);

    const header = await run(['token', 'get', '--host', w.host, '--field', 'authorization']);
    expect(header.code).toBe(0);
    expect(header.stdout).toMatch(/^token [0-9a-f]{40}\n$/);

    // Canary: outside the one output asked for, neither secret appears in any output or file.
    for (const secret of [first.secret, second.secret]) {
      for (const output of outputs.filter((o) => o !== header)) expect(`${output.stdout}${output.stderr}`).not.toContain(secret);
      expect(filesContaining(w.home.dir, secret)).toEqual([]);
    }
  });

  it('refuses a token of another user, and a password, before anything is saved', async () => {
    const erins = w.sim.issueToken('erin', 'laptop', ['read:user']);
    expectRefusal(await addDave(erins.secret), /belongs to erin, not to dave/);
    expectRefusal(await addDave('dave-password-3'), /not a (Gitea|Forgejo) access token: those are 40 characters/);
    // Without read:user only Gitea 1.27 can say whose a token is; elsewhere the sentence says what to add.
    const repoOnly = w.sim.issueToken('dave', 'repo only', ['write:repository']);
    const added = await addDave(repoOnly.secret);
    if (selfDelete) expect(added.code).toBe(0);
    else expectRefusal(added, /lacks the read:user scope, so it cannot say whose it is: make the token with read:user as well/);
    expect(JSON.parse((await run(['account', 'list', '--json'])).stdout)).toHaveLength(selfDelete ? 1 : 0);
    for (const output of outputs) expect(`${output.stdout}${output.stderr}`).not.toContain(erins.secret);
    for (const output of outputs) expect(`${output.stdout}${output.stderr}`).not.toContain(repoOnly.secret);
  });

  it('says plainly that tokens are made in the browser, and offers the page and token add', async () => {
    // read:user lets servers before Gitea 1.27 say whose the token is.
    const first = w.sim.issueToken('dave', 'laptop', ['write:repository', 'read:user']);
    expect((await addDave(first.secret)).code).toBe(0);
    const created = await run(['token', 'create', '--account', 'dave', '--name', 'ci', '--scope', 'write:repository']);
    expectRefusal(created, /has a security key or passkey, so its server lets no program create tokens for it/);
    expect(created.stderr).toContain(`${w.sim.baseUrl}/user/settings/applications`);
    expect(created.stderr).toMatch(/latch token add --account 'dave@[^']+' --name NAME --token-stdin/);
    const unlocked = await run(['token', 'list', '--account', 'dave', '--password-stdin'], `${PASSWORD}\n`);
    expect(unlocked.code).toBe(2);
    expect(unlocked.stderr).toMatch(/have no password in Latch; leave out --password-stdin/);
    expect(w.sim.tokens('dave')).toHaveLength(1);
  });

  it(selfDelete ? 'revokes a kept token by itself, with no password' : 'says where to delete a kept token, since the server cannot delete it by itself', async () => {
    // read:user lets servers before Gitea 1.27 say whose the token is.
    const first = w.sim.issueToken('dave', 'laptop', ['write:repository', 'read:user']);
    expect((await addDave(first.secret)).code).toBe(0);
    const [token] = JSON.parse((await run(['token', 'list', '--account', 'dave', '--json'])).stdout) as Array<{ id: string }>;
    const revoked = await run(['token', 'revoke', '--account', 'dave', token!.id, '--yes']);
    if (selfDelete) {
      expect(revoked.stderr).toBe('');
      expect(revoked.code).toBe(0);
      expect(revoked.stdout).toMatch(/^Revoked "laptop" \(token (?:\d+|pasted-[0-9a-f]+), personal, [^)]*\): .* confirmed it no longer works, and Latch removed its copy\.\n$/);
      expect(w.sim.tokens('dave')).toEqual([]);
      expect(JSON.parse((await run(['token', 'list', '--account', 'dave', '--json'])).stdout)).toEqual([]);
    } else {
      expectRefusal(revoked, new RegExp(`${label.split(' ')[0]} .*cannot delete a token given only the token`));
      expect(revoked.stderr).toContain(`Delete "laptop" in your browser at ${w.sim.baseUrl}/user/settings/applications`);
      expect(revoked.stderr).toContain(`latch token remove --account 'dave@${w.host}' ${token!.id} --yes`);
      expect(w.sim.tokens('dave')).toHaveLength(1);
      expect(JSON.parse((await run(['token', 'list', '--account', 'dave', '--json'])).stdout)).toHaveLength(1);
    }
    for (const output of outputs) expect(`${output.stdout}${output.stderr}`).not.toContain(first.secret);
  });

  it('responds to a leak of a kept token: deleted by itself on Gitea 1.27, else named for the browser; the copy goes either way', async () => {
    const first = w.sim.issueToken('dave', 'laptop', ['write:repository', 'read:user']);
    expect((await addDave(first.secret)).code).toBe(0);
    const leak = await run(['leak', '--secret-stdin', '--yes', '--json'], `${first.secret}\n`);
    const report = JSON.parse(leak.stdout) as { host: { outcome: string; sentence: string; manageUrl: string | null }; local: { keychain: unknown[] } };
    if (selfDelete) {
      expect(leak.code).toBe(0);
      expect(report.host.outcome).toBe('revoked');
      expect(w.sim.tokens('dave')).toEqual([]);
    } else {
      expect(report.host.outcome).toBe('by-hand');
      expect(report.host.sentence).toMatch(/cannot delete a token given only the token, and Latch has no password for dave on .* so delete "laptop" yourself now at /);
      expect(report.host.manageUrl).toBe(`${w.sim.baseUrl}/user/settings/applications`);
      expect(w.sim.tokens('dave')).toHaveLength(1);
    }
    expect(report.local.keychain).toHaveLength(1);
    expect(JSON.parse((await run(['token', 'list', '--account', 'dave', '--json'])).stdout)).toEqual([]);
    for (const output of outputs) expect(`${output.stdout}${output.stderr}`).not.toContain(first.secret);
    expect(filesContaining(w.home.dir, first.secret)).toEqual([]);
  });
});
