// ~/.netrc as curl reads it: the entry holding a leaked secret goes whole, every other byte stays.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findSecretInStoreFile, removeSecretFromStoreFile } from '../../../electron/core/leaks/git-credentials-file';
import { netrcFiles, sortNetrc } from '../../../electron/core/leaks/netrc-file';

const SECRET = 'BBDC-netrc-canary-4f1e0c9a';
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'latch-netrc-'));
  file = join(dir, '.netrc');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('~/.netrc', () => {
  it('is looked for in HOME, as curl does', () => {
    expect(netrcFiles({ HOME: '/home/a' })).toEqual(['/home/a/.netrc', '/home/a/_netrc']);
  });

  it('loses the whole entry holding the secret, as password or login, on one line or several', async () => {
    const keep = 'machine other.example.com login carol password s3cret\n# a comment\nmacdef init\nmachine fake login x password ' + SECRET + '\n\n';
    writeFileSync(file, `${keep}machine Git.Example.com\n  login alice\n  password ${SECRET}\nmachine api.example.com login ${SECRET} password x-oauth-basic\ndefault login anonymous password guest\n`, { mode: 0o600 });
    // The secret inside a macdef body is a macro's text, not an entry: it stays, and is not counted.
    expect(await findSecretInStoreFile(file, SECRET, sortNetrc)).toEqual({ file, lines: [6, 7, 8, 9], hosts: ['https://git.example.com', 'https://api.example.com'] });
    await removeSecretFromStoreFile(file, SECRET, {}, sortNetrc);
    expect(readFileSync(file, 'utf8')).toBe(`${keep}default login anonymous password guest\n`);
  });

  it('leaves a file alone, and says so, when the entry shares its line with another', async () => {
    const text = `machine a.example.com login alice password ${SECRET} machine b.example.com login bob password other\n`;
    writeFileSync(file, text);
    await expect(removeSecretFromStoreFile(file, SECRET, {}, sortNetrc)).rejects.toMatchObject({ code: 'conflict' });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
