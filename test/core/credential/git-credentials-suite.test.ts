// The cases of git's external credential-helper test (t/lib-credential.sh, helper_test) with real
// git 2.39, `credential.helper` set to the built git-credential-latch, and the real keychain: Latch
// as git's credential store for hosts it has no account for, with the semantics of git's own keychain
// helpers. `check` works like lib-credential.sh's: git's answer, and which prompts git had to show.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCli, HELPER_BIN } from '../../cli/built';
import { runProcess } from '../../cli/run';
import { gitHome, type GitHome } from '../git/git-env';

let home: GitHome;

beforeAll(() => buildCli());
beforeEach(() => {
  home = gitHome();
  home.env.LATCH_HOME = join(home.dir, 'latch-data');
  // lib-credential.sh's askpass: answers a fixed username and password and logs each prompt.
  const askpass = join(home.dir, 'askpass');
  writeFileSync(askpass, `#!/bin/sh\necho "askpass: $*" >> "${join(home.dir, 'askpass.log')}"\ncase "$*" in *Username*) echo askpass-username;; *) echo askpass-password;; esac\n`);
  chmodSync(askpass, 0o755);
  home.env.GIT_ASKPASS = askpass;
  delete home.env.GIT_TERMINAL_PROMPT;
});
afterEach(() => home.cleanup());

const helperConfig = () => ['-c', `credential.helper=!"${process.execPath}" "${HELPER_BIN}"`];

async function credential(op: 'fill' | 'approve' | 'reject', lines: string[], extra: string[] = []): Promise<{ out: string; prompts: string[] }> {
  writeFileSync(join(home.dir, 'askpass.log'), '');
  const result = await runProcess('git', [...helperConfig(), ...extra, 'credential', op], { env: home.env, input: `${lines.join('\n')}\n\n`, cwd: home.dir });
  expect(result.stderr.replace(/^askpass:.*\n/gm, '')).toBe('');
  expect(result.code).toBe(0);
  const prompts = readFileSync(join(home.dir, 'askpass.log'), 'utf8').split('\n').filter((line) => line !== '');
  return { out: result.stdout, prompts };
}

const approve = (lines: string[], extra?: string[]) => credential('approve', lines, extra);
const reject = (lines: string[]) => credential('reject', lines);
const fill = (lines: string[], extra?: string[]) => credential('fill', lines, extra);
const answer = (...lines: string[]) => `${lines.join('\n')}\n`;

describe("git's credential-helper cases against git-credential-latch", () => {
  it('has no existing data: git has to ask', async () => {
    const got = await fill(['protocol=https', 'host=example.com']);
    expect(got.out).toBe(answer('protocol=https', 'host=example.com', 'username=askpass-username', 'password=askpass-password'));
    expect(got.prompts).toEqual(["askpass: Username for 'https://example.com': ", "askpass: Password for 'https://askpass-username@example.com': "]);
  });

  it('stores and retrieves data, for the same protocol, host and username only', async () => {
    await approve(['protocol=https', 'host=example.com', 'username=store-user', 'password=store-pass']);
    const got = await fill(['protocol=https', 'host=example.com']);
    expect(got).toEqual({ out: answer('protocol=https', 'host=example.com', 'username=store-user', 'password=store-pass'), prompts: [] });

    const otherProtocol = await fill(['protocol=http', 'host=example.com']);
    expect(otherProtocol.out).toContain('username=askpass-username');
    const otherHost = await fill(['protocol=https', 'host=other.tld']);
    expect(otherHost.out).toContain('username=askpass-username');
    const otherUser = await fill(['protocol=https', 'host=example.com', 'username=other']);
    expect(otherUser.out).toBe(answer('protocol=https', 'host=example.com', 'username=other', 'password=askpass-password'));
    expect(otherUser.prompts).toEqual(["askpass: Password for 'https://other@example.com': "]);
  });

  it('requires a matching path when git sends one', async () => {
    const usePath = ['-c', 'credential.usehttppath=true'];
    await approve(['protocol=http', 'host=path.tld', 'path=foo.git', 'username=user', 'password=pass'], usePath);
    const other = await fill(['protocol=http', 'host=path.tld', 'path=other.git'], usePath);
    expect(other.out).toContain('username=askpass-username');
    const same = await fill(['protocol=http', 'host=path.tld', 'path=foo.git'], usePath);
    expect(same.out).toBe(answer('protocol=http', 'host=path.tld', 'path=foo.git', 'username=user', 'password=pass'));
  });

  it('handles several users, forgets one, and remembers the other', async () => {
    await approve(['protocol=https', 'host=example.com', 'username=user1', 'password=pass1']);
    await approve(['protocol=https', 'host=example.com', 'username=user2', 'password=pass2']);
    expect((await fill(['protocol=https', 'host=example.com', 'username=user1'])).out).toContain('password=pass1');
    expect((await fill(['protocol=https', 'host=example.com', 'username=user2'])).out).toContain('password=pass2');

    await reject(['protocol=https', 'host=example.com', 'username=user1']);
    const forgotten = await fill(['protocol=https', 'host=example.com', 'username=user1']);
    expect(forgotten.out).toContain('password=askpass-password');
    expect((await fill(['protocol=https', 'host=example.com', 'username=user2'])).out).toContain('password=pass2');
  });

  it('forgets a host, every user of it at once', async () => {
    await approve(['protocol=https', 'host=example.com', 'username=user1', 'password=pass1']);
    await approve(['protocol=https', 'host=example.com', 'username=user2', 'password=pass2']);
    await reject(['protocol=https', 'host=example.com']);
    const got = await fill(['protocol=https', 'host=example.com']);
    expect(got.prompts).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(home.env.LATCH_HOME!, 'index.json'), 'utf8')).gitCredentials).toEqual([]);
  });

  it('stores an empty username and password', async () => {
    await approve(['protocol=https', 'host=sso.tld', 'username=', 'password=']);
    const got = await fill(['protocol=https', 'host=sso.tld']);
    expect(got).toEqual({ out: answer('protocol=https', 'host=sso.tld', 'username=', 'password='), prompts: [] });
  });

  it('overwrites on a second store', async () => {
    await approve(['protocol=https', 'host=example.com', 'username=store-user', 'password=pass1']);
    await approve(['protocol=https', 'host=example.com', 'username=store-user', 'password=pass2']);
    expect((await fill(['protocol=https', 'host=example.com', 'username=store-user'])).out).toContain('password=pass2\n');
  });

  it('does not erase a password distinct from the one git names', async () => {
    await approve(['protocol=https', 'host=example.com', 'username=user', 'password=pass1']);
    await reject(['protocol=https', 'host=example.com', 'username=user', 'password=other']);
    expect((await fill(['protocol=https', 'host=example.com', 'username=user'])).out).toContain('password=pass1\n');
    await reject(['protocol=https', 'host=example.com', 'username=user', 'password=pass1']);
    expect((await fill(['protocol=https', 'host=example.com', 'username=user'])).out).toContain('password=askpass-password');
  });

  it('keeps the password in the keychain only, never in the index', async () => {
    const secret = `canary-${Date.now()}-git-credential`;
    await approve(['protocol=https', 'host=example.com', 'username=alice', `password=${secret}`]);
    const index = readFileSync(join(home.env.LATCH_HOME!, 'index.json'), 'utf8');
    expect(index).not.toContain(secret);
    expect(JSON.parse(index).gitCredentials).toEqual([
      expect.objectContaining({ protocol: 'https', host: 'example.com', path: null, username: 'alice', source: 'git', passwordExpiryUtc: null }),
    ]);
    await reject(['protocol=https', 'host=example.com']);
  });
});

describe('git-credential-latch keeps what git gives with a password', () => {
  it('keeps password_expiry_utc and oauth_refresh_token and answers them back, and not after the expiry', async () => {
    const { helper } = await import('../../cli/run');
    const future = String(Math.floor(Date.now() / 1000) + 3600);
    const store = await helper(['store'], {
      env: home.env,
      input: `protocol=https\nhost=oauth.example\nusername=alice\npassword=access\npassword_expiry_utc=${future}\noauth_refresh_token=refresh-me\n\n`,
    });
    expect(store).toMatchObject({ code: 0, stderr: '' });
    const got = await helper(['get'], { env: home.env, input: 'protocol=https\nhost=oauth.example\n\n' });
    expect(got.stdout).toBe(`username=alice\npassword=access\npassword_expiry_utc=${future}\noauth_refresh_token=refresh-me\n`);

    const past = String(Math.floor(Date.now() / 1000) - 60);
    await helper(['store'], { env: home.env, input: `protocol=https\nhost=old.example\nusername=bob\npassword=stale\npassword_expiry_utc=${past}\n\n` });
    expect((await helper(['get'], { env: home.env, input: 'protocol=https\nhost=old.example\n\n' })).stdout).toBe('');
    await helper(['erase'], { env: home.env, input: 'protocol=https\nhost=oauth.example\n\n' });
    await helper(['erase'], { env: home.env, input: 'protocol=https\nhost=old.example\n\n' });
  });
});
