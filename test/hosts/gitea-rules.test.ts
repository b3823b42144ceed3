// The simulator's reading of a delete path and of scopes must be Go's and the servers', or the
// delete-by-id and scope tests built on it would prove nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grants, normalizeScopes, parseIntBase0, SCOPE_NAMES } from './gitea-rules';

describe('strconv.ParseInt(s, 0, 64) with the error dropped', () => {
  it('reads every base Go knows, with a sign and underscores between digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: (1n << 63n) - 1n }), (n) => {
        const decimal = n.toString();
        const grouped = decimal.replace(/\B(?=(\d{3})+(?!\d))/g, '_');
        for (const text of [decimal, grouped, `+${decimal}`, `0x${n.toString(16)}`, `0X${n.toString(16).toUpperCase()}`, `0o${n.toString(8)}`, `0${n.toString(8)}`, `0b${n.toString(2)}`]) {
          expect(parseIntBase0(text), text).toBe(n);
        }
        expect(parseIntBase0(`-${decimal}`)).toBe(-n);
      }),
    );
  });

  it('reads anything else as 0, which the handler then takes for a name', () => {
    for (const text of ['', 'laptop', '12a', '0x', '0b', '1__0', '_1', '1_', '0x_', '08', '1.5', ' 1', '0x1g', '+', '-']) {
      expect(parseIntBase0(text), JSON.stringify(text)).toBe(0n);
    }
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z -]*$/), (name) => {
        expect(parseIntBase0(name)).toBe(0n);
      }),
    );
  });

  it('clamps a number too large for int64, so it names no token rather than falling back to a name', () => {
    expect(parseIntBase0('99999999999999999999')).toBe((1n << 63n) - 1n);
    expect(parseIntBase0('-99999999999999999999')).toBe(-(1n << 63n));
  });
});

describe('scope normalisation', () => {
  it('keeps what was granted, each once, and never widens it', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SCOPE_NAMES), { minLength: 1, maxLength: 12 }), (requested) => {
        const result = normalizeScopes(requested, 'gitea');
        if (!('scopes' in result)) throw new Error(result.error);
        for (const scope of requested) if (scope !== 'public-only') expect(grants(result.scopes, scope), scope).toBe(true);
        expect(new Set(result.scopes).size).toBe(result.scopes.length);
        // Normalising again changes nothing.
        expect(normalizeScopes(result.scopes, 'gitea')).toEqual(result);
        // Nothing granted that was not asked for, directly or as part of a write or of all.
        for (const scope of SCOPE_NAMES.filter((name) => name.includes(':'))) {
          if (grants(result.scopes, scope)) expect(requested.some((asked) => grants([asked], scope))).toBe(true);
        }
      }),
    );
  });

  it('drops reads a write implies and writes a full set as all, in the servers order', () => {
    expect(normalizeScopes(['read:user', 'write:repository', 'read:repository', 'public-only'], 'forgejo')).toEqual({ scopes: ['public-only', 'write:repository', 'read:user'] });
    const writes = ['user', 'repository', 'issue', 'package', 'organization', 'notification', 'misc', 'admin', 'activitypub'].map((c) => `write:${c}`);
    expect(normalizeScopes(writes, 'gitea')).toEqual({ scopes: ['all'] });
    expect(normalizeScopes(['public-only', 'all'], 'gitea')).toEqual({ scopes: ['public-only', 'all'] });
  });

  it('refuses an unknown name, except that Forgejo skips the old "sudo"', () => {
    expect(normalizeScopes(['read:user', 'repo'], 'gitea')).toEqual({ error: 'invalid access token scope provided: invalid access token scope: repo' });
    expect(normalizeScopes(['sudo', 'read:user'], 'gitea')).toEqual({ error: 'invalid access token scope provided: invalid access token scope: sudo' });
    expect(normalizeScopes(['sudo', 'read:user'], 'forgejo')).toEqual({ scopes: ['read:user'] });
  });
});
