// Reading a store helper's file from its configured value, checked against what real git (through
// /bin/sh) does with the same value: git stores a credential through the helper, and the file that
// holds it must be the one Latch names.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helperStoreFile, shellWords } from '../../../electron/core/leaks/store-helper-file';

let root: string;
let home: string;
let cwd: string;
let storeProgram: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'latch-store-helper-'));
  home = join(root, 'home');
  cwd = join(root, 'work');
  // A folder really named `~`, so git can use a literal `~/…` path relative to where it runs.
  mkdirSync(join(cwd, '~'), { recursive: true });
  mkdirSync(join(root, 'with space'));
  mkdirSync(home);
  storeProgram = join(spawnSync('git', ['--exec-path'], { encoding: 'utf8' }).stdout.trim(), 'git-credential-store');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Has real git store a credential through the helper; returns every file under root that holds it. */
function whereGitStores(helper: string, password: string): string[] {
  const env = { PATH: process.env.PATH, HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  const input = `protocol=https\nhost=git.example.com\nusername=alice\npassword=${password}\n\n`;
  spawnSync('git', ['-c', `credential.helper=${helper}`, 'credential', 'approve'], { input, cwd, env, encoding: 'utf8' });
  const found: string[] = [];
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) return readdirSync(path).forEach((entry) => walk(join(path, entry)));
    if (readFileSync(path, 'utf8').includes(password)) found.push(path);
  };
  walk(root);
  return found;
}

describe('the file a store helper uses, as git uses it', () => {
  const cases: Array<[string, (dir: string) => string, (dir: string) => string]> = [
    ['~ at the start of an unquoted word is HOME', () => 'store --file ~/tilde-creds', () => join(home, 'tilde-creds')],
    ['single quotes keep a space', (dir) => `store --file '${dir}/with space/single'`, (dir) => `${dir}/with space/single`],
    ['double quotes with escapes', (dir) => `store --file="${dir}/with space/d\\"q"`, (dir) => `${dir}/with space/d"q`],
    ['a backslash escapes a space', (dir) => `store --file ${dir}/with\\ space/escaped`, (dir) => `${dir}/with space/escaped`],
    ['an abbreviated option', (dir) => `store --fi ${dir}/abbreviated`, (dir) => `${dir}/abbreviated`],
    ['the last --file wins', (dir) => `store --file ${dir}/first --file=${dir}/last`, (dir) => `${dir}/last`],
    ['git credential-store after !', (dir) => `!git credential-store --file ${dir}/bang`, (dir) => `${dir}/bang`],
    ['an environment word before the command', (dir) => `!LANG=C git credential-store --file ${dir}/env-word`, (dir) => `${dir}/env-word`],
    ['the store program by its absolute path', (dir) => `${storeProgram} --file ${dir}/absolute`, (dir) => `${dir}/absolute`],
    ['a path with . and .. in it', (dir) => `store --file ${dir}/with\\ space/../dotted`, (dir) => `${dir}/dotted`],
  ];
  it.each(cases)('%s', (_name, helper, expected) => {
    const value = helper(root);
    const password = `pw-${Math.random().toString(36).slice(2)}`;
    expect(whereGitStores(value, password)).toEqual([expected(root)]);
    expect(helperStoreFile(value, home)).toEqual({ kind: 'file', path: expected(root) });
  });

  it('takes a quoted ~ and one after = literally, as sh does: a path relative to where git runs', () => {
    for (const value of ['store --file=~/literal-eq', "store --file '~/literal-quoted'"]) {
      const name = value.includes('eq') ? 'literal-eq' : 'literal-quoted';
      const password = `pw-${name}`;
      expect(whereGitStores(value, password)).toEqual([join(cwd, '~', name)]);
      expect(helperStoreFile(value, home)).toEqual({ kind: 'relative', path: `~/${name}` });
    }
  });

  it('names no file for the default files, --no-file, and other helpers', () => {
    expect(whereGitStores(`store --file ${root}/x --no-file`, 'pw-no-file')).toEqual([join(home, '.git-credentials')]);
    expect(helperStoreFile(`store --file ${root}/x --no-file`, home)).toEqual({ kind: 'none' });
    for (const value of ['store', 'cache --timeout 300', 'manager', '!gh auth git-credential', 'storeit --file /x', '/usr/bin/other --file /x']) {
      expect(helperStoreFile(value, home)).toEqual({ kind: 'none' });
    }
  });

  it('does not guess at what only running the shell would tell', () => {
    for (const value of [
      'store --file $HOME/creds',
      'store --file "$HOME/creds"',
      '!f() { git credential-store --file /x "$@"; }; f',
      'store --file /tmp/*/creds',
      'store --file ~other/creds',
      "store --file '/unterminated",
    ]) {
      expect(helperStoreFile(value, home)).toEqual({ kind: 'unknown' });
    }
  });
});

describe('sh words', () => {
  it('splits, unquotes and joins continued lines the way sh does', () => {
    expect(shellWords("a  'b c'\t\"d\\\\e\\$\" f\\\ng # comment", '/h')).toEqual(['a', 'b c', 'd\\e$', 'fg']);
    expect(shellWords('~ ~/x a~ "~"', '/h')).toEqual(['/h', '/h/x', 'a~', '~']);
    expect(shellWords('"a\\b"', '/h')).toEqual(['a\\b']);
    expect(shellWords('a | b', '/h')).toBeNull();
  });
});
