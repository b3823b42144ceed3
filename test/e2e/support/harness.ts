// The full stack in real headless Chromium: the built renderer, the real preload bundle, and the real
// main-process IPC registration (electron/main/ipc.ts + the sender check) over the real core, with the
// real OS keychain (private gnome-keyring), the Data Center and Bitbucket Cloud simulators over sockets
// and a temp LATCH_HOME.
// Only Electron's own objects are stand-ins: the window is a Chromium page, ipcMain a handler map,
// contextBridge/ipcRenderer the preload host, the clipboard an in-memory port the test can read.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { Agent, type Dispatcher } from 'undici';
import { registerIpc, type InvokeRegistry } from '../../../electron/main/ipc';
import { createSenderCheck, type FrameLike } from '../../../electron/main/sender';
import { createGitSetup } from '../../../electron/core/git/setup';
import { createCliTools, createCore, createOsKeychain, type Core } from '../../../electron/core/index';
import { HOSTS } from '../../../shared/hosts';
import { BitbucketCloudSimulator } from '../../hosts/bitbucket-cloud';
import { BitbucketDataCenterSimulator } from '../../hosts/bitbucket-datacenter';
import { startGiteaSimulator, type GiteaSimulator } from '../../hosts/gitea';
import { ensureBuilt, PRELOAD_BUNDLE, RENDERER_DIR } from './build';
import { MemoryClipboard } from '../../core/services/memory-clipboard';
import { IPC_BINDING, preloadInitScript } from './preload-host';
import { REACT_HOOK_SCRIPT } from './react-state';
import { serveRenderer, type StaticServer } from './static-server';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export interface HarnessOptions {
  /** How long the core waits before clearing a copied secret from the clipboard. */
  clipboardClearMs?: number;
  colorScheme?: 'light' | 'dark';
  /**
   * Where the clocks start (ms since the epoch), for tests that compare calendar days: the page's clock
   * stands still there and the core's runs on from it, so both agree on "today" even across midnight.
   */
  clockAt?: number;
  /** Where a host's public servers (github.com) are answered instead, for the leak response: a simulator. */
  publicServers?: Parameters<typeof createCore>[0]['publicServers'];
  /** Start a Gitea and a Forgejo simulator, reached as https://gitea.example.com and https://forgejo.example.com. */
  gitea?: boolean;
  /**
   * Reach the Data Center simulator as https://bitbucket.example.com and Bitbucket Cloud's as
   * https://bitbucket.org, as a person would see them (for screenshots): accounts are stored under
   * those names, not loopback addresses.
   */
  realNames?: boolean;
  /**
   * Other servers reached under a real-looking name, as a person would type it (for screenshots): the
   * name (https://gitlab.example.com) → the simulator's loopback address.
   */
  named?: Record<string, string>;
  /** The window's size; 1200×760 unless given (1024×700 checks the smallest window Latch is laid out for). */
  viewport?: { width: number; height: number };
}

/** The Data Center server's name with `realNames`. */
export const DATA_CENTER_NAME = 'https://bitbucket.example.com';

/** A Gitea or Forgejo simulator and the address the page types for it. */
export interface RoutedGitea {
  sim: GiteaSimulator;
  /** What a person types: https://gitea.example.com; the harness's dispatcher sends it to the simulator. */
  baseUrl: string;
}

export interface Harness {
  page: Page;
  context: BrowserContext;
  core: Core;
  sim: BitbucketDataCenterSimulator;
  baseUrl: string;
  /**
   * Bitbucket Cloud on this machine. Its account form has no server field: the page always sends
   * https://bitbucket.org, which this harness routes to the simulator (see routeCloud).
   */
  cloud: { sim: BitbucketCloudSimulator; baseUrl: string };
  /** With `gitea: true`. Their clock is Date.now() plus `giteaClock.offsetMs`: move it on for the next one-time code. */
  gitea: { gitea: RoutedGitea; forgejo: RoutedGitea; clock: { offsetMs: number } } | null;
  /** The base URLs the page sent when adding a Bitbucket Cloud account, before routing. */
  cloudBaseUrlsSent: string[];
  clipboard: MemoryClipboard;
  server: StaticServer;
  /** LATCH_HOME of this run. */
  home: string;
  /** Chromium's profile directory. */
  profileDir: string;
  /** Git's HOME for this run, so "Use with git" never touches the real global configuration. */
  gitHome: string;
  /** Everything the page logged, and every page error. */
  logs: string[];
  /** Pages Latch asked the system browser to open. */
  opened: string[];
  /** What the stand-in for the system's folder chooser answers next (Import's "Choose folders…"). */
  foldersToPick: string[];
  /** IPC calls as (channel, sender trusted) — never their inputs, which may hold passwords. */
  ipcCalls: Array<{ channel: string; trusted: boolean; ms: number }>;
  /** Loads the renderer (again). */
  open(): Promise<void>;
  /** Closes the browser (flushing its profile to disk) but keeps the directories for inspection. */
  closeBrowser(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  await ensureBuilt();
  const home = mkdtempSync(join(tmpdir(), 'latch-e2e-home-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'latch-e2e-profile-'));
  const gitHome = mkdtempSync(join(tmpdir(), 'latch-e2e-git-'));
  const sim = new BitbucketDataCenterSimulator();
  const { baseUrl } = await sim.start();
  const cloudSim = new BitbucketCloudSimulator();
  const { baseUrl: cloudBaseUrl } = await cloudSim.start();
  const cloudBaseUrlsSent: string[] = [];
  // Stands in for name resolution: "bitbucket.org", as the page names it, is the simulator here.
  // Only this test host does it; the app and its core know no such switch.
  const routeCloud = (channel: unknown, input: unknown): unknown => {
    if (channel !== 'accounts:add' || typeof input !== 'object' || input === null) return input;
    const add = input as { host?: unknown; baseUrl?: unknown };
    if (add.host !== 'bitbucket-cloud' || typeof add.baseUrl !== 'string') return input;
    cloudBaseUrlsSent.push(add.baseUrl);
    if (options.realNames) return input;
    return add.baseUrl === HOSTS['bitbucket-cloud'].fixedBaseUrl ? { ...add, baseUrl: cloudBaseUrl } : input;
  };
  // Gitea and Forgejo under real-looking names: a dispatcher that stands in for name resolution and TLS,
  // sending https://gitea.example.com to the simulator's loopback socket. Only this test host does it.
  const giteaClock = { offsetMs: 0 };
  let gitea: Harness['gitea'] = null;
  let agent: Agent | null = null;
  let dispatcher: Dispatcher | undefined;
  const routes = new Map<string, string>();
  if (options.gitea) {
    const now = () => Date.now() + giteaClock.offsetMs;
    const [giteaSim, forgejoSim] = await Promise.all([startGiteaSimulator({ flavor: 'gitea', now }), startGiteaSimulator({ flavor: 'forgejo', now })]);
    gitea = {
      gitea: { sim: giteaSim, baseUrl: 'https://gitea.example.com' },
      forgejo: { sim: forgejoSim, baseUrl: 'https://forgejo.example.com' },
      clock: giteaClock,
    };
    for (const routed of [gitea.gitea, gitea.forgejo]) routes.set(routed.baseUrl, routed.sim.baseUrl);
  }
  if (options.realNames) {
    routes.set(DATA_CENTER_NAME, baseUrl);
    routes.set(HOSTS['bitbucket-cloud'].fixedBaseUrl!, cloudBaseUrl);
    routes.set('https://api.bitbucket.org', cloudBaseUrl);
  }
  for (const [name, address] of Object.entries(options.named ?? {})) routes.set(name, address);
  if (routes.size > 0) {
    agent = new Agent();
    dispatcher = agent.compose((dispatch) => (opts, handler) => {
      const origin = routes.get(String(opts.origin ?? '').replace(/\/$/, ''));
      return dispatch(origin ? { ...opts, origin } : opts, handler);
    });
  }
  const server = await serveRenderer(RENDERER_DIR);
  const clipboard = new MemoryClipboard();
  // Stands in for the system browser: records what Latch asked it to open.
  const opened: string[] = [];
  // Stands in for the system's folder chooser: answers what the test set, as a person picking them would.
  const foldersToPick: string[] = [];

  const gitEnv = { ...process.env, HOME: gitHome, XDG_CONFIG_HOME: join(gitHome, '.config'), GIT_CONFIG_NOSYSTEM: '1' };
  const clockOffset = options.clockAt === undefined ? null : options.clockAt - Date.now();
  const core = createCore({
    home,
    ...(dispatcher ? { dispatcher } : {}),
    ...(clockOffset === null ? {} : { now: () => Date.now() + clockOffset }),
    // A service name of its own, so runs never see each other's entries.
    keychain: createOsKeychain({ service: `Latch e2e ${randomBytes(4).toString('hex')}` }),
    clipboard,
    reveal: { clearAfterMs: options.clipboardClearMs ?? 30_000 },
    git: createGitSetup({ env: gitEnv }),
    // git's files (credential files, .netrc) are looked for in git's HOME of this run, never the real one.
    env: gitEnv,
    opener: { openExternal: async (url) => void opened.push(url) },
    folderPicker: { pickFolders: async () => [...foldersToPick] },
    // As an installed app on Linux: links into the test's own ~/.local/bin to an installed layout's launchers.
    cliTools: createCliTools({ resources: join(gitHome, 'opt', 'Latch', 'resources'), platform: 'linux', home: gitHome, env: { PATH: '/usr/bin:/bin' } }),
    ...(options.publicServers ? { publicServers: options.publicServers } : {}),
  });

  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: options.viewport ?? { width: 1200, height: 760 },
    deviceScaleFactor: 1,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
    locale: 'en-GB',
    timezoneId: 'UTC',
    env: { ...process.env, HOME: profileDir },
  });
  // Only Date stands still; timers run as usual.
  if (options.clockAt !== undefined) await context.clock.setFixedTime(options.clockAt);
  const page = context.pages()[0] ?? (await context.newPage());
  const logs: string[] = [];
  const ipcCalls: Harness['ipcCalls'] = [];
  page.on('console', (message) => logs.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => logs.push(`[pageerror] ${error.message}`));

  // Playwright hands out the same Frame object for a frame's lifetime; give each one stable
  // FrameLike wrapper, as Electron's WebFrameMain is, so the sender check compares identities.
  const frames = new WeakMap<Frame, FrameLike>();
  const frameLike = (frame: Frame): FrameLike => {
    let wrapper = frames.get(frame);
    if (!wrapper) {
      wrapper = {
        get url() {
          return frame.url();
        },
        get parent() {
          const parent = frame.parentFrame();
          return parent ? frameLike(parent) : null;
        },
      };
      frames.set(frame, wrapper);
    }
    return wrapper;
  };

  // ipcMain as a handler map; the REAL registration code fills it.
  type FakeEvent = { senderFrame: FrameLike | null };
  const handlers = new Map<string, (event: FakeEvent, input: unknown) => Promise<unknown>>();
  const ipcMain: InvokeRegistry<FakeEvent> = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const isTrusted = createSenderCheck(() => frameLike(page.mainFrame()), server.rendererUrl);
  registerIpc(ipcMain, core.dispatch, isTrusted);

  await context.exposeBinding(IPC_BINDING, async (source, channel: unknown, input: unknown) => {
    const listener = typeof channel === 'string' ? handlers.get(channel) : undefined;
    // What Electron does for a channel nobody handles.
    if (!listener) throw new Error(`No handler registered for '${String(channel)}'`);
    const event = { senderFrame: frameLike(source.frame) };
    const call = { channel: channel as string, trusted: isTrusted(event), ms: -1 };
    ipcCalls.push(call);
    const started = Date.now();
    const answer = await listener(event, routeCloud(channel, input));
    call.ms = Date.now() - started;
    return answer;
  });
  await context.addInitScript(REACT_HOOK_SCRIPT);
  await context.addInitScript(preloadInitScript(PRELOAD_BUNDLE));

  let browserOpen = true;
  const closeBrowser = async () => {
    if (!browserOpen) return;
    browserOpen = false;
    await context.close();
  };

  return {
    page,
    context,
    core,
    sim,
    baseUrl,
    cloud: { sim: cloudSim, baseUrl: cloudBaseUrl },
    gitea,
    cloudBaseUrlsSent,
    clipboard,
    server,
    home,
    profileDir,
    gitHome,
    logs,
    ipcCalls,
    opened,
    foldersToPick,
    async open() {
      await page.goto(server.rendererUrl);
      await page.locator('.app, main').first().waitFor();
    },
    closeBrowser,
    async close() {
      await closeBrowser();
      await core.dispose();
      await sim.stop();
      await cloudSim.stop();
      await gitea?.gitea.sim.stop();
      await gitea?.forgejo.sim.stop();
      await agent?.close();
      await server.close();
      for (const dir of [home, profileDir, gitHome]) rmSync(dir, { recursive: true, force: true });
    },
  };
}
