// `npm run bench`: how long git waits for `git-credential-latch get`, as a whole process, next to the
// floor for any Node helper (`node -e 0`), git's own `git credential-store`, and git's libsecret helper
// built from the source Debian ships, all answering for a stored token on the same keyring; and how
// long a script waits for `latch token get` (before every curl) and for `latch exec` to start its command.
// Run it inside scripts/with-keyring.sh (npm run bench does), so it uses a private, unlocked keyring.
import { Buffer } from 'node:buffer';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARMUP = 3;
const HOST = 'bitbucket.example.com';
const TOKEN_ID = '012345678901';
// Shaped like a real Data Center secret: BBDC- + base64("<token id>:<random bytes>").
const SECRET = `BBDC-${Buffer.concat([Buffer.from(`${TOKEN_ID}:`), Buffer.from('bench-only-random-bytes!')]).toString('base64')}`;
const REQUEST = `protocol=https\nhost=${HOST}\n\n`;

const work = mkdtempSync(join(tmpdir(), 'latch-bench-'));
const latchHome = join(work, 'latch');
const env = { ...process.env, LATCH_HOME: latchHome };

function cleanup() {
  // Leave nothing behind in the keyring, even a private one.
  const erase = `protocol=https\nhost=${HOST}\nusername=alice\npassword=${SECRET}\n\n`;
  if (existsSync(join(work, 'libsecret', 'git-credential-libsecret'))) {
    spawnSync(join(work, 'libsecret', 'git-credential-libsecret'), ['erase'], { input: erase });
  }
  spawnSync(process.execPath, ['-e', `new (require('@napi-rs/keyring').Entry)('Latch', 'token:bench-account:${TOKEN_ID}', { linux: { store: 'secret-service' } }).deleteCredential()`], { cwd: ROOT });
  rmSync(work, { recursive: true, force: true });
}

try {
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error('No D-Bus session: run this through npm run bench (scripts/with-keyring.sh).');
  }
  console.log('Building the CLI bundles…');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const helperBundle = join(ROOT, 'out', 'cli', 'git-credential-latch.js');

  // Latch: an account and its stored token in the index, the secret in the keychain where the app keeps
  // it. (The helper's own "keep credentials git hands me" would now ask the host first, and there is none.)
  mkdirSync(latchHome, { recursive: true });
  const keychainKey = `token:bench-account:${TOKEN_ID}`;
  const index = () => ({
    version: 1,
    accounts: [
      {
        id: 'bench-account',
        host: 'bitbucket-datacenter',
        baseUrl: `https://${HOST}`,
        username: 'alice',
        userSlug: 'alice',
        displayName: 'Alice',
        rememberPassword: false,
        isDefault: true,
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    ],
    storedTokens: [
      {
        accountId: 'bench-account',
        tokenId: TOKEN_ID,
        name: 'bench',
        owner: { kind: 'user' },
        scopes: [],
        gitUsername: 'alice',
        createdAt: null,
        expiresAt: '2028-01-01T00:00:00.000Z',
        lastUsedAt: null,
        rejectedAt: null,
        keychainKey,
      },
    ],
    settings: { keepCredentialsFromGit: false, unlockMinutes: 10 },
  });
  writeFileSync(join(latchHome, 'index.json'), JSON.stringify(index()));
  const kept = spawnSync(
    process.execPath,
    ['-e', `new (require('@napi-rs/keyring').Entry)('Latch', ${JSON.stringify(keychainKey)}, { linux: { store: 'secret-service' } }).setPassword(${JSON.stringify(SECRET)})`],
    { cwd: ROOT },
  );
  if (kept.status !== 0) throw new Error(`the keychain did not take the bench secret: ${kept.stderr}`);

  // git credential-store: the same credential in its plain file.
  const storeFile = join(work, 'git-credentials');
  writeFileSync(storeFile, `https://alice:${encodeURIComponent(SECRET)}@${HOST}\n`, { mode: 0o600 });

  // git's libsecret helper, built from the source Debian ships, holding the same credential.
  const source = '/usr/share/doc/git/contrib/credential/libsecret';
  let libsecret = null;
  if (existsSync(join(source, 'git-credential-libsecret.c'))) {
    const dir = join(work, 'libsecret');
    mkdirSync(dir);
    for (const file of ['Makefile', 'git-credential-libsecret.c']) copyFileSync(join(source, file), join(dir, file));
    const made = spawnSync('make', ['-s'], { cwd: dir, encoding: 'utf8' });
    if (made.status === 0) {
      libsecret = join(dir, 'git-credential-libsecret');
      spawnSync(libsecret, ['store'], { input: `protocol=https\nhost=${HOST}\nusername=alice\npassword=${SECRET}\n\n` });
    } else console.log(`(git's libsecret helper did not build — is libsecret-1-dev installed? ${made.stderr.trim().split('\n')[0] ?? ''})`);
  } else console.log(`(no ${source}: git's libsecret helper is left out)`);

  const answersGit = (stdout) => stdout.includes(`password=${SECRET}`);
  const latchBin = join(ROOT, 'bin', 'latch.cjs');
  const contenders = [
    { name: 'node -e 0', command: process.execPath, args: ['-e', '0'], answers: null },
    { name: 'git-credential-latch get', command: process.execPath, args: [join(ROOT, 'bin', 'git-credential-latch.cjs'), 'get'], answers: answersGit },
    { name: 'git credential-store get', command: 'git', args: ['credential-store', `--file=${storeFile}`, 'get'], answers: answersGit },
    ...(libsecret ? [{ name: 'git-credential-libsecret get', command: libsecret, args: ['get'], answers: answersGit }] : []),
    { name: 'latch token get', command: process.execPath, args: [latchBin, 'token', 'get', '--host', HOST], answers: (stdout) => stdout === `${SECRET}\n` },
    // The same command through the full CLI bundle, as it started before it had a bundle of its own.
    {
      name: 'latch token get (full CLI)',
      command: process.execPath,
      args: [join(ROOT, 'out', 'cli', 'latch.js'), 'token', 'get', '--host', HOST],
      answers: (stdout) => stdout === `${SECRET}\n`,
    },
    // The command is `true`, which takes a millisecond: what is left is latch's own start.
    { name: 'latch exec -- true', command: process.execPath, args: [latchBin, 'exec', '--account', 'alice', '--env', 'TOKEN', '--', 'true'], answers: null },
  ];

  // Each must really answer, or its time means nothing; exec must really hand its command the token.
  for (const c of contenders.filter((c) => c.answers)) {
    const out = spawnSync(c.command, c.args, { input: REQUEST, env, encoding: 'utf8' });
    if (!c.answers(out.stdout)) throw new Error(`${c.name} did not answer with the stored token (${out.stderr.trim()})`);
  }
  const handed = spawnSync(process.execPath, [latchBin, 'exec', '--account', 'alice', '--env', 'TOKEN', '--', process.execPath, '-e', `process.exit(process.env.TOKEN === ${JSON.stringify(SECRET)} ? 0 : 3)`], { env });
  if (handed.status !== 0) throw new Error(`latch exec did not hand its command the stored token (${String(handed.stderr).trim()})`);

  const times = new Map(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < WARMUP + RUNS; round += 1) {
    // Round-robin, so drift in machine load falls on every contender alike.
    for (const c of contenders) {
      const start = process.hrtime.bigint();
      const out = spawnSync(c.command, c.args, { input: REQUEST, env });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (out.status !== 0) throw new Error(`${c.name} exited with ${out.status}`);
      if (round >= WARMUP) times.get(c.name).push(ms);
    }
  }

  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
  const floor = median(times.get('node -e 0'));
  const rows = contenders.map((c) => {
    const values = times.get(c.name);
    const m = median(values);
    return [c.name, m.toFixed(1), quantile(values, 0.1).toFixed(1), quantile(values, 0.9).toFixed(1), `${(m / floor).toFixed(2)}×`];
  });
  const header = ['command', 'median ms', 'p10 ms', 'p90 ms', 'vs node -e 0'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(`\n${RUNS} runs each after ${WARMUP} warm-up rounds, interleaved; Node ${process.version}, ${execFileSync('git', ['--version'], { encoding: 'utf8' }).trim()}.`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  const latchRatio = median(times.get('git-credential-latch get')) / floor;
  console.log(`\nhelper bundle: ${(statSync(helperBundle).size / 1024).toFixed(1)} KiB (out/cli/git-credential-latch.js); goal ≤ 1.25× node -e 0: ${latchRatio <= 1.25 ? 'met' : 'not met'} (${latchRatio.toFixed(2)}×).`);
  const fastBundle = join(ROOT, 'out', 'cli', 'latch-fast.js');
  for (const name of ['latch token get', 'latch exec -- true']) {
    const ratio = median(times.get(name)) / floor;
    console.log(`${name}: goal ≤ 1.3× node -e 0: ${ratio <= 1.3 ? 'met' : 'not met'} (${ratio.toFixed(2)}×).`);
  }
  console.log(`start-up bundle for both: ${(statSync(fastBundle).size / 1024).toFixed(1)} KiB (out/cli/latch-fast.js).`);
} finally {
  cleanup();
}
