// How Latch is packaged (electron-builder). `npm run package` builds the app, the CLI bundles and the
// icons, then the installers for the operating system it runs on. See README "Install".
//
// Layout inside the installed app's resources directory:
//   app.asar                       out/main, out/preload, out/renderer, package.json, runtime node_modules
//   app.asar.unpacked/node_modules @napi-rs/keyring and its platform binary: a .node file cannot load from an asar,
//                                  and the CLI (plain Node in Node mode, below) loads the binding from here
//   cli/                           the CLI bundles (scripts/build-cli.mjs), outside the asar so any Node can run them
//   bin/                           the launchers `latch` and `git-credential-latch`: they run cli/*.js with the
//                                  app's own binary in Node mode (ELECTRON_RUN_AS_NODE=1), so no Node.js is needed

/** Launchers for the platform being built: sh scripts on Linux and macOS, .cmd files on Windows. */
const launchers = (names) => ({ from: 'packaging/bin', to: 'bin', filter: names });

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'app.latch.desktop',
  productName: 'Latch',
  copyright: 'MIT licensed',
  directories: { output: 'dist', buildResources: 'packaging' },
  // Only what runs: the built main, preload and renderer. Sources, tests, scripts and the CLI bundles
  // (shipped beside the asar, below) stay out. electron-builder adds the production dependencies;
  // the renderer's libraries are already bundled into out/renderer, so they are left out too.
  files: [
    'package.json',
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    '!node_modules/{react,react-dom,scheduler,zustand}{,/**}',
  ],
  // The keychain binding is N-API with prebuilt binaries: nothing to rebuild for Electron.
  npmRebuild: false,
  asar: true,
  asarUnpack: ['node_modules/@napi-rs/**'],
  extraResources: [{ from: 'out/cli', to: 'cli', filter: ['*.js'] }],
  // Flipped in the binary at build time; each one deliberate (docs/architecture.md, README "Security model").
  electronFuses: {
    // On: the launchers and git's helper run the bundled CLI with this binary in Node mode; without it
    // the CLI would need Node.js installed. Anyone who can set the environment of a process can run Node anyway.
    runAsNode: true,
    // On: Chromium's cookie store is encrypted with the OS keychain; Latch keeps no cookies, but nothing should lie in clear.
    enableCookieEncryption: true,
    // Off: NODE_OPTIONS (and NODE_EXTRA_CA_CERTS) from the environment could inject code into the app.
    enableNodeOptionsEnvironmentVariable: false,
    // Off: --inspect and friends would let any local process attach a debugger and read secrets from memory.
    enableNodeCliInspectArguments: false,
    // On: the app refuses an app.asar whose contents do not match the hash built into the binary (macOS, Windows).
    enableEmbeddedAsarIntegrityValidation: true,
    // On: the app loads only from app.asar, never from a loose app/ folder someone drops beside it.
    onlyLoadAppFromAsar: true,
  },
  linux: {
    // The GUI binary; `latch` in /usr/bin is the command-line tool (packaging/bin/latch).
    executableName: 'latch-app',
    // Electron names its windows (WM_CLASS, Wayland app_id) after package.json's desktopName; the
    // installed latch-app.desktop must carry the same name for the desktop to match window to launcher.
    syncDesktopName: true,
    icon: 'packaging/icons/png',
    category: 'Development',
    synopsis: 'App passwords and access tokens for your git hosts, kept in the OS keychain',
    target: ['AppImage', 'deb'],
    extraResources: [launchers(['latch', 'git-credential-latch'])],
  },
  deb: {
    // The default scripts plus the two command-line tools in /usr/bin.
    afterInstall: 'packaging/linux/after-install.sh',
    afterRemove: 'packaging/linux/after-remove.sh',
  },
  mac: {
    icon: 'packaging/icons/icon.icns',
    category: 'public.app-category.developer-tools',
    target: [{ target: 'dmg', arch: ['universal'] }],
    // Both keychain bindings (arm64 and x64, see README "Install") sit unchanged in both halves of the
    // universal app; @electron/universal refuses identical Mach-O files it is not told about.
    x64ArchFiles: 'Contents/Resources/app.asar.unpacked/node_modules/@napi-rs/keyring-darwin-*/*.node',
    extraResources: [launchers(['latch', 'git-credential-latch'])],
  },
  win: {
    icon: 'packaging/icons/icon.ico',
    target: [{ target: 'nsis', arch: ['x64'] }],
    extraResources: [launchers(['latch.cmd', 'git-credential-latch.cmd'])],
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
  },
};
