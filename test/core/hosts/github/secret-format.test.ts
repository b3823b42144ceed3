// The offline check of a pasted GitHub token: what kind its prefix names, and whether it was copied
// whole, without asking GitHub. Tokens come from the GitHub simulator's generator (node's zlib CRC-32,
// not the product's), plus one published example, so a wrong table, alphabet or padding here fails.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../../electron/core/hosts/github/crc32';
import { githubSecretKind, githubSecretProblem } from '../../../../electron/core/hosts/github/secret-format';
import { BASE62, GITHUB_TOKEN_PREFIX, makeGitHubSecret, type GitHubTokenKind } from '../../../hosts/github-token-format';

const TYPO = 'That GitHub token has a typo: its last six characters do not match the rest.';
const CHECKSUMMED: GitHubTokenKind[] = ['classic', 'oauth', 'user-to-server', 'refresh', 'installation'];
const ALL_KINDS: GitHubTokenKind[] = [...CHECKSUMMED, 'fine-grained'];

/** A simulator-made token of a checksummed kind; fast-check picks the kind, the randomness is the generator's. */
const checksummedToken = fc.constantFrom(...CHECKSUMMED).map((kind) => makeGitHubSecret(kind));
const base62Char = fc.constantFrom(...BASE62.split(''));

describe('crc32', () => {
  it('gives the standard check values', () => {
    expect(crc32('')).toBe(0);
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('hello')).toBe(0x3610a686);
  });
});

describe('githubSecretKind', () => {
  it.each(ALL_KINDS)('names a simulator-made %s token by its prefix', (kind) => {
    expect(githubSecretKind(makeGitHubSecret(kind))).toBe(kind);
  });

  it('ignores the whitespace a paste brings along', () => {
    expect(githubSecretKind(`  ${makeGitHubSecret('classic')}\n`)).toBe('classic');
  });

  it.each(['', 'glpat-abcdefghijklmnopqrst', 'ATATT3xFfGF0abc', 'GHP_zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq17', 'ghx_zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq17', 'github_abc'])(
    'knows %j as no GitHub token',
    (text) => {
      expect(githubSecretKind(text)).toBeNull();
    },
  );
});

describe('githubSecretProblem', () => {
  it('passes the example token of the layout description hosts-next.md cites', () => {
    // From the gist that describes the layout: "ghp_" + "zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ" + "0mLq17".
    expect(githubSecretProblem('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')).toBeNull();
  });

  it('passes every token the simulator issues, of every kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_KINDS), (kind) => {
        expect(githubSecretProblem(makeGitHubSecret(kind))).toBeNull();
      }),
    );
  });

  it('passes a token with the whitespace a paste brings along', () => {
    expect(githubSecretProblem(`\t${makeGitHubSecret('classic')} \r\n`)).toBeNull();
  });

  it('catches every single changed character of a checksummed token as a typo', () => {
    fc.assert(
      fc.property(checksummedToken, fc.nat(35), base62Char, (token, index, replacement) => {
        const at = 4 + index;
        fc.pre(token[at] !== replacement);
        const typo = token.slice(0, at) + replacement + token.slice(at + 1);
        expect(githubSecretProblem(typo)).toBe(TYPO);
      }),
    );
  });

  it('catches two neighbouring characters swapped as a typo', () => {
    fc.assert(
      fc.property(checksummedToken, fc.nat(34), (token, index) => {
        const at = 4 + index;
        fc.pre(token[at] !== token[at + 1]);
        const swapped = token.slice(0, at) + token[at + 1] + token[at] + token.slice(at + 2);
        expect(githubSecretProblem(swapped)).toBe(TYPO);
      }),
    );
  });

  it('says how long the token should be when a character was lost or added', () => {
    fc.assert(
      fc.property(checksummedToken, fc.nat(35), base62Char, (token, index, extra) => {
        const at = 4 + index;
        const shorter = token.slice(0, at) + token.slice(at + 1);
        const longer = token.slice(0, at) + extra + token.slice(at);
        const prefix = token.slice(0, 4);
        const lengths = prefix === 'ghr_' ? '40 or 80' : '40';
        expect(githubSecretProblem(shorter)).toBe(`A GitHub token beginning with ${prefix} is ${lengths} characters long and this one has 39: copy it again from where you saved it, whole.`);
        expect(githubSecretProblem(longer)).toMatch(new RegExp(`^A GitHub token beginning with ${prefix} is ${lengths} characters long and this one has 41:`));
      }),
    );
  });

  it('holds fine-grained tokens to their length, since their checksum, if any, is not published', () => {
    const token = makeGitHubSecret('fine-grained');
    expect(token).toHaveLength(93);
    expect(githubSecretProblem(token.slice(0, -1))).toBe(
      'A GitHub token beginning with github_pat_ is 93 characters long and this one has 92: copy it again from where you saved it, whole.',
    );
    expect(githubSecretProblem(`${token}A`)).toMatch(/is 93 characters long and this one has 94/);
    // A changed character cannot be told from a real token without a published checksum.
    const changed = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21);
    expect(githubSecretProblem(changed)).toBeNull();
  });

  it("takes refresh tokens of 80 characters, the length GitHub's own examples show", () => {
    const long = `ghr_${'1B4a2e77838347a7E420ce178F2E7c6912E169246c34E1ccbF66C46812d16D5B1A9Dc86A1498'}`;
    expect(long).toHaveLength(80);
    expect(githubSecretProblem(long)).toBeNull();
    // The 80 characters are not a length any other kind has.
    expect(githubSecretProblem(`ghp_${long.slice(4)}`)).toMatch(/ghp_ is 40 characters long and this one has 80/);
  });

  it('refuses a character GitHub never puts in a token', () => {
    const token = makeGitHubSecret('classic');
    expect(githubSecretProblem(`${token.slice(0, 10)}-${token.slice(11)}`)).toBe(
      'That GitHub token has a character GitHub never puts in one: copy it again from where you saved it, whole.',
    );
    expect(githubSecretProblem(`${token.slice(0, 10)}é${token.slice(11)}`)).toMatch(/a character GitHub never puts in one/);
    // Fine-grained tokens have underscores; other characters are as foreign to them.
    const fine = makeGitHubSecret('fine-grained');
    expect(githubSecretProblem(`${fine.slice(0, 40)}.${fine.slice(41)}`)).toMatch(/a character GitHub never puts in one/);
  });

  it('asks for the token when nothing was pasted, and for the token alone when spaces came inside it', () => {
    expect(githubSecretProblem('  \n')).toBe('Paste the GitHub token.');
    const token = makeGitHubSecret('oauth');
    expect(githubSecretProblem(`${token.slice(0, 20)} ${token.slice(20)}`)).toBe('A GitHub token has no spaces or line breaks: paste only the token.');
  });

  it('says when the text is not a GitHub token at all', () => {
    for (const text of ['glpat-xxxxxxxxxxxxxxxxxxxx', 'hunter2', `GHP_${makeGitHubSecret('classic').slice(4)}`]) {
      expect(githubSecretProblem(text)).toBe('That is not a GitHub token: GitHub tokens begin with ghp_, github_pat_, gho_, ghu_, ghs_ or ghr_.');
    }
  });

  it('never quotes the token back', () => {
    fc.assert(
      fc.property(checksummedToken, fc.nat(35), base62Char, (token, index, replacement) => {
        const at = 4 + index;
        const damaged = [token.slice(0, at) + replacement + token.slice(at + 1), token.slice(0, at) + token.slice(at + 1), `${token} x`];
        for (const text of damaged) {
          const problem = githubSecretProblem(text) ?? '';
          expect(problem).not.toContain(token.slice(4, 14));
          expect(problem).not.toContain(token.slice(-6));
        }
      }),
    );
  });

  it('knows every prefix the simulator issues', () => {
    expect(Object.values(GITHUB_TOKEN_PREFIX).map((prefix) => githubSecretKind(`${prefix}x`))).toEqual([
      'classic',
      'fine-grained',
      'oauth',
      'user-to-server',
      'refresh',
      'installation',
    ]);
  });
});
