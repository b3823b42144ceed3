import { describe, expect, it } from 'vitest';
import { githubPrefix } from '../../shared/hosts/github';
import { describeSecret } from '../../shared/leaks';

describe('describing a pasted secret', () => {
  it('names each kind in words, with the Data Center token id it embeds and never the secret', () => {
    const dc = `BBDC-${Buffer.from('012345678901:random-bytes-here').toString('base64')}`;
    const cases: Array<[string, string]> = [
      [dc, 'a Bitbucket Data Center HTTP access token (token id 012345678901)'],
      [Buffer.from('987654321098:older-token-bytes').toString('base64'), 'a Bitbucket Data Center HTTP access token (token id 987654321098)'],
      ['BBDC-!!not-base64!!', 'a Bitbucket Data Center HTTP access token'],
      ['ATBB1234567890abcdef', 'a Bitbucket Cloud app password'],
      ['ATATT3xFfGF0example', 'an Atlassian API token (used with Bitbucket Cloud)'],
      ['ATCTT3xFfGF0example', 'a Bitbucket Cloud repository, project or workspace access token'],
      [`ghp_${'a'.repeat(36)}`, 'a GitHub personal access token (classic)'],
      [`github_pat_${'a'.repeat(40)}`, 'a GitHub fine-grained personal access token'],
      [`ghs_${'a'.repeat(36)}`, 'a GitHub App installation token'],
      ['glpat-abcdefghijklmnopqrst', 'a GitLab personal, project or group access token'],
      ['glrt-abcdefghijklmnopqrst', 'a GitLab token'],
      ['0123456789abcdef0123456789abcdef01234567', 'possibly a Gitea or Forgejo access token (40 hexadecimal characters, which could also be something else)'],
      ['hunter2', 'not a kind of token Latch knows'],
    ];
    for (const [secret, words] of cases) {
      expect(describeSecret(`  ${secret}\n`)).toBe(words);
      expect(words).not.toContain(secret);
    }
  });

  it('tells GitHub prefixes apart, longest first', () => {
    expect(githubPrefix('github_pat_x')).toBe('github_pat_');
    expect(githubPrefix('ghp_x')).toBe('ghp_');
    expect(githubPrefix('ghx_x')).toBeNull();
  });
});
