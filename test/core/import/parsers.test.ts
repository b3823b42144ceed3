// The readers of every plaintext source the import looks in: git's credential-store lines (git's own
// URL rules, percent-encoding, CRLF, no final newline), .netrc as curl reads it (entries across lines,
// comments, quoted words, macdef, default), and passwords in remote URLs.
import { describe, expect, it } from 'vitest';
import { parseCredentialUrl, parseStoreFile } from '../../../electron/core/leaks/git-credentials-file';
import { parseNetrc, withoutEntry } from '../../../electron/core/import/netrc';
import { withoutPassword } from '../../../electron/core/import/remote-urls';

describe('credential-store lines', () => {
  it('reads protocol, host with port, path, and percent-decoded user and password', () => {
    expect(parseCredentialUrl('https://alice%40corp:p%3Ass%40w%2Frd@git.example.com%3a8443/scm/prj/app.git')).toEqual({
      protocol: 'https',
      host: 'git.example.com:8443',
      path: 'scm/prj/app.git',
      username: 'alice@corp',
      password: 'p:ss@w/rd',
      rawUser: 'alice%40corp',
    });
  });

  it("ends the user-info at the first '@', as git does, and only before the path", () => {
    expect(parseCredentialUrl('https://bob:a@b@host')).toMatchObject({ username: 'bob', password: 'a', host: 'b@host' });
    expect(parseCredentialUrl('https://host/path@x')).toMatchObject({ username: null, password: null, host: 'host', path: 'path@x' });
  });

  it('keeps a % not followed by two hex digits as it is, and refuses what is no URL', () => {
    expect(parseCredentialUrl('https://u:100%zz@h')).toMatchObject({ password: '100%zz' });
    expect(parseCredentialUrl('# a comment')).toBeNull();
    expect(parseCredentialUrl('https://')).toBeNull();
  });

  it('numbers lines as the file has them, with CRLF endings and no final newline', () => {
    const bytes = Buffer.from('https://a:one@h1\r\n\r\nnot a url\nhttps://nopass@h2\nhttps://b:two@h1');
    expect(parseStoreFile(bytes).map(({ line, text, entry }) => [line, text, entry.username, entry.password])).toEqual([
      [1, 'https://a:one@h1', 'a', 'one'],
      [5, 'https://b:two@h1', 'b', 'two'],
    ]);
  });
});

describe('.netrc', () => {
  const text = [
    '# work machines',
    'machine git.example.com',
    '    login alice',
    '    password "pa ss"',
    'macdef init',
    'machine not.a.machine login x password inside-macro',
    '',
    'machine other.example login bob password two machine third.example login carol password three',
    'default login anonymous password guest',
    '',
  ].join('\n');

  it('reads entries across lines and on one line, quoted words, skips comments and macro bodies, and the default', () => {
    expect(parseNetrc(text).map(({ machine, login, password, line }) => ({ machine, login, password, line }))).toEqual([
      { machine: 'git.example.com', login: 'alice', password: 'pa ss', line: 2 },
      { machine: 'other.example', login: 'bob', password: 'two', line: 8 },
      { machine: 'third.example', login: 'carol', password: 'three', line: 8 },
      { machine: null, login: 'anonymous', password: 'guest', line: 9 },
    ]);
  });

  it('removes one entry with its own lines and leaves every other byte', () => {
    const [first, second] = parseNetrc(text);
    expect(withoutEntry(text, first!)).toBe(text.replace('machine git.example.com\n    login alice\n    password "pa ss"\n', ''));
    // An entry sharing its line with the next keeps the next one on it.
    expect(withoutEntry(text, second!)).toBe(text.replace('machine other.example login bob password two ', ''));
    expect(withoutEntry(text, { machine: 'gone', login: null, password: null })).toBeNull();
  });

  it('reads a file without a final newline, and CRLF endings', () => {
    expect(parseNetrc('machine h\r\nlogin u\r\npassword p').map((e) => [e.machine, e.login, e.password])).toEqual([['h', 'u', 'p']]);
  });
});

describe('remote URLs', () => {
  it('drops the password and keeps the username as it was written', () => {
    const url = 'https://dave%40corp:pw%3Ax@host.example:8443/r.git';
    expect(withoutPassword({ url, entry: parseCredentialUrl(url)! })).toBe('https://dave%40corp@host.example:8443/r.git');
    const bare = 'http://:secret@127.0.0.1:9/x.git';
    expect(withoutPassword({ url: bare, entry: parseCredentialUrl(bare)! })).toBe('http://127.0.0.1:9/x.git');
  });
});
