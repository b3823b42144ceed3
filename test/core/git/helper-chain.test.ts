// Which helpers git asks, computed from its configuration the way credential.c applies it.
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { helperChain, readHelperEntries, urlMatches } from '../../../electron/core/git/helper-chain';
import { gitHome, type GitHome } from './git-env';

describe('matching credential.<url> against a host', () => {
  const target = { protocol: 'https' as const, host: 'bitbucket.example.com' };
  it.each([
    ['https://bitbucket.example.com', true],
    ['https://bitbucket.example.com/', true],
    ['https://BITBUCKET.example.com', true],
    ['https://bitbucket.example.com:443', true],
    ['https://*.example.com', true],
    ['bitbucket.example.com', true],
    ['http://bitbucket.example.com', false],
    ['https://bitbucket.example.com:8443', false],
    ['https://example.com', false],
    ['https://bitbucket.example.com.evil.test', false],
    ['https://alice@bitbucket.example.com', false],
    ['https://bitbucket.example.com/scm/proj', false],
  ])('%s → %s', (subsection, expected) => {
    expect(urlMatches(subsection, target)).toBe(expected);
  });

  it('compares ports for hosts that have one', () => {
    expect(urlMatches('http://127.0.0.1:8080', { protocol: 'http', host: '127.0.0.1:8080' })).toBe(true);
    expect(urlMatches('http://127.0.0.1', { protocol: 'http', host: '127.0.0.1:8080' })).toBe(false);
  });
});

describe('the helper chain from real git configuration', () => {
  let home: GitHome;
  beforeEach(() => {
    home = gitHome();
  });
  afterEach(() => home.cleanup());
  const config = (...args: string[]) => execFileSync('git', ['config', '--global', ...args], { env: home.env });

  it('applies every matching entry in file order, an empty value emptying the list', async () => {
    config('credential.helper', 'cache');
    config('--add', 'credential.https://h.example.helper', '');
    config('--add', 'credential.https://h.example.helper', '!latch-helper');
    config('credential.https://other.example.helper', 'store');
    config('--add', 'credential.helper', 'osxkeychain');
    const entries = await readHelperEntries({ env: home.env, cwd: home.dir });
    const chain = helperChain(entries, { protocol: 'https', host: 'h.example' });
    // `osxkeychain` joins the [credential] section, which comes before h.example's in the file.
    expect(chain.map((l) => l.value)).toEqual(['!latch-helper']);
    expect(chain[0]).toMatchObject({ scope: 'global' });
    expect(helperChain(entries, { protocol: 'https', host: 'other.example' }).map((l) => l.value)).toEqual(['cache', 'osxkeychain', 'store']);
  });
});
