// latch doctor's findings against real git configuration in an isolated HOME and the real keychain.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDoctor, type Finding } from '../../../electron/core/git/doctor';
import { nodeHelperCommand } from '../../../electron/core/git/helper-command';
import { createGitSetup } from '../../../electron/core/git/setup';
import { createOsKeychain } from '../../../electron/core/vault/keychain';
import type { StoredToken } from '../../../electron/core/vault/types';
import { buildCli, HELPER_BIN } from '../../cli/built';
import { testAccount, testToken } from '../vault/fixtures';
import { gitHome, type GitHome } from './git-env';

const keychain = createOsKeychain({ service: `Latch-test-${randomUUID()}` });
const COMMAND = nodeHelperCommand(process.execPath, HELPER_BIN);
const HOST = 'bitbucket.example.com';

const account = testAccount({ baseUrl: `https://${HOST}` });
const projectToken = testToken(account.id, '000000000001', {
  name: 'ci',
  owner: { kind: 'project', projectKey: 'PROJ' },
  scopes: ['PROJECT_READ', 'REPO_READ'],
  createdAt: null,
});

let home: GitHome;
beforeAll(() => buildCli());
beforeEach(() => {
  home = gitHome();
});
afterEach(() => home.cleanup());

const config = (...args: string[]) => execFileSync('git', ['config', '--global', ...args], { env: home.env });
const doctor = (storedTokens: StoredToken[] = [], helperCommand = COMMAND) =>
  runDoctor({ keychain, accounts: [account], storedTokens, env: home.env, cwd: home.dir, helperCommand });
const find = (findings: Finding[], check: Finding['check']) => findings.filter((f) => f.check === check);

describe('latch doctor', () => {
  it('finds the keychain usable and git set up for the host, and says so', async () => {
    await createGitSetup({ env: home.env, helperCommand: COMMAND }).setupFor({ protocol: 'https', host: HOST });
    const findings = await doctor();
    expect(find(findings, 'keychain')[0]).toMatchObject({ status: 'ok' });
    expect(find(findings, 'git-helpers')[0]).toMatchObject({ status: 'ok', host: HOST });
    expect(find(findings, 'helper-command')).toEqual([]);
    expect(findings.every((f) => f.status !== 'problem')).toBe(true);
  });

  it('explains what the git version means for Bearer-only tokens', async () => {
    const version = execFileSync('git', ['--version'], { encoding: 'utf8' });
    const [, major, minor] = /(\d+)\.(\d+)/.exec(version)!.map(Number) as [number, number, number];
    const finding = find(await doctor([projectToken]), 'git-version')[0]!;
    if (major > 2 || (major === 2 && minor >= 46)) expect(finding.status).toBe('ok');
    else {
      expect(finding).toMatchObject({ status: 'warning' });
      expect(finding.message).toMatch(/2\.46/);
      expect(finding.fix).toMatch(/Update git/);
    }
  });

  it('says git does not ask Latch when the host is not set up', async () => {
    config('credential.helper', 'store');
    const finding = find(await doctor(), 'git-helpers')[0]!;
    expect(finding).toMatchObject({ status: 'warning', fix: `Run: latch setup-git --host https://${HOST}` });
    expect(finding.message).toContain('store');
  });

  it('checks each host Latch keeps git credentials for, and says git does not get them until it is set up there', async () => {
    const saved = {
      protocol: 'https',
      host: 'git.example.org',
      path: null,
      username: 'bob',
      passwordExpiryUtc: null,
      keychainKey: 'git:https://bob@git.example.org/',
      refreshTokenKey: null,
      source: 'git',
      createdAt: '2026-12-01T00:00:00.000Z',
      lastUsedAt: null,
    };
    const findings = await runDoctor({ keychain, accounts: [], storedTokens: [], gitCredentials: [saved], env: home.env, cwd: home.dir });
    expect(find(findings, 'git-helpers')[0]).toMatchObject({
      status: 'warning',
      host: 'git.example.org',
      message: 'git does not ask Latch for credentials on https://git.example.org. Latch keeps a git credential for it, which git does not get.',
      fix: 'Run: latch setup-git --host https://git.example.org',
    });
  });

  it('reports another helper asked before Latch', async () => {
    writeFileSync(
      join(home.dir, '.gitconfig'),
      `[credential "https://${HOST}"]\n\thelper =\n\thelper = store\n\thelper = !${COMMAND.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}\n`,
    );
    const finding = find(await doctor(), 'git-helpers')[0]!;
    expect(finding.status).toBe('problem');
    expect(finding.message).toMatch(/store before Latch/);
    expect(finding.details).toHaveLength(2);
  });

  it('warns that a helper after Latch gets the token on every success', async () => {
    await createGitSetup({ env: home.env, helperCommand: COMMAND }).setupFor({ protocol: 'https', host: HOST });
    config('credential.helper', 'store'); // a new [credential] section, after Latch's
    const finding = find(await doctor(), 'git-helpers')[0]!;
    expect(finding.status).toBe('warning');
    expect(finding.message).toMatch(/hands Latch's token to store/);
  });

  it('finds a plaintext ~/.git-credentials line for the host without showing it', async () => {
    writeFileSync(join(home.dir, '.git-credentials'), `https://bob:hunter2@other.example\nhttps://alice:BBDC-leaked@${HOST}\n`);
    const findings = find(await doctor(), 'plaintext-credentials');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('line 2');
    expect(JSON.stringify(findings)).not.toContain('BBDC-leaked');
    expect(JSON.stringify(findings)).not.toContain('hunter2');
  });

  it('finds the line in a file a store helper names with --file, read the way git reads the setting', async () => {
    config(`credential.https://${HOST}.helper`, "store --file ~/'secret stash'");
    writeFileSync(join(home.dir, 'secret stash'), `https://alice:BBDC-stashed@${HOST}\n`);
    const findings = find(await doctor(), 'plaintext-credentials');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('secret stash');
    expect(JSON.stringify(findings)).not.toContain('BBDC-stashed');
  });

  it('does not repeat a password written into an inline helper', async () => {
    config(`credential.https://${HOST}.helper`, '!f() { echo username=alice; echo "password=inline-s3cret"; }; f');
    const findings = await doctor();
    expect(find(findings, 'git-helpers')[0]!.message).toContain('password=…');
    expect(JSON.stringify(findings)).not.toContain('inline-s3cret');
  });

  it('notices a configured Latch helper that no longer starts', async () => {
    const moved = nodeHelperCommand(process.execPath, join(home.dir, 'gone', 'git-credential-latch.cjs'));
    await createGitSetup({ env: home.env, helperCommand: moved }).setupFor({ protocol: 'https', host: HOST });
    const finding = find(await doctor(), 'helper-command')[0]!;
    expect(finding).toMatchObject({ status: 'problem', host: HOST });
    expect(finding.fix).toContain('latch setup-git');
    expect(finding.message).toContain(`points at ${join(home.dir, 'gone', 'git-credential-latch.cjs')}, which is no longer there`);
  });

  it('notices git running another installation of Latch, and names this one in the fix', async () => {
    // Another copy that still works: the same helper reached through a second path.
    const other = join(home.dir, 'other install', 'git-credential-latch.cjs');
    execFileSync('mkdir', ['-p', join(home.dir, 'other install')]);
    writeFileSync(other, `require(${JSON.stringify(HELPER_BIN)});\n`);
    await createGitSetup({ env: home.env, helperCommand: nodeHelperCommand(process.execPath, other) }).setupFor({ protocol: 'https', host: HOST });
    const finding = find(await doctor(), 'helper-command')[0]!;
    expect(finding).toMatchObject({ status: 'warning', host: HOST });
    expect(finding.message).toContain('another installation of Latch');
    expect(finding.fix).toContain(COMMAND);
  });

  describe('runs only Latch\'s own command, from your own configuration', () => {
    const marker = () => join(home.dir, 'ran');
    /** A script named like Latch's helper that leaves a mark when run. */
    const planted = () => {
      const dir = join(home.dir, 'repo', 'tools');
      mkdirSync(dir, { recursive: true });
      const script = join(dir, 'git-credential-latch.cjs');
      writeFileSync(script, `require('node:fs').writeFileSync(${JSON.stringify(marker())}, 'x'); console.log('version 0');\n`);
      return script;
    };
    const repo = () => {
      const dir = join(home.dir, 'repo');
      mkdirSync(dir, { recursive: true });
      execFileSync('git', ['init', '-q', dir], { env: home.env });
      return dir;
    };
    const doctorIn = (cwd: string) => runDoctor({ keychain, accounts: [account], storedTokens: [], env: home.env, cwd });

    it("never runs a helper from a repository's configuration, even in Latch's exact form", async () => {
      const dir = repo();
      const script = planted();
      execFileSync('git', ['config', '--local', `credential.https://${HOST}.helper`, `!${nodeHelperCommand(process.execPath, script)}`], { env: home.env, cwd: dir });
      execFileSync('git', ['config', '--local', '--add', `credential.https://${HOST}.helper`, `!touch ${marker()}; git-credential-latch`], { env: home.env, cwd: dir });
      const findings = await doctorIn(dir);
      expect(existsSync(marker())).toBe(false);
      const warnings = find(findings, 'helper-command');
      expect(warnings.length).toBeGreaterThan(0);
      expect(warnings.every((w) => w.status === 'warning' && /did not run it/.test(w.message))).toBe(true);
    });

    it('never runs a global helper that merely mentions git-credential-latch', async () => {
      config(`credential.https://${HOST}.helper`, `!touch ${marker()} # git-credential-latch`);
      const findings = await doctor();
      expect(existsSync(marker())).toBe(false);
      expect(find(findings, 'helper-command')[0]).toMatchObject({ status: 'warning' });
    });

    it("runs Latch's exact command from the global configuration, without a shell", async () => {
      const script = planted();
      const command = nodeHelperCommand(process.execPath, script);
      config(`credential.https://${HOST}.helper`, `!${command}`);
      // This installation's own command, so the only question is whether it runs.
      const findings = await doctor([], command);
      expect(existsSync(marker())).toBe(true);
      expect(find(findings, 'helper-command')).toEqual([]);
    });
  });
});
