// Every command Latch suggests on a Gitea or Forgejo account runs as printed: taken from the output of a
// real run against the Gitea simulator (both products; two-factor sign-in; an account with a security
// key, on servers whose tokens can and cannot delete themselves), its placeholders filled in, and run;
// each does what the person wanted.
import { describe, expect, it } from 'vitest';
import type { Flavor } from '../hosts/gitea';
import { giteaWorld } from './host-worlds';
import { latchInTerminal } from './run';
import { expectGitSetupSuggestionsRun, filled, runLeakSuggestion, runSuggestion, suggestion } from './suggested';

const PASSWORD = 'alice pässword 1';
const NAME = 'from-a-hint';

describe.each(['gitea', 'forgejo'] as const)('commands Latch suggests on %s with a password run as printed', (flavor) => {
  const w = giteaWorld({ flavor, users: [{ username: 'alice', password: PASSWORD }] });
  const values = () => ({ KIND: flavor, URL: w.baseUrl, USER: 'alice', NAME });
  const names = () => w.sim.tokens('alice').map((token) => token.name);

  it('no accounts yet: the account add it prints, in a terminal that asks for the password', async () => {
    const list = await w.run(['account', 'list']);
    const command = filled(suggestion(list, /^account add /), values());
    const added = await latchInTerminal(command, { env: w.env, answers: [{ after: /Password for alice: $/, type: PASSWORD }] });
    expect(added.code, added.screen).toBe(0);
    expect(added.screen).not.toContain(PASSWORD);
    expect(added.screen).toMatch(/Added alice on /);
  });

  it('an address Latch cannot place: the account add it prints, with the kind named', async () => {
    const unsure = await w.run(['account', 'add', '--host', w.baseUrl, '--username', 'alice', '--password-stdin', '--remember-password'], `${PASSWORD}\n`);
    expect(unsure.code).toBe(2);
    await runSuggestion(w, unsure, /^account add --host KIND /, values(), `${PASSWORD}\n`);
    expect(JSON.parse((await w.run(['account', 'list', '--json'])).stdout)).toEqual([expect.objectContaining({ username: 'alice', rememberPassword: true })]);
  });

  it('no usable token: the token create token get prints, which git and scripts then get', async () => {
    await w.addAccount('alice');
    const get = await w.run(['token', 'get', '--host', w.host]);
    expect(get.code).toBe(1);
    await runSuggestion(w, get, /^token create /, values());
    expect(w.sim.tokens('alice')).toEqual([expect.objectContaining({ name: NAME, scopes: ['write:repository'] })]);
    expect((await w.run(['token', 'get', '--host', w.host])).stdout).toMatch(/^[0-9a-f]{40}\n$/);
  });

  it('token add where the API makes tokens: the token create it points to', async () => {
    await w.addAccount('alice');
    const add = await w.run(['token', 'add', '--account', 'alice', '--name', 'x', '--token-stdin'], `${'a'.repeat(40)}\n`);
    expect(add.code).toBe(1);
    await runSuggestion(w, add, /^token create /, values());
    expect(names()).toEqual([NAME]);
  });

  it('a stored token deleted in the browser: the token remove the list prints', async () => {
    await w.addAccount('alice');
    const created = JSON.parse((await w.run(['token', 'create', '--account', 'alice', '--name', 'gone', '--scope', 'read:repository', '--store', '--json'])).stdout) as {
      token: { id: string };
    };
    w.sim.deleteInPage(Number(created.token.id));
    const list = await w.run(['token', 'list', '--account', 'alice']);
    await runSuggestion(w, list, /^token remove /);
    expect(JSON.parse((await w.run(['token', 'list', '--account', 'alice', '--json'])).stdout)).toEqual([]);
  });

  it('an unlocked account: the account lock it prints', async () => {
    const added = await w.run(['account', 'add', '--host', flavor, '--url', w.baseUrl, '--username', 'alice', '--password-stdin'], `${PASSWORD}\n`);
    expect(added.code).toBe(0);
    const unlocked = await w.run(['account', 'unlock', 'alice', '--password-stdin'], `${PASSWORD}\n`);
    expect(unlocked.code).toBe(0);
    const locked = await runSuggestion(w, unlocked, /^account lock /);
    expect(locked.stdout).toMatch(/is locked: commands ask for its password again/);
    // Locked again: a command that needs the password, with no terminal to ask in, cannot run.
    expect((await w.run(['token', 'list', '--account', 'alice'])).code).not.toBe(0);
  });

  it('a secret typed where a token id goes: the latch leak it points to deletes it and removes the copy', async () => {
    await w.addAccount('alice');
    const created = JSON.parse((await w.run(['token', 'create', '--account', 'alice', '--name', 'leaky', '--scope', 'read:repository', '--store', '--json'])).stdout) as {
      secret: string;
    };
    const leak = await runLeakSuggestion(w, 'alice', created.secret);
    expect(leak.code, leak.screen).toBe(0);
    expect(w.sim.tokens('alice')).toEqual([]);
    expect(JSON.parse((await w.run(['token', 'list', '--account', 'alice', '--json'])).stdout)).toEqual([]);
  });

  it("doctor's fix, setup-git's undo, and the account list an unknown host points to", async () => {
    await w.addAccount('alice');
    await expectGitSetupSuggestionsRun(w);
  });
});

describe('commands latch leak suggests on Forgejo run as printed', () => {
  const w = giteaWorld({ flavor: 'forgejo', users: [{ username: 'carol', password: 'carol password 2', totp: true }, { username: 'alice', password: PASSWORD }] });

  it('two-factor sign-in: the leak with a code it prints, in a terminal, then the revoke with the next code', async () => {
    expect((await w.addAccount('carol', ['--otp', w.nextCode('carol')])).code).toBe(0);
    const { id, secret } = w.sim.issueToken('carol', 'laptop', ['read:repository']);
    const bare = await w.run(['leak', '--secret-stdin', '--yes'], `${secret}\n`);
    expect(bare.code).toBe(1);
    const command = filled(suggestion(bare, /^leak /), { CODE: w.nextCode('carol') });
    const found = await latchInTerminal(command, {
      env: w.env,
      answers: [
        { after: /Paste the secret .*Enter: $/, type: secret },
        { after: /\[y\/N\] $/, type: 'y' },
      ],
    });
    expect(found.screen).not.toContain(secret);
    // Forgejo takes a code once: the search used it, so the revoke by id is the call left.
    const revoked = await runSuggestion(w, { stdout: '', stderr: found.screen }, /^token revoke /, { CODE: w.nextCode('carol') });
    expect(revoked.stdout).toMatch(/^Revoked token /);
    expect(w.sim.tokens('carol').map((token) => token.id)).not.toContain(id);
  });

  it('no password kept: the latch leak it says to run in a terminal, which asks for the password', async () => {
    const added = await w.run(['account', 'add', '--host', 'forgejo', '--url', w.baseUrl, '--username', 'alice', '--password-stdin'], `${PASSWORD}\n`);
    expect(added.code).toBe(0);
    const { id, secret } = w.sim.issueToken('alice', 'laptop', ['read:repository']);
    const piped = await w.run(['leak', '--secret-stdin', '--yes'], `${secret}\n`);
    expect(piped.code).toBe(1);
    expect(suggestion(piped, /^leak /).slice(0, 4)).toEqual(['leak', 'in', 'a', 'terminal']);
    const leak = await latchInTerminal(['leak'], {
      env: w.env,
      answers: [
        { after: /Paste the secret .*Enter: $/, type: secret },
        { after: /\[y\/N\] $/, type: 'y' },
        { after: /Password: $/, type: PASSWORD },
      ],
    });
    expect(leak.code, leak.screen).toBe(0);
    expect(leak.screen).not.toContain(secret);
    expect(w.sim.tokens('alice').map((token) => token.id)).not.toContain(id);
  });
});

const SERVERS: Array<{ flavor: Flavor; version: string; selfDelete: boolean }> = [
  { flavor: 'gitea', version: '1.27.1', selfDelete: true },
  { flavor: 'gitea', version: '1.26.1', selfDelete: false },
  { flavor: 'forgejo', version: '16.0.1', selfDelete: false },
];

describe.each(SERVERS)('commands Latch suggests for a $flavor $version account with a security key run as printed', ({ flavor, version, selfDelete }) => {
  const w = giteaWorld({ flavor, version, users: [{ username: 'dave', password: 'dave password 3', webauthn: true }] });
  // read:user lets servers before Gitea 1.27 say whose a token is.
  const issue = (name = 'laptop') => w.sim.issueToken('dave', name, ['write:repository', 'read:user']);
  const kept = async () => JSON.parse((await w.run(['token', 'list', '--account', 'dave', '--json'])).stdout) as Array<{ id: string; name: string }>;
  const addDave = async () => {
    const added = await w.run(['account', 'add', '--host', flavor, '--url', w.baseUrl, '--username', 'dave', '--token-name', 'laptop', '--token-stdin'], `${issue().secret}\n`);
    expect(added.code).toBe(0);
    return added;
  };

  it('the password refused: the account add with a token it prints; then the token add that prints', async () => {
    const refused = await w.run(['account', 'add', '--host', flavor, '--url', w.baseUrl, '--username', 'dave', '--password-stdin'], 'dave password 3\n');
    expect(refused.code).toBe(1);
    const added = await runSuggestion(w, refused, /^account add /, { NAME: 'laptop' }, `${issue().secret}\n`);
    expect(added.stdout).toMatch(/^Added dave on /);
    const second = issue('desktop');
    await runSuggestion(w, added, /^token add /, { NAME: 'desktop' }, `${second.secret}\n`);
    expect((await kept()).map((token) => token.name).sort()).toEqual(['desktop', 'laptop']);
  });

  it('token create, which no program may do here: the token add it points to', async () => {
    await addDave();
    const create = await w.run(['token', 'create', '--account', 'dave', '--name', 'ci', '--scope', 'write:repository']);
    expect(create.code).toBe(1);
    await runSuggestion(w, create, /^token add /, { NAME }, `${issue(NAME).secret}\n`);
    expect((await kept()).map((token) => token.name).sort()).toEqual([NAME, 'laptop']);
  });

  it(selfDelete ? "account add's revoke, which deletes the token" : "account add's way to revoke: the page, then the token remove it prints", async () => {
    const added = await addDave();
    await runSuggestion(w, added, selfDelete ? /^token revoke / : /^token remove /);
    expect(await kept()).toEqual([]);
    expect(w.sim.tokens('dave')).toHaveLength(selfDelete ? 0 : 1);
  });

  // Only where the server cannot revoke: on Gitea 1.27 the revoke above simply works.
  if (!selfDelete) {
    it('a revoke the server cannot do: the token remove it prints', async () => {
      await addDave();
      const [token] = await kept();
      const revoke = await w.run(['token', 'revoke', '--account', 'dave', token!.id, '--yes']);
      expect(revoke.code).toBe(1);
      await runSuggestion(w, revoke, /^token remove /);
      expect(await kept()).toEqual([]);
    });
  }

  it('no usable token: the token add token get prints, whose token git and scripts then get', async () => {
    await addDave();
    const [token] = await kept();
    expect((await w.run(['token', 'remove', '--account', 'dave', token!.id, '--yes'])).code).toBe(0);
    const get = await w.run(['token', 'get', '--host', w.host]);
    expect(get.code).toBe(1);
    expect(get.stderr).toContain(`Add one you created at ${w.baseUrl}/user/settings/applications with:`);
    // The empty list names the same command.
    expect(suggestion(await w.run(['token', 'list', '--account', 'dave']), /^token add /)).toEqual(suggestion(get, /^token add /));
    const made = issue(NAME);
    await runSuggestion(w, get, /^token add /, { NAME }, `${made.secret}\n`);
    expect((await w.run(['token', 'get', '--host', w.host])).stdout).toBe(`${made.secret}\n`);
  });
});
