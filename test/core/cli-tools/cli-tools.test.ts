// "Install command line tools" on Linux, for real: links in ~/.local/bin of a temporary HOME to the
// launchers of an installed layout (resources/bin, resources/cli, the app binary beside resources,
// here Node in Node mode), then `latch` found on PATH, then removed again.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCliTools } from '../../../electron/core/cli-tools';
import { shellQuote } from '../../../electron/core/git/helper-command';
import { version } from '../../../package.json';
import { buildCli, REPO } from '../../cli/built';

let dir: string;
let home: string;
let resources: string;

/** An installed app's layout (electron-builder.config.cjs): the launchers and bundles from the repository, Node as the app binary. */
function installedLayout(root: string): string {
  const res = join(root, 'resources');
  mkdirSync(join(res, 'bin'), { recursive: true });
  mkdirSync(join(res, 'cli'), { recursive: true });
  for (const name of ['latch', 'git-credential-latch']) copyFileSync(join(REPO, 'packaging', 'bin', name), join(res, 'bin', name));
  for (const name of readdirSync(join(REPO, 'out', 'cli'))) copyFileSync(join(REPO, 'out', 'cli', name), join(res, 'cli', name));
  // The keychain binding where electron-builder unpacks it.
  mkdirSync(join(res, 'app.asar.unpacked', 'node_modules'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules', '@napi-rs'), join(res, 'app.asar.unpacked', 'node_modules', '@napi-rs'));
  writeFileSync(join(root, 'latch-app'), `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || exit 3\nexec ${shellQuote(process.execPath)} "$@"\n`);
  chmodSync(join(root, 'latch-app'), 0o755);
  return res;
}

beforeAll(() => buildCli());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'latch-cli-tools-'));
  home = join(dir, 'home');
  mkdirSync(home);
  resources = installedLayout(join(dir, 'opt', 'My Latch'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const bin = () => join(home, '.local', 'bin');
const tools = (env: NodeJS.ProcessEnv = { PATH: '/usr/bin:/bin' }, res: string | null = resources) =>
  createCliTools({ resources: res, platform: 'linux', env, home, packageBin: join(dir, 'no package') });

describe('command line tools on Linux', () => {
  it('links both tools into ~/.local/bin, and latch then runs from PATH and prints the version', async () => {
    const status = await tools({ PATH: `${bin()}:/usr/bin:/bin` }).install();
    expect(status).toEqual({ available: true, installed: true, location: bin(), note: null });
    for (const name of ['latch', 'git-credential-latch']) {
      expect(lstatSync(join(bin(), name)).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(bin(), name))).toBe(join(resources, 'bin', name));
    }
    const result = spawnSync('latch', ['--version'], { env: { PATH: `${bin()}:/usr/bin:/bin`, HOME: home }, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`latch ${version}\n`);
    expect(result.status).toBe(0);
  });

  it('says how to put ~/.local/bin on PATH when it is not there', async () => {
    const status = await tools({ PATH: '/usr/bin:/bin' }).install();
    expect(status.installed).toBe(true);
    expect(status.note).toContain('export PATH="$HOME/.local/bin:$PATH"');
  });

  it('removes its links, and only its links', async () => {
    const service = tools();
    await service.install();
    const status = await service.remove();
    expect(status.installed).toBe(false);
    expect(existsSync(join(bin(), 'latch'))).toBe(false);
    expect(existsSync(join(bin(), 'git-credential-latch'))).toBe(false);
    // Removing again is harmless.
    expect((await service.remove()).installed).toBe(false);
  });

  it('leaves a file of the same name that is not Latch\'s alone, and says so', async () => {
    mkdirSync(bin(), { recursive: true });
    writeFileSync(join(bin(), 'latch'), '#!/bin/sh\necho mine\n');
    await expect(tools().install()).rejects.toThrow(`${join(bin(), 'latch')} already exists and is not Latch's`);
    expect(existsSync(join(bin(), 'git-credential-latch'))).toBe(false);
    await tools().remove();
    expect(existsSync(join(bin(), 'latch'))).toBe(true);
  });

  it('replaces links to an old or moved install with links to this one', async () => {
    mkdirSync(bin(), { recursive: true });
    symlinkSync('/opt/Old Latch/resources/bin/latch', join(bin(), 'latch'));
    expect((await tools().status()).installed).toBe(false);
    expect((await tools().install()).installed).toBe(true);
    expect(readlinkSync(join(bin(), 'latch'))).toBe(join(resources, 'bin', 'latch'));
  });

  it('is not offered when the .deb already linked both tools into /usr/bin', async () => {
    const packageBin = join(dir, 'usr bin');
    mkdirSync(packageBin);
    for (const name of ['latch', 'git-credential-latch']) symlinkSync(join(resources, 'bin', name), join(packageBin, name));
    const service = createCliTools({ resources, platform: 'linux', env: { PATH: '/usr/bin' }, home, packageBin });
    expect(await service.status()).toEqual({
      available: false,
      installed: true,
      location: packageBin,
      note: `The Latch package put latch and git-credential-latch in ${packageBin}; uninstalling it removes them.`,
    });
    await service.install();
    expect(existsSync(bin())).toBe(false);
  });

  it('is not offered from a source checkout or an AppImage, with the reason', async () => {
    const checkout = await tools(undefined, null).status();
    expect(checkout).toMatchObject({ available: false, installed: false });
    expect(checkout.note).toContain('npm link');
    await expect(tools(undefined, null).install()).rejects.toThrow('installed Latch');
    const appImage = await tools({ PATH: '/usr/bin', APPIMAGE: '/home/a/Latch.AppImage' }).status();
    expect(appImage).toMatchObject({ available: false });
    expect(appImage.note).toContain('.deb');
    expect(existsSync(bin())).toBe(false);
  });
});

describe('command line tools on macOS and Windows', () => {
  it('asks macOS for an administrator\'s authorisation, once, when /usr/local/bin is not writable', async () => {
    const location = join(dir, 'usr local bin');
    const calls: string[][] = [];
    let cancel = false;
    const service = createCliTools({
      resources,
      platform: 'darwin',
      env: {},
      home,
      location,
      isWritable: () => false,
      // The system's prompt, granted: the script it would run as administrator, run here by sh.
      run: async (file, args) => {
        calls.push([file, ...args]);
        if (cancel) throw new Error('execution error: User canceled. (-128)');
        return execFileSync('sh', ['-c', args[args.length - 1]!], { encoding: 'utf8' });
      },
    });
    expect((await service.install()).installed).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.slice(0, 7)).toEqual(['osascript', '-e', 'on run argv', '-e', 'do shell script (item 1 of argv) with administrator privileges', '-e', 'end run']);
    expect(readlinkSync(join(location, 'git-credential-latch'))).toBe(join(resources, 'bin', 'git-credential-latch'));

    cancel = true;
    await expect(service.remove()).rejects.toThrow('Nothing was changed: the administrator prompt was cancelled.');
    expect(existsSync(join(location, 'latch'))).toBe(true);
    cancel = false;
    expect((await service.remove()).installed).toBe(false);
    expect(calls).toHaveLength(3);
  });

  it('puts the app\'s bin folder on the user PATH on Windows, through PowerShell with the folder outside the script', async () => {
    const calls: Array<{ file: string; args: readonly string[]; dir: string | undefined }> = [];
    let onPath = false;
    const service = createCliTools({
      resources: 'C:\\Users\\a\\AppData\\Local\\Programs\\Latch\\resources',
      platform: 'win32',
      env: {},
      home,
      run: async (file, args, env) => {
        calls.push({ file, args, dir: env?.LATCH_BIN_DIR });
        const script = args[args.length - 1]!;
        if (script.includes('SetEnvironmentVariable') && !script.includes('-ine')) onPath = true;
        if (script.includes('-ine $dir')) onPath = false;
        return script.includes("'yes'") ? (onPath ? 'yes\n' : 'no\n') : '';
      },
    });
    expect((await service.install()).installed).toBe(true);
    expect(calls[0]!.file).toBe('powershell.exe');
    expect(calls[0]!.dir).toMatch(/resources.bin$/);
    expect(calls.every((call) => !call.args.join(' ').includes('AppData'))).toBe(true);
    expect((await service.remove()).installed).toBe(false);
  });
});
