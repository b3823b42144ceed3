// The packaged app, built for real by electron-builder from electron-builder.config.cjs in its unpacked
// layout (`--dir`) against a stand-in Electron distribution (the real program cannot be downloaded
// here), into a folder whose path has spaces. Then what an installed Latch relies on: what app.asar
// holds and does not, the keychain binding outside it, the CLI and its launchers, the fuses, and the
// launchers run with Node standing in for the app binary: --version, setup-git, git getting a stored
// token through the helper, and doctor after the install moved.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOsKeychain } from '../../electron/core/vault/keychain';
import { buildCli, REPO } from '../cli/built';
import { gitHome, type GitHome } from '../core/git/git-env';
import { indexText, testAccount, testToken, TEST_HOST } from '../core/vault/fixtures';
import { ensureBuilt } from '../e2e/support/build';
import { filesContaining } from '../e2e/support/canary';
import { makeStandInElectron } from './stand-in-electron';

const require = createRequire(__filename);
const pkg = require('../../package.json') as { version: string; devDependencies: Record<string, string> };
const config = require('../../electron-builder.config.cjs') as { electronFuses: Record<string, boolean>; linux: { executableName: string; syncDesktopName?: boolean } };

const work = mkdtempSync(join(tmpdir(), 'latch-package-'));
// Spaces on purpose: every path git and the launchers see must survive them.
const output = join(work, 'Latch Builds');
let appDir = join(output, 'linux-unpacked');
const resources = () => join(appDir, 'resources');

let asarFiles: string[];
let home: GitHome;
const keychain = createOsKeychain();
const token = testToken('acc-1', `pkg-${process.pid}`);
const SECRET = `BBDC-packaged-canary-${process.pid}-${Date.now()}`;

const sh = (file: string, args: string[], env: NodeJS.ProcessEnv, input?: string) =>
  spawnSync(file, args, { env, input, encoding: 'utf8', timeout: 30_000 });

beforeAll(async () => {
  await ensureBuilt();
  buildCli();
  const dist = makeStandInElectron(join(work, 'electron dist'));
  const { build, Platform } = await import('electron-builder');
  await build({
    projectDir: REPO,
    targets: Platform.LINUX.createTarget('dir'),
    config: { ...require('../../electron-builder.config.cjs'), electronDist: dist, directories: { output, buildResources: 'packaging' } },
  });
  const asar = await import('@electron/asar');
  asarFiles = asar.listPackage(join(resources(), 'app.asar'), { isPack: false }).map((path) => path.replace(/\\/g, '/'));

  home = gitHome({ LATCH_HOME: join(work, 'latch home') });
  mkdirSync(home.env.LATCH_HOME!, { recursive: true });
  await keychain.set(token.keychainKey, SECRET);
  writeFileSync(join(home.env.LATCH_HOME!, 'index.json'), indexText([testAccount()], [token]));
}, 120_000);

afterAll(async () => {
  await keychain.delete(token.keychainKey).catch(() => undefined);
  home?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('the packaged app', () => {
  it('holds the built main, preload and renderer in app.asar', () => {
    for (const file of ['/package.json', '/out/main/index.js', '/out/preload/index.js', '/out/renderer/index.html']) {
      expect(asarFiles).toContain(file);
    }
  });

  it('holds no tests, no sources, no CLI bundle and no development or renderer-only dependency', () => {
    const top = new Set(asarFiles.map((path) => path.split('/')[1]));
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json']);
    const ours = asarFiles.filter((path) => !path.startsWith('/node_modules/'));
    expect(ours.filter((path) => /\.(tsx?|mts|map)$/.test(path))).toEqual([]);
    expect(ours.filter((path) => path.startsWith('/out/cli'))).toEqual([]);
    const modules = new Set(asarFiles.filter((p) => p.startsWith('/node_modules/')).map((p) => p.split('/').slice(2, p.includes('/@') ? 4 : 3).join('/')));
    for (const dev of Object.keys(pkg.devDependencies)) expect(modules.has(dev), dev).toBe(false);
    // Bundled into out/renderer already.
    for (const bundled of ['react', 'react-dom', 'zustand']) expect(modules.has(bundled), bundled).toBe(false);
    // What out/main requires at run time is there.
    for (const needed of ['undici', 'zod', '@napi-rs/keyring']) expect(modules.has(needed), needed).toBe(true);
  });

  it("names its windows after the launcher's desktop entry, so a Linux desktop matches one to the other", async () => {
    const asar = await import('@electron/asar');
    const packaged = JSON.parse(asar.extractFile(join(resources(), 'app.asar'), 'package.json').toString('utf8')) as { desktopName?: string };
    expect(packaged.desktopName).toBe(`${config.linux.executableName}.desktop`);
    expect(config.linux.syncDesktopName).toBe(true);
  });

  it('keeps the keychain binding outside the asar, where a native module can load', () => {
    const unpacked = join(resources(), 'app.asar.unpacked', 'node_modules', '@napi-rs');
    const nodeFiles = readdirSync(unpacked, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.node'));
    expect(nodeFiles.length).toBeGreaterThan(0);
    expect(existsSync(join(unpacked, 'keyring', 'index.js'))).toBe(true);
  });

  it('ships the CLI bundles and an executable launcher for each tool beside them', () => {
    // `latch` starts at its small entry, which loads the full CLI (latch.js) only when it needs it.
    for (const [name, entry] of [
      ['latch', 'latch-fast'],
      ['git-credential-latch', 'git-credential-latch'],
    ] as const) {
      expect(existsSync(join(resources(), 'cli', `${name}.js`))).toBe(true);
      const launcher = join(resources(), 'bin', name);
      accessSync(launcher, constants.X_OK);
      const text = readFileSync(launcher, 'utf8');
      expect(text).toContain('ELECTRON_RUN_AS_NODE=1 exec "$app"');
      expect(text).toContain(`"$resources/cli/${entry}.js"`);
    }
    for (const part of ['latch-fast.js', 'helper-store.js', 'helper-check.js']) expect(existsSync(join(resources(), 'cli', part))).toBe(true);
  });

  it('flips the fuses the config names, in the app binary itself', async () => {
    expect(config.electronFuses).toEqual({
      runAsNode: true,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    const { getCurrentFuseWire, FuseV1Options } = await import('@electron/fuses');
    const wire = await getCurrentFuseWire(join(appDir, 'latch-app'));
    const on = (option: number) => String.fromCharCode(wire[option as keyof typeof wire] as number);
    expect(on(FuseV1Options.RunAsNode)).toBe('1');
    expect(on(FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(on(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
    expect(on(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
  });

  it('links both tools into /usr/bin from the .deb, to the launchers inside the install, and removes only those links', () => {
    // As electron-builder fills its templates in (FpmTarget's writeConfigFile).
    const script = (name: string) =>
      readFileSync(join(REPO, 'packaging', 'linux', name), 'utf8')
        .replace(/\$\{sanitizedProductName\}/g, 'Latch')
        .replace(/\$\{executable\}/g, 'latch-app');
    for (const name of ['after-install.sh', 'after-remove.sh']) expect(spawnSync('bash', ['-n'], { input: script(name) }).status, name).toBe(0);
    expect(script('after-install.sh')).toContain(`for tool in latch git-credential-latch; do\n    ln -sf '/opt/Latch/resources/bin/'"$tool" "/usr/bin/$tool"`);
    expect(script('after-remove.sh')).toContain(`'/opt/Latch/resources/bin/'*) rm -f "/usr/bin/$tool" ;;`);

    // The remove script run for real, with /usr/bin and /opt moved into the test's folder.
    const root = join(work, 'deb root');
    mkdirSync(join(root, 'usr', 'bin'), { recursive: true });
    symlinkSync('/opt/Latch/resources/bin/latch', join(root, 'usr', 'bin', 'latch'));
    writeFileSync(join(root, 'usr', 'bin', 'git-credential-latch'), 'someone else\'s\n');
    const moved = script('after-remove.sh').replace(/\/usr\/bin\//g, `${root}/usr/bin/`).replace(/\/etc\/apparmor\.d\//g, `${root}/apparmor/`);
    expect(spawnSync('bash', ['-s'], { input: moved }).status).toBe(0);
    expect(existsSync(join(root, 'usr', 'bin', 'latch')) || readdirSync(join(root, 'usr', 'bin')).includes('latch')).toBe(false);
    expect(readFileSync(join(root, 'usr', 'bin', 'git-credential-latch'), 'utf8')).toBe('someone else\'s\n');
  });
});

describe('the launchers, with Node standing in for the app binary in Node mode', () => {
  it('prints the app\'s version, also when started through a link on PATH', () => {
    const bin = join(work, 'local bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(join(resources(), 'bin', 'latch'), join(bin, 'latch'));
    const result = sh('latch', ['--version'], { ...home.env, PATH: `${bin}:${process.env.PATH}` });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`latch ${pkg.version}\n`);
    expect(result.status).toBe(0);
  });

  it('points git at the launcher by its absolute path, quoted, and git gets the stored token through it', () => {
    const setup = sh(join(resources(), 'bin', 'latch'), ['setup-git', '--host', TEST_HOST], home.env);
    expect(setup.stderr).toBe('');
    expect(setup.status).toBe(0);
    const helper = execFileSync('git', ['config', '--global', '--get-all', `credential.https://${TEST_HOST}.helper`], { env: home.env, encoding: 'utf8' });
    expect(helper.split('\n')).toContain(`!'${join(resources(), 'bin', 'git-credential-latch')}'`);

    const fill = sh('git', ['credential', 'fill'], home.env, `protocol=https\nhost=${TEST_HOST}\n\n`);
    expect(fill.stderr).toBe('');
    expect(fill.stdout).toBe(`protocol=https\nhost=${TEST_HOST}\nusername=alice\npassword=${SECRET}\n`);
    // Handed to git, and to nothing on disk: not the install, not Latch's index, not git's files.
    expect(filesContaining(work, SECRET)).toEqual([]);
    expect(filesContaining(home.dir, SECRET)).toEqual([]);
  });

  it('hands the programs latch exec starts the secret, but not Node mode', () => {
    const result = sh(join(resources(), 'bin', 'latch'), ['exec', '--account', 'alice', '--env', 'TOKEN', '--', 'sh', '-c', 'echo "${ELECTRON_RUN_AS_NODE:-unset} ${#TOKEN}"'], home.env);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`unset ${SECRET.length}\n`);
  });

  it('has doctor name an install that moved and say how to point git at this one', () => {
    const before = join(resources(), 'bin', 'git-credential-latch');
    const moved = join(output, 'moved Latch');
    renameSync(appDir, moved);
    appDir = moved;
    const result = sh(join(resources(), 'bin', 'latch'), ['doctor', '--json'], home.env);
    const findings = JSON.parse(result.stdout) as Array<{ check: string; status: string; message: string; fix: string }>;
    const finding = findings.find((f) => f.check === 'helper-command');
    expect(finding).toMatchObject({ status: 'problem' });
    expect(finding!.message).toContain(`points at ${before}, which is no longer there`);
    expect(finding!.fix).toContain(`latch setup-git --host https://${TEST_HOST}`);
    expect(finding!.fix).toContain(`'${join(resources(), 'bin', 'git-credential-latch')}'`);
    expect(result.status).toBe(1);
    // The secret never shows up in what doctor prints.
    expect(result.stdout + result.stderr).not.toContain(SECRET);

    // And the fix it names works: setup-git from the moved install, then git gets the token again.
    expect(sh(join(resources(), 'bin', 'latch'), ['setup-git', '--host', TEST_HOST], home.env).status).toBe(0);
    const fill = sh('git', ['credential', 'fill'], home.env, `protocol=https\nhost=${TEST_HOST}\n\n`);
    expect(fill.stdout).toContain(`password=${SECRET}\n`);
  });
});
