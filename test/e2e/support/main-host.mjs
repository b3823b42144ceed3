// Loads the BUILT Electron main bundle under plain Node with small stand-ins for Electron's objects
// (app, BrowserWindow, session, protocol, ipcMain, clipboard), drives it the way Electron would (ready, a window's
// events, IPC calls, a second instance, quit) and prints what main did as one JSON object.
// Usage: node main-host.mjs out/main/index.js
/* global process, setTimeout, URL, Request */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const Module = require('node:module');
const [mainBundle] = process.argv.slice(2);

function events() {
  const map = new Map();
  return {
    on(name, listener) {
      map.set(name, [...(map.get(name) ?? []), listener]);
      return this;
    },
    once(name, listener) {
      return this.on(name, listener);
    },
    emit(name, ...args) {
      for (const listener of map.get(name) ?? []) listener(...args);
    },
  };
}

const report = { windows: [], focused: 0, quits: 0, schemes: [], handled: [] };
// Becomes true just before main's own whenReady() callbacks run, as 'ready' does in Electron.
let ready = false;
let clipboardText = '';
const app = {
  ...events(),
  isPackaged: false,
  setName: (name) => (report.name = name),
  setPath: (key, value) => (report.paths = { ...report.paths, [key]: value }),
  getPath: (key) => (key === 'appData' ? '/home/someone/.config' : `/stand-in/${key}`),
  // LATCH_STAND_IN_RUNNING=1: another Latch already holds the lock, as on a second launch.
  requestSingleInstanceLock: () => process.env.LATCH_STAND_IN_RUNNING !== '1',
  enableSandbox: () => (report.sandboxEverywhere = true),
  whenReady: () => Promise.resolve().then(() => void (ready = true)),
  quit: () => (report.quits += 1),
};

const windows = [];
class BrowserWindow {
  constructor(options) {
    Object.assign(this, events());
    report.windows.push(options);
    const contents = events();
    contents.mainFrame = { url: 'about:blank', parent: null };
    contents.setWindowOpenHandler = (handler) => (contents.openHandler = handler);
    this.webContents = contents;
    windows.push(this);
    app.emit('web-contents-created', {}, contents);
  }
  loadFile(path) {
    report.loaded = path;
    this.webContents.mainFrame.url = pathToFileURL(path).href;
    return Promise.resolve();
  }
  loadURL(url) {
    report.loaded = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  isDestroyed = () => false;
  isMinimized = () => false;
  restore() {}
  focus = () => (report.focused += 1);
  show() {}
}

const session = { webRequest: {} };
session.setPermissionRequestHandler = (handler) => (session.permissionRequest = handler);
session.setPermissionCheckHandler = (handler) => (session.permissionCheck = handler);
session.setDevicePermissionHandler = (handler) => (session.devicePermission = handler);
session.webRequest.onBeforeRequest = (handler) => (session.beforeRequest = handler);
session.webRequest.onHeadersReceived = (handler) => (session.headersReceived = handler);

const protocolHandlers = new Map();
const protocol = {
  registerSchemesAsPrivileged: (schemes) => report.schemes.push(...schemes.map((scheme) => ({ ...scheme, beforeReady: !ready }))),
  handle: (scheme, handler) => {
    report.handled.push({ scheme, afterReady: ready });
    protocolHandlers.set(scheme, handler);
  },
};

// The tray and notifications as main leaves them: tooltip, title, menu lines, and what was shown.
report.notifications = [];
class Tray {
  constructor(image) {
    Object.assign(this, events());
    report.tray = { image: image.dataUrl, template: image.template, destroyed: false };
    trays.push(this);
  }
  setToolTip = (text) => (report.tray.tooltip = text);
  setTitle = (text) => (report.tray.title = text);
  setContextMenu = (menu) => {
    this.menu = menu;
    report.tray.menu = menu.template.map((item) => (item.type === 'separator' ? '---' : item.label));
  };
  destroy = () => (report.tray.destroyed = true);
}
const trays = [];
class Notification {
  static isSupported = () => true;
  constructor(options) {
    Object.assign(this, events());
    this.options = options;
  }
  show() {
    report.notifications.push(this.options);
    shownNotifications.push(this);
  }
}
const shownNotifications = [];
const nativeImage = {
  createFromDataURL: (dataUrl) => {
    const image = { dataUrl, template: false };
    image.setTemplateImage = (on) => (image.template = on);
    return image;
  },
};

const handlers = new Map();
const electron = {
  Tray,
  Notification,
  nativeImage,
  app,
  BrowserWindow,
  session: { defaultSession: session },
  protocol,
  ipcMain: { handle: (channel, listener) => handlers.set(channel, listener), removeHandler: (channel) => handlers.delete(channel) },
  clipboard: {
    readText: async () => clipboardText,
    writeText: async (text) => void (clipboardText = text),
    write: async (items) => void (clipboardText = items[0]?.items['text/plain'] ?? ''),
    clear: () => void (clipboardText = ''),
    selection: { readText: async () => '', clear: () => undefined },
  },
  ClipboardItem: class ClipboardItem {
    constructor(items) {
      this.items = items;
    }
  },
  nativeTheme: { shouldUseDarkColors: false },
  shell: { openExternal: async (url) => void (report.opened = [...(report.opened ?? []), url]) },
  Menu: {
    buildFromTemplate: (template) => ({ template }),
    setApplicationMenu: (menu) => (report.menu = menu),
  },
};

const originalLoad = Module._load;
Module._load = function load(request, ...rest) {
  return request === 'electron' ? electron : originalLoad.call(this, request, ...rest);
};
require(mainBundle);
await new Promise((resolve) => setTimeout(resolve, 50));
if (process.env.LATCH_STAND_IN_RUNNING === '1') {
  process.stdout.write(JSON.stringify({ windows: report.windows.length, quits: report.quits, channels: [...handlers.keys()] }));
  process.exit(0);
}
// The first reminder check reads the index under its lock: wait for the tray's menu (at most 5 s).
for (let waited = 0; !report.tray?.menu && waited < 5000; waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));

const window = windows[0];
const contents = window.webContents;
const rendererUrl = contents.mainFrame.url;
const navigation = (name, url) => {
  let prevented = false;
  contents.emit(name, { preventDefault: () => (prevented = true) }, url);
  return prevented;
};
const answer = (handler, ...args) => new Promise((resolve) => handler(...args, resolve));

report.rendererUrl = rendererUrl;
report.navigation = {
  away: navigation('will-navigate', 'https://example.com/'),
  reload: navigation('will-navigate', rendererUrl),
  redirect: navigation('will-redirect', 'https://example.com/'),
  webview: navigation('will-attach-webview', undefined),
  windowOpen: contents.openHandler({ url: 'https://example.com/' }),
};
report.permissions = {
  request: await new Promise((resolve) => session.permissionRequest(contents, 'media', resolve, {})),
  check: session.permissionCheck(contents, 'clipboard-read', 'file://', {}),
  device: session.devicePermission({ deviceType: 'hid', origin: 'file://', device: {} }),
};
report.requests = {
  remote: (await answer(session.beforeRequest, { url: 'https://cdn.example.com/x.js' })).cancel,
  ownAsset: (await answer(session.beforeRequest, { url: new URL('assets/index.js', rendererUrl).href })).cancel,
  file: (await answer(session.beforeRequest, { url: 'file:///etc/passwd' })).cancel,
};
report.headers = (await answer(session.headersReceived, { responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Kept': ['yes'] } })).responseHeaders;
report.channels = [...handlers.keys()];
// What the window's own scheme answers, read from the built renderer next to the bundle.
const serve = async (url) => {
  const response = await protocolHandlers.get('latch')(new Request(url));
  const body = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), csp: response.headers.get('content-security-policy'), body };
};
const page = await serve(rendererUrl);
const script = /src="([^"]+\.js)"/.exec(page.body)?.[1];
report.served = {
  page: { ...page, body: undefined, isTheRenderer: page.body.includes('<div id="root">') },
  script: script ? { ...(await serve(new URL(script, rendererUrl).href)), body: undefined } : null,
  outside: { ...(await serve('latch://app/assets/..%2f..%2fmain%2findex.js')), body: undefined },
  otherHost: { ...(await serve('latch://evil/index.html')), body: undefined },
};
report.ipc = {
  trusted: await handlers.get('accounts:list')({ senderFrame: contents.mainFrame }, {}),
  iframe: await handlers.get('accounts:list')({ senderFrame: { url: rendererUrl, parent: contents.mainFrame } }, {}),
  noFrame: await handlers.get('accounts:list')({ senderFrame: null }, {}),
  badInput: await handlers.get('tokens:list')({ senderFrame: contents.mainFrame }, { accountId: 7 }),
  openCloud: await handlers.get('hosts:openManagePage')({ senderFrame: contents.mainFrame }, { host: 'bitbucket-cloud', baseUrl: null }),
  openPlainHttp: await handlers.get('hosts:openManagePage')({ senderFrame: contents.mainFrame }, { host: 'gitea', baseUrl: 'http://git.example.com' }),
  openBoth: await handlers.get('hosts:openManagePage')({ senderFrame: contents.mainFrame }, { accountId: 'a', host: 'gitea', baseUrl: null }),
  cliTools: await handlers.get('cliTools:status')({ senderFrame: contents.mainFrame }, {}),
};
app.emit('second-instance');
// The tray's "Open Latch" and a click on a notification bring the window forward, as a second start does.
const focusedBefore = report.focused;
trays[0]?.menu?.template.find((item) => item.label === 'Open Latch')?.click();
shownNotifications[0]?.emit('click');
report.trayOpens = report.focused - focusedBefore;
report.focused = focusedBefore;
let quitPrevented = false;
app.emit('before-quit', { preventDefault: () => (quitPrevented = true) });
await new Promise((resolve) => setTimeout(resolve, 200));
report.quit = { prevented: quitPrevented, quitsAfterCleanup: report.quits };
process.stdout.write(JSON.stringify(report));
process.exit(0);
