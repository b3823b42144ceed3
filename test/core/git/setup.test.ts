// setup-git against real git in an isolated HOME: the exact global configuration it writes, reads
// back and removes, for one host only.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultHelperCommand, nodeHelperCommand, packagedHelperCommand, shellQuote } from '../../../electron/core/git/helper-command';
import { createGitSetup } from '../../../electron/core/git/setup';
import { gitHome, type GitHome } from './git-env';

let home: GitHome;
beforeEach(() => {
  home = gitHome();
});
afterEach(() => home.cleanup());

const gitConfig = (...args: string[]) => execFileSync('git', ['config', '--global', ...args], { env: home.env, encoding: 'utf8' });
const globalFile = () => readFileSync(join(home.dir, '.gitconfig'), 'utf8');
// A path with a space, both kinds of quote and a dollar sign: it must reach sh as one word.
const COMMAND = nodeHelperCommand('/usr/bin/node', "/opt/it's \"my\" $HOME/bin/git-credential-latch.cjs");

describe('setup-git', () => {
  it('adds a reset of the helper list for that host, then Latch, and shows the exact lines', async () => {
    const setup = createGitSetup({ env: home.env, helperCommand: COMMAND });
    const result = await setup.setupFor({ protocol: 'https', host: 'bitbucket.example.com:8443' });
    expect(result).toEqual({
      host: 'bitbucket.example.com:8443',
      configured: true,
      lines: [
        'credential.https://bitbucket.example.com:8443.helper=',
        `credential.https://bitbucket.example.com:8443.helper=!${COMMAND}`,
        'credential.https://bitbucket.example.com:8443.useHttpPath=true',
      ],
    });
    // What git itself reads back is the command, quotes intact.
    const values = execFileSync('git', ['config', '--global', '--get-all', 'credential.https://bitbucket.example.com:8443.helper'], {
      env: home.env,
      encoding: 'utf8',
    });
    expect(values).toBe(`\n!${COMMAND}\n`);
  });

  it('is idempotent: running it twice leaves one reset and one Latch line', async () => {
    const setup = createGitSetup({ env: home.env, helperCommand: COMMAND });
    await setup.setupFor({ protocol: 'https', host: 'h.example' });
    await setup.setupFor({ protocol: 'https', host: 'h.example' });
    expect(gitConfig('--get-all', 'credential.https://h.example.helper')).toBe(`\n!${COMMAND}\n`);
  });

  it('reports a host that is not set up with the lines it would write', async () => {
    const setup = createGitSetup({ env: home.env, helperCommand: COMMAND });
    const status = await setup.statusFor({ protocol: 'https', host: 'h.example' });
    expect(status.configured).toBe(false);
    expect(status.lines[1]).toBe(`credential.https://h.example.helper=!${COMMAND}`);
  });

  it('undoes exactly its own lines and leaves other hosts and settings alone', async () => {
    gitConfig('credential.helper', 'cache');
    gitConfig('credential.https://other.example.helper', 'store');
    gitConfig('credential.https://h.example.username', 'alice');
    const before = globalFile();
    const setup = createGitSetup({ env: home.env, helperCommand: COMMAND });
    await setup.setupFor({ protocol: 'https', host: 'h.example' });
    const undone = await setup.undoFor({ protocol: 'https', host: 'h.example' });
    expect(undone.configured).toBe(false);
    expect(gitConfig('--get', 'credential.helper')).toBe('cache\n');
    expect(gitConfig('--get', 'credential.https://other.example.helper')).toBe('store\n');
    expect(gitConfig('--get', 'credential.https://h.example.username')).toBe('alice\n');
    expect(globalFile()).toBe(before);
  });

  it('removes the section it created when nothing else is in it', async () => {
    writeFileSync(join(home.dir, '.gitconfig'), '[user]\n\tname = Test\n');
    const setup = createGitSetup({ env: home.env, helperCommand: COMMAND });
    await setup.setupFor({ protocol: 'http', host: '127.0.0.1:8080' });
    await setup.undoFor({ protocol: 'http', host: '127.0.0.1:8080' });
    expect(globalFile()).toBe('[user]\n\tname = Test\n');
  });

  it("does not undo a helper someone else configured for the host", async () => {
    gitConfig('credential.https://h.example.helper', 'store');
    const setup = createGitSetup({ env: home.env, helperCommand: COMMAND });
    await setup.undoFor({ protocol: 'https', host: 'h.example' });
    expect(gitConfig('--get', 'credential.https://h.example.helper')).toBe('store\n');
  });

  it('keeps a helper added for the host after setup when undoing', async () => {
    const setup = createGitSetup({ env: home.env, helperCommand: COMMAND });
    await setup.setupFor({ protocol: 'https', host: 'h.example' });
    gitConfig('--add', 'credential.https://h.example.helper', 'store');
    await setup.undoFor({ protocol: 'https', host: 'h.example' });
    expect(gitConfig('--get-all', 'credential.https://h.example.helper')).toBe('store\n');
  });

  it('keeps the helpers the person had: git stops asking them after setup and asks them again after undo', async () => {
    // A stand-in for Latch's helper (any command naming git-credential-latch is Latch's) that answers
    // differently from the person's credential-store file.
    const latch = join(home.dir, 'git-credential-latch');
    writeFileSync(latch, '#!/bin/sh\n[ "$1" = get ] && printf "username=alice\\npassword=from-latch\\n"\nexit 0\n');
    chmodSync(latch, 0o755);
    writeFileSync(join(home.dir, '.git-credentials'), 'https://bob:from-store@h.example\n');
    gitConfig('credential.https://h.example.helper', 'store');
    gitConfig('credential.https://h.example.useHttpPath', 'true');
    const before = globalFile();
    const fill = () =>
      execFileSync('git', ['credential', 'fill'], { env: home.env, cwd: home.dir, input: 'protocol=https\nhost=h.example\n\n', encoding: 'utf8' });
    expect(fill()).toContain('password=from-store');

    const setup = createGitSetup({ env: home.env, helperCommand: shellQuote(latch) });
    const shown = await setup.statusFor({ protocol: 'https', host: 'h.example' });
    const result = await setup.setupFor({ protocol: 'https', host: 'h.example' });
    expect(result.configured).toBe(true);
    // The app shows exactly the lines it wrote: the preview before, the lines in place after.
    expect(result.lines).toEqual(shown.lines);
    expect(result.lines).toEqual([
      'credential.https://h.example.helper=',
      `credential.https://h.example.helper=!${shellQuote(latch)}`,
      'credential.https://h.example.useHttpPath=true',
    ]);
    expect(gitConfig('--get-all', 'credential.https://h.example.helper')).toBe(`store\n\n!${shellQuote(latch)}\n`);
    expect(fill()).toContain('password=from-latch');

    const undone = await setup.undoFor({ protocol: 'https', host: 'h.example' });
    expect(undone.configured).toBe(false);
    expect(globalFile()).toBe(before);
    expect(fill()).toContain('password=from-store');
  });

  it("keeps the person's own reset line when undoing", async () => {
    gitConfig('--add', 'credential.https://h.example.helper', '');
    gitConfig('--add', 'credential.https://h.example.helper', 'store');
    const before = gitConfig('--list');
    const setup = createGitSetup({ env: home.env, helperCommand: COMMAND });
    await setup.setupFor({ protocol: 'https', host: 'h.example' });
    expect(gitConfig('--get-all', 'credential.https://h.example.helper')).toBe(`\nstore\n\n!${COMMAND}\n`);
    await setup.undoFor({ protocol: 'https', host: 'h.example' });
    expect(gitConfig('--list')).toBe(before);
  });

  it('moves its lines to the end when a helper was added after them, without duplicating them', async () => {
    const setup = createGitSetup({ env: home.env, helperCommand: COMMAND });
    await setup.setupFor({ protocol: 'https', host: 'h.example' });
    gitConfig('--add', 'credential.https://h.example.helper', 'store');
    // git still asks Latch first, but would hand Latch's token to store after every success: not set up.
    expect((await setup.statusFor({ protocol: 'https', host: 'h.example' })).configured).toBe(false);
    await setup.setupFor({ protocol: 'https', host: 'h.example' });
    expect(gitConfig('--get-all', 'credential.https://h.example.helper')).toBe(`store\n\n!${COMMAND}\n`);
    expect(gitConfig('--get-all', 'credential.https://h.example.usehttppath')).toBe('true\n');
    // A second pair left by hand (or by an older Latch) is folded into one.
    gitConfig('--add', 'credential.https://h.example.helper', '');
    gitConfig('--add', 'credential.https://h.example.helper', `!${COMMAND}`);
    await setup.setupFor({ protocol: 'https', host: 'h.example' });
    expect(gitConfig('--get-all', 'credential.https://h.example.helper')).toBe(`store\n\n!${COMMAND}\n`);
  });

  it('is not set up when a later reset in the global file empties the list after Latch', async () => {
    const setup = createGitSetup({ env: home.env, helperCommand: COMMAND });
    await setup.setupFor({ protocol: 'https', host: 'h.example' });
    // `[credential] helper =` written after Latch's section: git asks no helper at all.
    gitConfig('--add', 'credential.helper', '');
    expect((await setup.statusFor({ protocol: 'https', host: 'h.example' })).configured).toBe(false);
  });

  it('writes to GIT_CONFIG_GLOBAL when it is set', async () => {
    const file = join(home.dir, 'elsewhere.gitconfig');
    const setup = createGitSetup({ env: { ...home.env, GIT_CONFIG_GLOBAL: file }, helperCommand: COMMAND });
    await setup.setupFor({ protocol: 'https', host: 'h.example' });
    expect(readFileSync(file, 'utf8')).toContain('[credential "https://h.example"]');
  });

  it.each(['h.example/path', 'user@h.example', 'h.example helper=evil', '', 'h.example:port'])('refuses %j as a host', async (host) => {
    const setup = createGitSetup({ env: home.env, helperCommand: COMMAND });
    await expect(setup.setupFor({ protocol: 'https', host })).rejects.toMatchObject({ code: 'validation' });
  });

  it('quotes words so sh reads each back unchanged', () => {
    for (const word of ["it's", '"$HOME"', 'a b', '\\n', '`id`']) {
      expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(word)}`], { encoding: 'utf8' })).toBe(word);
    }
  });
});

describe('the helper command for this installation', () => {
  it('refuses to point git into an AppImage\'s temporary folder, and says what to install instead', async () => {
    const mount = '/tmp/.mount_Latch1a2b';
    const setup = createGitSetup({
      env: { ...home.env, APPIMAGE: '/home/a/Latch.AppImage', APPDIR: mount },
      helperCommand: shellQuote(`${mount}/resources/bin/git-credential-latch`),
    });
    await expect(setup.setupFor({ protocol: 'https', host: 'bitbucket.example.com' })).rejects.toThrow('Install the .deb package');
    expect(() => globalFile()).toThrow();
  });

  it('points git at the packaged app\'s launcher by its absolute path, which runs the app itself as Node', () => {
    const proc = { ...process, platform: 'linux', versions: { ...process.versions, electron: '45.0.0' }, execPath: '/opt/My Latch/latch-app', resourcesPath: '/opt/My Latch/resources', env: {} };
    expect(defaultHelperCommand(proc as unknown as NodeJS.Process, '/anywhere')).toBe("'/opt/My Latch/resources/bin/git-credential-latch'");
  });

  it('on Windows, where git\'s sh cannot start a .cmd, runs the app in Node mode on the bundled helper, with forward slashes', () => {
    const command = packagedHelperCommand('C:\\Program Files\\Latch\\Latch.exe', 'C:\\Program Files\\Latch\\resources', 'win32');
    expect(command).toMatch(/^ELECTRON_RUN_AS_NODE=1 'C:\/Program Files\/Latch\/Latch\.exe' 'C:\/Program Files\/Latch\/resources[\\/]cli[\\/]git-credential-latch\.js'$/);
    // sh reads it back as the environment assignment and two words, spaces kept.
    const words = execFileSync('sh', ['-c', `set -- ${command.slice('ELECTRON_RUN_AS_NODE=1 '.length)}; printf '%s\\n' "$@"`], { encoding: 'utf8' });
    expect(words.trimEnd().split('\n')).toEqual(['C:/Program Files/Latch/Latch.exe', expect.stringMatching(/^C:\/Program Files\/Latch\/resources.cli.git-credential-latch\.js$/)]);
  });

  it('runs the checkout\'s bin script under this Node from a source checkout', () => {
    const command = defaultHelperCommand(process, __dirname);
    expect(command).toBe(nodeHelperCommand(process.execPath, join(__dirname, '..', '..', '..', 'bin', 'git-credential-latch.cjs')));
  });
});

describe('setup-git --all', () => {
  it('makes Latch the helper for every host in [credential], shows the lines, and undo restores the file byte for byte', async () => {
    const before = '[user]\n\tname = Alice\n[credential]\n\tusername = alice\n\thelper = store\n[credential "https://h.example"]\n\tuseHttpPath = true\n';
    writeFileSync(join(home.dir, '.gitconfig'), before);
    const setup = createGitSetup({ env: home.env, helperCommand: COMMAND });
    const done = await setup.setupFor('all');
    expect(done).toEqual({
      host: 'every host',
      configured: true,
      lines: ['credential.helper=', `credential.helper=!${COMMAND}`, 'credential.useHttpPath=true'],
    });
    expect(gitConfig('--get-all', 'credential.helper')).toBe(`store\n\n!${COMMAND}\n`);
    // Idempotent.
    await setup.setupFor('all');
    expect(gitConfig('--get-all', 'credential.helper')).toBe(`store\n\n!${COMMAND}\n`);

    const undone = await setup.undoFor('all');
    expect(undone.configured).toBe(false);
    expect(globalFile()).toBe(before);
  });

  it('leaves no [credential] section behind where there was none', async () => {
    const before = '[user]\n\tname = Alice\n';
    writeFileSync(join(home.dir, '.gitconfig'), before);
    const setup = createGitSetup({ env: home.env, helperCommand: COMMAND });
    await setup.setupFor('all');
    expect(globalFile()).toContain('[credential]');
    await setup.undoFor('all');
    expect(globalFile()).toBe(before);
  });
});
