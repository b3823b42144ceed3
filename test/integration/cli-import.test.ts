// `latch import` as a person runs it: the built CLI in a temporary HOME with real git repositories,
// the real keychain, the Data Center simulator behind its git origin (for --check and a real fetch)
// and a plain git server for a host Latch has no account for.
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bitbucketDataCenterTokenId } from '../../shared/hosts/bitbucket-datacenter';
import { IMPORT_JSON_FIELDS } from '../../shared/imports';
import { buildCli } from '../cli/built';
import { latch, runProcess } from '../cli/run';
import { filesContaining } from '../e2e/support/canary';
import { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';
import { basicCredentials, startGitOrigin, startSmartHttpServer, type SmartHttpServer } from '../hosts/smart-http-server';
import { gitHome, seedBareRepo, type GitHome } from '../core/git/git-env';

const ALICE = 'alice password 1';
/** The password of a host Latch has no account for: a unique string the canary looks for. */
const PLAIN = `canary-plain-${process.pid}-${Date.now()}`;

let sim: BitbucketDataCenterSimulator;
let dc: SmartHttpServer;
let plain: SmartHttpServer;
let root: string;
let home: GitHome;
let token: string;

beforeAll(async () => {
  buildCli();
  root = mkdtempSync(join(tmpdir(), 'latch-import-root-'));
  seedBareRepo(root, 'prj', 'app.git');
  seedBareRepo(root, 'repos', 'tool.git');
  sim = new BitbucketDataCenterSimulator();
  const { baseUrl } = await sim.start();
  sim.addUser({ username: 'alice', password: ALICE });
  sim.addRepo('PRJ', 'app');
  dc = await startSmartHttpServer(sim, baseUrl, root);
  plain = await startGitOrigin({
    projectRoot: root,
    upstream: baseUrl,
    realm: 'Plain',
    gitPath: (pathname) => (pathname.startsWith('/repos/') ? pathname : null),
    authenticate(header) {
      const basic = basicCredentials(header);
      return basic?.username === 'bob' && basic.password === PLAIN
        ? { ok: true, user: 'bob', tokenId: null, sentUsername: 'bob' }
        : { ok: false, status: 401, sentUsername: basic?.username ?? null };
    },
  });
});

afterAll(async () => {
  await plain.stop();
  await dc.stop();
  await sim.stop();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(async () => {
  home = gitHome();
  home.env.LATCH_HOME = join(home.dir, 'latch-data');
  const made = await fetch(`${dc.baseUrl}/rest/access-tokens/latest/users/alice`, {
    method: 'PUT',
    headers: { authorization: `Basic ${Buffer.from(`alice:${ALICE}`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'laptop', permissions: ['PROJECT_READ', 'REPO_WRITE'] }),
  });
  token = ((await made.json()) as { token: string }).token;
  sim.requests.length = 0;
  dc.requests.length = 0;
  plain.requests.length = 0;
});
afterEach(() => home.cleanup());

const run = (args: string[]) => latch(args, { env: home.env });
const git = (args: string[], cwd = home.dir) => runProcess('git', args, { env: home.env, cwd });
const credentialsFile = () => join(home.dir, '.git-credentials');
const APP_PASSWORD = `ATBB${'x'.repeat(28)}`;

/** ~/.git-credentials with mixed content: CRLF, percent-encoding, two entries for one host, no final newline. */
function writeCredentials(): string {
  const text =
    `https://carol%40corp:p%3Ass%40word@git.example.com\r\n` +
    `http://alice:${encodeURIComponent(token)}@${dc.host}\n` +
    `https://dan:ATBB-dead@bitbucket.org\n`.replace('ATBB-dead', APP_PASSWORD) +
    `https://erin:second@git.example.com`;
  writeFileSync(credentialsFile(), text, { mode: 0o600 });
  return text;
}

/** A repository whose origin carries bob's password in its URL. */
async function repoWithPassword(): Promise<string> {
  const repo = join(home.dir, 'tool');
  expect((await git(['init', '-q', '--initial-branch=main', repo])).code).toBe(0);
  expect((await git(['remote', 'add', 'origin', `http://bob:${PLAIN}@${plain.host}/repos/tool.git`], repo)).code).toBe(0);
  return repo;
}

describe('latch import --dry-run', () => {
  it('lists every plaintext credential with exactly the JSON fields, and never a secret', async () => {
    writeCredentials();
    writeFileSync(join(home.dir, '.netrc'), `machine netrc.example.com\n  login frank\n  password ${PLAIN}-netrc\ndefault login anonymous password guest\n`);
    const repo = await repoWithPassword();
    const result = await run(['import', '--dry-run', '--repo', repo, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const findings = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    for (const finding of findings) expect(Object.keys(finding)).toEqual([...IMPORT_JSON_FIELDS]);
    const file = credentialsFile();
    expect(findings).toEqual([
      { source: file, line: 1, protocol: 'https', host: 'git.example.com', path: null, username: 'carol@corp', kind: 'unknown', status: 'unchecked' },
      { source: file, line: 2, protocol: 'http', host: dc.host, path: null, username: 'alice', kind: 'bitbucket-datacenter', status: 'unchecked' },
      { source: file, line: 3, protocol: 'https', host: 'bitbucket.org', path: null, username: 'dan', kind: 'bitbucket-cloud-app-password', status: 'dead' },
      { source: file, line: 4, protocol: 'https', host: 'git.example.com', path: null, username: 'erin', kind: 'unknown', status: 'unchecked' },
      { source: join(home.dir, '.netrc'), line: 1, protocol: 'https', host: 'netrc.example.com', path: null, username: 'frank', kind: 'unknown', status: 'unchecked' },
      { source: join(home.dir, '.netrc'), line: 4, protocol: null, host: null, path: null, username: 'anonymous', kind: 'unknown', status: 'unchecked' },
      { source: `${repo}:remote.origin.url`, line: null, protocol: 'http', host: plain.host, path: 'repos/tool.git', username: 'bob', kind: 'unknown', status: 'unchecked' },
    ]);

    const words = await run(['import', '--dry-run', '--repo', repo]);
    expect(words.code).toBe(0);
    expect(words.stdout).toContain('a Bitbucket Cloud app password');
    expect(words.stdout).toContain('stopped working on 2026-06-09');
    expect(words.stdout).toContain('latch account add --host bitbucket-cloud');
    for (const secret of [token, PLAIN, APP_PASSWORD, 'p:ss@word', 'p%3Ass%40word', 'second']) {
      expect(`${result.stdout}${words.stdout}${words.stderr}`).not.toContain(secret);
    }
    // Nothing was asked of any host, and nothing changed.
    expect(sim.requests).toEqual([]);
    expect(filesContaining(home.env.LATCH_HOME!, PLAIN)).toEqual([]);
  });

  it('names a credential file it cannot read and goes on with the rest', async () => {
    writeCredentials();
    // A store helper pointed at a folder: unreadable as a file.
    mkdirSync(join(home.dir, 'odd-store'));
    expect((await git(['config', '--global', 'credential.helper', `store --file ${join(home.dir, 'odd-store')}`])).code).toBe(0);
    const result = await run(['import', '--dry-run', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`Latch could not read ${join(home.dir, 'odd-store')}: the file system refused (EISDIR), so it did not look in it.\n`);
    expect(JSON.parse(result.stdout)).toHaveLength(4);
  });

  it('with --check, asks each credential its own host once: works, refused, or unknown', async () => {
    const text =
      `http://alice:${encodeURIComponent(token)}@${dc.host}\n` +
      `http://alice:${encodeURIComponent(token)}@${dc.host}/scm/prj/app.git\n` +
      `http://alice:BBDC-wrong@${dc.host}\n` +
      `https://carol:whatever@git.example.com\n`;
    writeFileSync(credentialsFile(), text, { mode: 0o600 });
    const result = await run(['import', '--dry-run', '--check', '--json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Array<{ status: string }>).map((f) => f.status)).toEqual(['works', 'works', 'refused', 'unknown']);
    // One question for the live token (found twice) and one for the wrong one, both to the credential's own server.
    expect(sim.requests.map((r) => r.auth)).toEqual(['token', 'refused']);
    expect(result.stdout).not.toContain(token);
  });
});

describe('latch import --yes', () => {
  it('moves the live ones in, removes only their lines (bytes and mode kept), and a second run changes nothing', async () => {
    const text = writeCredentials();
    chmodSync(credentialsFile(), 0o640);
    const netrc = `# mine\nmachine netrc.example.com login frank password ${PLAIN}-netrc\nmacdef init\ncd /\n\ndefault login anonymous password guest\n`;
    writeFileSync(join(home.dir, '.netrc'), netrc, { mode: 0o600 });
    const repo = await repoWithPassword();

    const result = await run(['import', '--yes', '--repo', repo, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Array<{ status: string }>).map((f) => f.status)).toEqual([
      'moved',
      'moved',
      'dead',
      'moved',
      'moved',
      'unchecked',
      'moved',
    ]);
    // Only the moved lines left the file; the dead one stays without --remove-dead, byte for byte.
    expect(readFileSync(credentialsFile(), 'utf8')).toBe(`https://dan:${APP_PASSWORD}@bitbucket.org\n`);
    expect(statSync(credentialsFile()).mode & 0o777).toBe(0o640);
    expect(readFileSync(join(home.dir, '.netrc'), 'utf8')).toBe('# mine\nmacdef init\ncd /\n\ndefault login anonymous password guest\n');
    expect(execFileSync('git', ['-C', repo, 'config', 'remote.origin.url'], { env: home.env, encoding: 'utf8' })).toBe(`http://bob@${plain.host}/repos/tool.git\n`);

    const listed = JSON.parse((await run(['credentials', 'list', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(listed.map((c) => [c.host, c.username, c.source])).toEqual([
      ['git.example.com', 'carol@corp', `${credentialsFile()}:1`],
      [dc.host, 'alice', `${credentialsFile()}:2`],
      ['git.example.com', 'erin', `${credentialsFile()}:4`],
      ['netrc.example.com', 'frank', `${join(home.dir, '.netrc')}:2`],
      [plain.host, 'bob', `${repo}:remote.origin.url`],
    ]);
    for (const c of listed) expect(Object.keys(c)).toEqual(['protocol', 'host', 'path', 'username', 'lastUsedAt', 'source']);
    // Imported, not yet used by git.
    for (const c of listed) expect(c.lastUsedAt).toBeNull();

    // The canary: the moved secrets are nowhere on disk in HOME any more (the keyring lives elsewhere).
    for (const secret of [PLAIN, `${PLAIN}-netrc`, token, encodeURIComponent(token)]) expect(filesContaining(home.dir, secret)).toEqual([]);
    expect(`${result.stdout}${result.stderr}`).not.toContain(PLAIN);

    const indexBefore = readFileSync(join(home.env.LATCH_HOME!, 'index.json'), 'utf8');
    const again = await run(['import', '--yes', '--repo', repo, '--json']);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as Array<{ status: string }>).map((f) => f.status)).toEqual(['dead', 'unchecked']);
    expect(readFileSync(join(home.env.LATCH_HOME!, 'index.json'), 'utf8')).toBe(indexBefore);

    // --remove-dead takes the dead app password out without keeping it.
    const dead = await run(['import', '--yes', '--remove-dead', '--json']);
    expect((JSON.parse(dead.stdout) as Array<{ status: string }>).map((f) => f.status)).toEqual(['removed', 'unchecked']);
    expect(readFileSync(credentialsFile(), 'utf8')).toBe('');
    expect(text).toContain(APP_PASSWORD);
  });

  it('rewrites a symlinked credential file where it lives, keeping the link, and names each shape of secret', async () => {
    const dotfiles = join(home.dir, 'dotfiles');
    mkdirSync(dotfiles);
    const github = `ghp_${'a'.repeat(36)}`;
    const atlassian = `ATATT3x${'b'.repeat(40)}`;
    const gitlab = `glpat-${'c'.repeat(20)}`;
    writeFileSync(
      join(dotfiles, 'git-credentials'),
      `https://octo:${github}@github.example.com
https://amy:${atlassian}@bitbucket.org
https://gil:${gitlab}@gitlab.example.com
`,
      { mode: 0o600 },
    );
    symlinkSync(join(dotfiles, 'git-credentials'), credentialsFile());
    const listed = JSON.parse((await run(['import', '--dry-run', '--json'])).stdout) as Array<{ kind: string }>;
    expect(listed.map((f) => f.kind)).toEqual(['github', 'atlassian-api-token', 'gitlab']);
    const moved = await run(['import', '--yes', '--json']);
    expect(moved.code).toBe(0);
    expect(lstatSync(credentialsFile()).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dotfiles, 'git-credentials'), 'utf8')).toBe('');
    for (const secret of [github, atlassian, gitlab]) expect(filesContaining(home.dir, secret)).toEqual([]);
  });

  it("refuses a file git is writing (its .lock exists), says so, and keeps nothing of that file's credentials", async () => {
    const text = writeCredentials();
    writeFileSync(`${credentialsFile()}.lock`, '');
    const result = await run(['import', '--yes']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `Latch could not change ${credentialsFile()}: another program is writing it (git keeps ${credentialsFile()}.lock while it does).`,
    );
    expect(readFileSync(credentialsFile(), 'utf8')).toBe(text);
    expect(readFileSync(`${credentialsFile()}.lock`, 'utf8')).toBe('');
    expect(JSON.parse((await run(['credentials', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('lets git fetch with no prompt afterwards, through git-credential-latch, for a host without an account and for Data Center', async () => {
    const repo = await repoWithPassword();
    writeFileSync(credentialsFile(), `http://alice:${encodeURIComponent(token)}@${dc.host}\n`, { mode: 0o600 });
    const result = await run(['import', '--yes', '--repo', repo]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`git now asks Latch for credentials on ${dc.host}, ${plain.host}.`);

    const fetched = await git(['fetch', 'origin'], repo);
    expect(fetched.stderr).not.toMatch(/could not read|terminal prompts disabled|Authentication failed/);
    expect(fetched.code).toBe(0);
    expect(plain.requests.some((r) => r.user === 'bob' && r.sentSecret)).toBe(true);
    // git's `store` after the fetch worked notes the use.
    const bob = (JSON.parse((await run(['credentials', 'list', '--json'])).stdout) as Array<{ username: string; lastUsedAt: string | null }>).find((c) => c.username === 'bob');
    expect(bob?.lastUsedAt).not.toBeNull();
    // ...on the credential it answered with, without a second copy for the repository's path.
    expect(JSON.parse((await run(['credentials', 'list', '--json'])).stdout)).toHaveLength(2);

    const cloned = await git(['clone', `http://${dc.host}/scm/prj/app.git`, 'app']);
    expect(cloned.code).toBe(0);
    expect(dc.requests.filter((r) => r.user !== null).every((r) => r.user === 'alice')).toBe(true);
    for (const secret of [PLAIN, token, encodeURIComponent(token)]) expect(filesContaining(home.dir, secret)).toEqual([]);
  });

  it("keeps a Data Center token as a kept token of the matching Latch account, which git then uses", async () => {
    const added = await latch(['account', 'add', '--host', 'bitbucket-datacenter', '--url', dc.baseUrl, '--username', 'alice', '--password-stdin'], {
      env: home.env,
      input: `${ALICE}\n`,
    });
    expect(added.code).toBe(0);
    writeFileSync(credentialsFile(), `http://alice:${encodeURIComponent(token)}@${dc.host}\n`, { mode: 0o600 });
    const result = await run(['import', '--yes', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const index = JSON.parse(readFileSync(join(home.env.LATCH_HOME!, 'index.json'), 'utf8')) as {
      storedTokens: Array<{ tokenId: string; name: string; gitUsername: string }>;
      gitCredentials?: unknown[];
    };
    const tokenId = bitbucketDataCenterTokenId(token)!;
    expect(index.storedTokens).toEqual([expect.objectContaining({ tokenId, name: `Imported from ${credentialsFile()}:1`, gitUsername: 'alice' })]);
    expect(index.gitCredentials ?? []).toEqual([]);
    const cloned = await git(['clone', `http://${dc.host}/scm/prj/app.git`, 'app']);
    expect(cloned.code).toBe(0);
    expect(dc.requests.filter((r) => r.user !== null).every((r) => r.tokenId === tokenId)).toBe(true);
  });

  it('needs --dry-run or --yes', async () => {
    const result = await run(['import']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('latch: Give --dry-run to see what would move, or --yes to move it.\n');
  });
});
