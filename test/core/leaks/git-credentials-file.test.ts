// git's credential-store files, as real git writes and reads them: a leaked secret's lines go, every
// other byte stays, the mode stays, and git's own lock is honoured.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  credentialStoreFiles,
  findSecretInStoreFile,
  removeSecretFromStoreFile,
  secretInUrl,
  storeLineTarget,
} from '../../../electron/core/leaks/git-credentials-file';
import { LatchError } from '../../../shared/result';

// Real Data Center secrets carry '/', '+' and '=' which git percent-encodes in the file.
const SECRET = 'BBDC-MDEyMzQ1Njc4OTAxOix/XD3JWM30a7uPcI4xZ2nLnIia+w=';
const OTHER = 'BBDC-OTg3NjU0MzIxMDk4OkFBQUFBQUFBQUFBQUFBQUFBQUFB';
const encode = (text: string) => encodeURIComponent(text);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'latch-credstore-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs real `git credential-store` on a file: `store` writes a line as git does, `get` answers as git would. */
function gitStore(file: string, action: 'store' | 'get', fields: Record<string, string>): string {
  const input = `${Object.entries(fields).map(([key, value]) => `${key}=${value}`).join('\n')}\n\n`;
  const result = spawnSync('git', ['credential-store', '--file', file, action], { input, encoding: 'utf8', env: { ...process.env, HOME: dir } });
  if (result.status !== 0) throw new Error(`git credential-store ${action} failed: ${result.stderr}`);
  return result.stdout;
}

describe('which files', () => {
  it("reads HOME and XDG_CONFIG_HOME from the given environment, ignoring a relative XDG_CONFIG_HOME as git does", () => {
    expect(credentialStoreFiles({ HOME: '/home/a', XDG_CONFIG_HOME: '/cfg' })).toEqual(['/home/a/.git-credentials', '/cfg/git/credentials']);
    expect(credentialStoreFiles({ HOME: '/home/a', XDG_CONFIG_HOME: 'relative' })).toEqual(['/home/a/.git-credentials', '/home/a/.config/git/credentials']);
    expect(credentialStoreFiles({ HOME: '/home/a' })).toEqual(['/home/a/.git-credentials', '/home/a/.config/git/credentials']);
  });
});

describe('matching a line', () => {
  it('matches the percent-encoded password git writes, and names only where it goes', () => {
    expect(storeLineTarget(`https://alice:${encode(SECRET)}@Bitbucket.Example.com:8443/scm/x.git`, SECRET)).toBe('https://bitbucket.example.com:8443');
    expect(storeLineTarget(`https://alice:${encode(SECRET)}@bitbucket.example.com\r`, SECRET)).toBe('https://bitbucket.example.com');
  });

  it('matches a raw secret written by hand, even with / and @ in it', () => {
    expect(storeLineTarget(`https://alice:${SECRET}@git.example.com`, SECRET)).toBe('https://git.example.com');
    expect(storeLineTarget('https://bob:pa@ss/word@git.example.com', 'pa@ss/word')).toBe('https://git.example.com');
  });

  it('matches a token in the user field too: alone, or beside a dummy password', () => {
    const token = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
    expect(secretInUrl(`https://${token}@github.com/owner/repo.git`, token)).toEqual({
      target: 'https://github.com',
      field: 'user',
      without: 'https://github.com/owner/repo.git',
    });
    expect(secretInUrl(`https://${token}:x-oauth-basic@github.example.com/o/r.git`, token)).toEqual({
      target: 'https://github.example.com',
      field: 'user',
      without: 'https://github.example.com/o/r.git',
    });
    expect(secretInUrl(`https://alice:${encode(SECRET)}@bitbucket.example.com/scm/x.git`, SECRET)?.without).toBe('https://alice@bitbucket.example.com/scm/x.git');
    expect(storeLineTarget(`https://${encode(SECRET)}:x-oauth-basic@bitbucket.example.com`, SECRET)).toBe('https://bitbucket.example.com');
    // A user that merely starts with the secret is another user.
    expect(storeLineTarget(`https://${token}x@github.com`, token)).toBeNull();
  });

  it('does not match another password, a user without password, a prefix of the secret or a non-URL', () => {
    expect(storeLineTarget(`https://alice:${encode(OTHER)}@bitbucket.example.com`, SECRET)).toBeNull();
    expect(storeLineTarget(`https://alice:${encode(SECRET.slice(0, -1))}@bitbucket.example.com`, SECRET)).toBeNull();
    expect(storeLineTarget(`https://alice:${encode(SECRET)}x@bitbucket.example.com`, SECRET)).toBeNull();
    expect(storeLineTarget('https://alice@bitbucket.example.com', SECRET)).toBeNull();
    expect(storeLineTarget(SECRET, SECRET)).toBeNull();
    expect(storeLineTarget('', SECRET)).toBeNull();
    // A stray % is kept as it is, the way git decodes it.
    expect(storeLineTarget('https://a:100%zz@h', '100%zz')).toBe('https://h');
  });
});

describe('removing the lines', () => {
  it('removes the line real git stored, keeps the others, and git still answers for them', async () => {
    const file = join(dir, '.git-credentials');
    gitStore(file, 'store', { protocol: 'https', host: 'other.example.com', username: 'bob', password: OTHER });
    gitStore(file, 'store', { protocol: 'https', host: 'bitbucket.example.com', username: 'alice', password: SECRET });
    gitStore(file, 'store', { protocol: 'https', host: 'third.example.com', username: 'carol', password: 'plain' });
    expect(readFileSync(file, 'utf8')).not.toContain(SECRET); // git encoded it
    expect(gitStore(file, 'get', { protocol: 'https', host: 'bitbucket.example.com' })).toContain(`password=${SECRET}`);

    // git puts each new line first.
    const line = readFileSync(file, 'utf8').split('\n').findIndex((text) => text.includes('@bitbucket.example.com')) + 1;
    expect(line).toBe(2);
    const found = await findSecretInStoreFile(file, SECRET);
    expect(found).toEqual({ file, lines: [line], hosts: ['https://bitbucket.example.com'] });
    const removed = await removeSecretFromStoreFile(file, SECRET);
    expect(removed).toEqual(found);

    expect(gitStore(file, 'get', { protocol: 'https', host: 'bitbucket.example.com' })).toBe('');
    expect(gitStore(file, 'get', { protocol: 'https', host: 'other.example.com' })).toContain(`password=${OTHER}`);
    expect(gitStore(file, 'get', { protocol: 'https', host: 'third.example.com' })).toContain('password=plain');
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('names the host and port of a line real git stored for a server on its own port', async () => {
    const file = join(dir, '.git-credentials');
    gitStore(file, 'store', { protocol: 'https', host: 'bitbucket.example.com:8443', username: 'alice', password: SECRET });
    expect(await findSecretInStoreFile(file, SECRET)).toEqual({ file, lines: [1], hosts: ['https://bitbucket.example.com:8443'] });
  });

  it('keeps every other byte (CRLF, invalid UTF-8, no final newline) and the file mode', async () => {
    const file = join(dir, 'credentials');
    const before = Buffer.concat([
      Buffer.from('https://a:one@h1.example.com\r\n'),
      Buffer.from(`https://alice:${encode(SECRET)}@bitbucket.example.com\n`),
      Buffer.from([0x68, 0x74, 0xff, 0xfe, 0x0a]), // not UTF-8 at all
      Buffer.from(`  https://alice:${SECRET}@bitbucket.example.com/scm  \n`),
      Buffer.from('https://b:two@h2.example.com'),
    ]);
    writeFileSync(file, before);
    chmodSync(file, 0o640);

    const removed = await removeSecretFromStoreFile(file, SECRET);
    expect(removed).toEqual({ file, lines: [2, 4], hosts: ['https://bitbucket.example.com'] });
    const after = readFileSync(file);
    expect(after.equals(Buffer.concat([Buffer.from('https://a:one@h1.example.com\r\n'), Buffer.from([0x68, 0x74, 0xff, 0xfe, 0x0a]), Buffer.from('https://b:two@h2.example.com')]))).toBe(true);
    expect(statSync(file).mode & 0o7777).toBe(0o640);
  });

  it('leaves a file without the secret alone: same inode, same bytes', async () => {
    const file = join(dir, 'credentials');
    writeFileSync(file, `https://alice:${encode(OTHER)}@bitbucket.example.com\n`, { mode: 0o600 });
    const inode = statSync(file).ino;
    expect(await removeSecretFromStoreFile(file, SECRET)).toBeNull();
    expect(statSync(file).ino).toBe(inode);
    expect(await removeSecretFromStoreFile(join(dir, 'missing'), SECRET)).toBeNull();
  });

  it('rewrites the real file behind a symlink and keeps the link', async () => {
    mkdirSync(join(dir, 'dotfiles'));
    const real = join(dir, 'dotfiles', 'git-credentials');
    const link = join(dir, '.git-credentials');
    writeFileSync(real, `https://alice:${encode(SECRET)}@bitbucket.example.com\nhttps://b:two@h2.example.com\n`, { mode: 0o600 });
    symlinkSync(real, link);
    expect(await removeSecretFromStoreFile(link, SECRET)).toMatchObject({ file: link, lines: [1] });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(readFileSync(real, 'utf8')).toBe('https://b:two@h2.example.com\n');
  });

  it('waits for git\'s lock, then gives up with a sentence naming the lock file and changes nothing', async () => {
    const file = join(dir, '.git-credentials');
    const text = `https://alice:${encode(SECRET)}@bitbucket.example.com\n`;
    writeFileSync(file, text, { mode: 0o600 });
    writeFileSync(`${file}.lock`, '');
    const error = await removeSecretFromStoreFile(file, SECRET, { lockWaitMs: 150 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LatchError);
    expect((error as LatchError).code).toBe('conflict');
    expect((error as LatchError).message).toContain(`${file}.lock`);
    expect((error as LatchError).message).not.toContain(SECRET);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(existsSync(`${file}.lock`)).toBe(true); // git's lock is git's to remove
  });

  // root reads every file whatever its mode, so this can only be seen as another user.
  it.skipIf(process.getuid?.() === 0)('says which file it could not read, without quoting it (runs only as a user other than root, who reads every file)', async () => {
    const file = join(dir, '.git-credentials');
    writeFileSync(file, `https://alice:${encode(SECRET)}@bitbucket.example.com\n`, { mode: 0o000 });
    const error = (await findSecretInStoreFile(file, SECRET).catch((caught: unknown) => caught)) as LatchError;
    expect(error.message).toBe(`Latch could not read ${file}: permission was denied.`);
  });

  it('says plainly when the path cannot be read as a file', async () => {
    const file = join(dir, '.git-credentials');
    mkdirSync(file);
    const error = (await findSecretInStoreFile(file, SECRET).catch((caught: unknown) => caught)) as LatchError;
    expect(error).toBeInstanceOf(LatchError);
    expect(error.message).toBe(`Latch could not read ${file}: the file system refused (EISDIR).`);
  });
});
