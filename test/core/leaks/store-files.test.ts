// Which credential-store files the leak response searches, with the helpers set by real `git config` in
// each scope git reads: the system file (GIT_CONFIG_SYSTEM), the XDG and HOME global files, an include,
// and URL-scoped helpers.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeFilesToSearch } from '../../../electron/core/leaks/store-files';

let root: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'latch-store-files-'));
  mkdirSync(join(root, 'home'));
  mkdirSync(join(root, 'xdg', 'git'), { recursive: true });
  env = { PATH: process.env.PATH, HOME: join(root, 'home'), XDG_CONFIG_HOME: join(root, 'xdg'), GIT_CONFIG_SYSTEM: join(root, 'etc-gitconfig') };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function gitConfig(...args: string[]): void {
  const result = spawnSync('git', ['config', ...args], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git config ${args.join(' ')} failed: ${result.stderr}`);
}

const defaults = () => [join(root, 'home', '.git-credentials'), join(root, 'xdg', 'git', 'credentials')];

describe('credential-store files to search', () => {
  it('adds every file a store helper names, in every scope git reads, after the two default ones', async () => {
    gitConfig('--file', env.GIT_CONFIG_SYSTEM!, 'credential.helper', `store --file ${root}/system-creds`);
    gitConfig('--file', join(root, 'xdg', 'git', 'config'), 'credential.helper', `!git credential-store --file=${root}/xdg-creds`);
    gitConfig('--global', '--add', 'credential.helper', 'store --file ~/global-creds');
    gitConfig('--global', 'credential.https://bitbucket.example.com.helper', `store --file '${root}/url scoped'`);
    gitConfig('--global', 'include.path', '~/more.gitconfig');
    gitConfig('--file', join(root, 'home', 'more.gitconfig'), 'credential.git.example.com.helper', 'store --file ~/included-creds');
    // An empty value makes git forget the helpers before it; their files still hold passwords.
    gitConfig('--global', '--add', 'credential.helper', '');
    // Named twice: searched once.
    gitConfig('--global', '--add', 'credential.helper', 'store --file ~/.git-credentials');
    gitConfig('--global', '--add', 'credential.helper', 'cache --timeout 300');

    expect(await storeFilesToSearch(env)).toEqual({
      files: [
        ...defaults(),
        join(root, 'system-creds'),
        join(root, 'xdg-creds'),
        join(root, 'home', 'global-creds'),
        join(root, 'url scoped'),
        join(root, 'home', 'included-creds'),
      ],
      problems: [],
    });
  });

  it('says where a helper is set whose file it cannot search, without quoting the setting', async () => {
    const global = join(root, 'home', '.gitconfig');
    gitConfig('--global', '--add', 'credential.helper', 'store --file=~/creds');
    gitConfig('--global', '--add', 'credential.helper', 'store --file "$HOME/creds"');
    // Named again in the same file: said once.
    gitConfig('--global', '--add', 'credential.helper', 'store --file "$HOME/creds"');

    const search = await storeFilesToSearch(env);
    expect(search.files).toEqual(defaults());
    expect(search.problems).toEqual([
      `A credential helper set in ${global} keeps passwords in ~/creds, relative to the folder git runs in, so Latch could not search it: look for that file in your repositories.`,
      `A credential helper set in ${global} keeps passwords in a file Latch cannot work out from its setting, so Latch could not search it.`,
    ]);
  });

  it('searches the default files and says nothing more when git is not installed', async () => {
    gitConfig('--global', 'credential.helper', `store --file ${root}/unseen`);
    expect(await storeFilesToSearch({ ...env, PATH: join(root, 'no-git-here') })).toEqual({ files: defaults(), problems: [] });
  });

  it('leaves out the system file when git is told to skip it (GIT_CONFIG_NOSYSTEM), as git does', async () => {
    gitConfig('--file', env.GIT_CONFIG_SYSTEM!, 'credential.helper', `store --file ${root}/system-creds`);
    expect((await storeFilesToSearch({ ...env, GIT_CONFIG_NOSYSTEM: '1' })).files).toEqual(defaults());
  });
});
