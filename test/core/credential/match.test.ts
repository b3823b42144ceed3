import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathSegments, selectCredential, type MatchIndex } from '../../../electron/core/credential/match';
import { queryOf, type CredentialQuery } from '../../../electron/core/credential/protocol';
import type { Account, TokenOwner } from '../../../shared/domain';
import type { StoredToken } from '../../../electron/core/vault/types';
import { testToken } from '../vault/fixtures';

const NOW = Date.parse('2026-11-27T12:00:00Z');

function account(id: string, baseUrl: string, userSlug: string, isDefault = true): Account {
  return {
    id,
    host: 'bitbucket-datacenter',
    baseUrl,
    username: userSlug,
    userSlug,
    displayName: userSlug,
    rememberPassword: false,
    isDefault,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

const token = (accountId: string, tokenId: string, owner: TokenOwner, extra: Partial<StoredToken> = {}): StoredToken =>
  testToken(accountId, tokenId, { owner, ...extra });

const query = (parts: Partial<CredentialQuery>): CredentialQuery => queryOf({ protocol: 'https', host: 'bitbucket.example.com', ...parts });

const alice = account('acc-a', 'https://bitbucket.example.com', 'alice');
const personal = token('acc-a', '012345678901', { kind: 'user' });

describe('selecting the credential for a request', () => {
  const index: MatchIndex = { accounts: [alice], storedTokens: [personal] };

  it('answers the personal token with the user slug for an exact host', () => {
    const selection = selectCredential(query({}), index, NOW);
    expect(selection).toMatchObject({ kind: 'basic', username: 'alice', token: { tokenId: '012345678901' } });
  });

  it.each([
    ['another protocol', { protocol: 'http' }],
    ['upper case', { host: 'Bitbucket.example.com' }],
    ['an explicit default port', { host: 'bitbucket.example.com:443' }],
    ['another port', { host: 'bitbucket.example.com:8443' }],
    ['a trailing dot', { host: 'bitbucket.example.com.' }],
    ['user-info in the host', { host: 'alice@bitbucket.example.com' }],
    ['a look-alike suffix', { host: 'bitbucket.example.com.evil.test' }],
    ['a look-alike prefix', { host: 'evilbitbucket.example.com' }],
    ['a subdomain', { host: 'www.bitbucket.example.com' }],
    ['a parent domain', { host: 'example.com' }],
    ['no host', { host: undefined }],
    ['no protocol', { protocol: undefined }],
  ])('answers nothing for %s', (_label, parts) => {
    expect(selectCredential(query(parts as Partial<CredentialQuery>), index, NOW).kind).toBe('none');
  });

  it('skips expired and rejected tokens', () => {
    const expired = token('acc-a', '000000000001', { kind: 'user' }, { expiresAt: '2026-11-27T11:59:59.000Z' });
    const rejected = token('acc-a', '000000000002', { kind: 'user' }, { rejectedAt: '2026-11-01T00:00:00.000Z' });
    expect(selectCredential(query({}), { accounts: [alice], storedTokens: [expired, rejected] }, NOW).kind).toBe('none');
  });

  it('prefers the newest usable token', () => {
    const older = token('acc-a', '000000000001', { kind: 'user' }, { createdAt: '2026-01-01T00:00:00.000Z' });
    const newer = token('acc-a', '000000000002', { kind: 'user' }, { createdAt: '2026-06-01T00:00:00.000Z' });
    const selection = selectCredential(query({}), { accounts: [alice], storedTokens: [older, newer] }, NOW);
    expect(selection.kind === 'basic' && selection.token.tokenId).toBe('000000000002');
  });

  describe('several accounts on one host', () => {
    const bob = account('acc-b', 'https://bitbucket.example.com', 'bob', false);
    const bobs = token('acc-b', '111111111111', { kind: 'user' }, { gitUsername: 'bob' });
    const both: MatchIndex = { accounts: [alice, bob], storedTokens: [personal, bobs] };

    it('lets the username in the request pick the account', () => {
      const selection = selectCredential(query({ username: 'bob' }), both, NOW);
      expect(selection).toMatchObject({ kind: 'basic', username: 'bob', token: { tokenId: '111111111111' } });
    });

    it('uses the default account when no username is given', () => {
      const selection = selectCredential(query({}), both, NOW);
      expect(selection).toMatchObject({ kind: 'basic', username: 'alice' });
    });

    it('answers nothing for a username no account has', () => {
      expect(selectCredential(query({ username: 'carol' }), both, NOW).kind).toBe('none');
    });

    it('answers nothing without a username when no account is the default', () => {
      const noDefault = { ...both, accounts: [{ ...alice, isDefault: false }, bob] };
      expect(selectCredential(query({}), noDefault, NOW).kind).toBe('none');
    });
  });

  describe('Bitbucket Cloud, where git sends one fixed username with every API token', () => {
    const cloud = (id: string, email: string, userSlug: string, isDefault: boolean): Account => ({
      ...account(id, 'https://bitbucket.org', userSlug, isDefault),
      host: 'bitbucket-cloud',
      username: email,
    });
    const ana = cloud('acc-ana', 'ana@example.com', 'ana-dev', true);
    const bo = cloud('acc-bo', 'bo@example.com', 'bo', false);
    const fixed = 'x-bitbucket-api-token-auth';
    const anas = token('acc-ana', 'pasted-0123456789ab', { kind: 'user' }, { gitUsername: fixed });
    const bos = token('acc-bo', 'pasted-ba9876543210', { kind: 'user' }, { gitUsername: fixed });
    const index: MatchIndex = { accounts: [ana, bo], storedTokens: [anas, bos] };
    const cloudQuery = (parts: Partial<CredentialQuery>) => query({ host: 'bitbucket.org', path: 'team/app.git', ...parts });

    it('treats x-bitbucket-api-token-auth in the URL as naming no one: the default account answers', () => {
      const selection = selectCredential(cloudQuery({ username: fixed }), index, NOW);
      expect(selection).toMatchObject({ kind: 'basic', username: fixed, account: { id: 'acc-ana' }, token: { tokenId: 'pasted-0123456789ab' } });
    });

    it('still lets the Bitbucket username or the email in the URL pick the account', () => {
      expect(selectCredential(cloudQuery({ username: 'bo' }), index, NOW)).toMatchObject({ account: { id: 'acc-bo' }, username: fixed });
      expect(selectCredential(cloudQuery({ username: 'bo@example.com' }), index, NOW)).toMatchObject({ account: { id: 'acc-bo' } });
    });

    it('answers nothing for the fixed username when no account is the default', () => {
      const noDefault = { ...index, accounts: [{ ...ana, isDefault: false }, bo] };
      expect(selectCredential(cloudQuery({ username: fixed }), noDefault, NOW).kind).toBe('none');
    });

    it('gives a Data Center account no such pass: there the username names the person', () => {
      expect(selectCredential(query({ username: fixed }), { accounts: [alice], storedTokens: [personal] }, NOW).kind).toBe('none');
    });
  });

  describe('path-scoped tokens', () => {
    const project = token('acc-a', '222222222222', { kind: 'project', projectKey: 'PROJ' });
    const repo = token('acc-a', '333333333333', { kind: 'repository', projectKey: 'PROJ', repoSlug: 'app' });
    const scoped: MatchIndex = { accounts: [alice], storedTokens: [project, repo] };
    const bearer = ['authtype'];

    it('answers Bearer with the most specific token when git can send it', () => {
      const selection = selectCredential(query({ path: 'scm/proj/app.git', capabilities: bearer }), scoped, NOW);
      expect(selection).toMatchObject({ kind: 'bearer', token: { tokenId: '333333333333' } });
      const other = selectCredential(query({ path: 'scm/proj/other.git', capabilities: bearer }), scoped, NOW);
      expect(other).toMatchObject({ kind: 'bearer', token: { tokenId: '222222222222' } });
    });

    it.each(['scm/other/app.git', 'scm/proj', 'scm/proj/../other/app.git', 'scm//proj/app.git', 'projects/proj/app.git'])(
      'answers nothing for %s',
      (path) => {
        expect(selectCredential(query({ path, capabilities: bearer }), scoped, NOW).kind).toBe('none');
      },
    );

    it('answers nothing, with a hint, when git cannot send Bearer', () => {
      const selection = selectCredential(query({ path: 'scm/proj/app.git' }), scoped, NOW);
      expect(selection.kind).toBe('none');
      expect(selection.kind === 'none' && selection.hint).toMatch(/git 2\.46/);
    });

    it('prefers a personal token over a scoped one when git sends no path', () => {
      const selection = selectCredential(query({ capabilities: bearer }), { accounts: [alice], storedTokens: [project, personal] }, NOW);
      expect(selection).toMatchObject({ kind: 'basic', token: { tokenId: '012345678901' } });
    });

    it('keeps a server with a context path to paths inside it', () => {
      const ctx = account('acc-c', 'https://bitbucket.example.com/bitbucket', 'alice');
      const t = token('acc-c', '444444444444', { kind: 'user' });
      const i: MatchIndex = { accounts: [ctx], storedTokens: [t] };
      expect(selectCredential(query({ path: 'bitbucket/scm/p/r.git' }), i, NOW).kind).toBe('basic');
      expect(selectCredential(query({ path: 'other/scm/p/r.git' }), i, NOW).kind).toBe('none');
    });
  });

  it('splits paths and refuses traversal', () => {
    expect(pathSegments('/scm/p/r.git/')).toEqual(['scm', 'p', 'r.git']);
    expect(pathSegments('scm/./r.git')).toBeNull();
    expect(pathSegments('scm\\p')).toBeNull();
  });
});

// A host name as a stored server would have it: lower-case labels, optional non-default port.
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
// The last label is alphabetic: URL parsing would turn an all-numeric name into an IPv4 address.
const tld = fc.stringMatching(/^[a-z]{2,6}$/);
// Only names a server address can hold: URL parsing refuses some (e.g. a label "xn--0" is not valid punycode),
// and normalizeBaseUrl would never have stored those.
const parsesAsHost = (name: string) => URL.canParse(`https://${name}`) && new URL(`https://${name}`).hostname === name;
const nameArb = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld)
  .map(([labels, last]) => [...labels, last])
  .filter((labels) => parsesAsHost(labels.join('.')));
const hostArb = fc.tuple(nameArb, fc.option(fc.integer({ min: 1, max: 65535 }).filter((p) => p !== 443), { nil: undefined }));

/** Ways a host in a request can differ from the stored one while looking alike. */
const mutation = fc.constantFrom(
  'upper',
  'trailing-dot',
  'userinfo',
  'suffix',
  'prefix',
  'port',
  'drop-port',
  'other-port',
  'subdomain',
  'strip-label',
  'swap-char',
  'space',
  'percent',
);

function mutate(name: string, port: number | undefined, how: string, pick: number): string {
  const host = port === undefined ? name : `${name}:${port}`;
  switch (how) {
    case 'upper': {
      const letters = [...name].map((c, i) => [c, i] as const).filter(([c]) => /[a-z]/.test(c));
      if (letters.length === 0) return `${host}.`;
      const [, i] = letters[pick % letters.length]!;
      const upper = name.slice(0, i) + name[i]!.toUpperCase() + name.slice(i + 1);
      return port === undefined ? upper : `${upper}:${port}`;
    }
    case 'trailing-dot':
      return port === undefined ? `${name}.` : `${name}.:${port}`;
    case 'userinfo':
      return `git@${host}`;
    case 'suffix':
      return port === undefined ? `${name}.evil.test` : `${name}.evil.test:${port}`;
    case 'prefix':
      return `x${host}`;
    case 'port':
      return port === undefined ? `${name}:443` : `${name}:${port}0`;
    case 'drop-port':
      return port === undefined ? `${name}:8080` : name;
    case 'other-port':
      return `${name}:${port === undefined ? 1 + (pick % 442) : (port % 65535) + 1}`;
    case 'subdomain':
      return `a.${host}`;
    case 'strip-label':
      return name.includes('.') ? host.slice(host.indexOf('.') + 1) : `${host}x`;
    case 'swap-char': {
      const i = pick % name.length;
      const c = name[i] === 'a' ? 'b' : 'a';
      const swapped = name.slice(0, i) + c + name.slice(i + 1);
      return port === undefined ? swapped : `${swapped}:${port}`;
    }
    case 'space':
      return ` ${host}`;
    default:
      return `${host}%2e`;
  }
}

describe('host matching properties', () => {
  it('answers the exact host and nothing that differs from it in any way', () => {
    fc.assert(
      fc.property(hostArb, mutation, fc.nat(), fc.constantFrom('https', 'http'), ([labels, port], how, pick, protocol) => {
        const name = labels.join('.');
        const host = port === undefined ? name : `${name}:${port}`;
        const index: MatchIndex = {
          accounts: [account('acc-a', `https://${host}`, 'alice')],
          storedTokens: [personal],
        };
        expect(selectCredential(query({ host }), index, NOW).kind).toBe('basic');
        const other = mutate(name, port, how, pick);
        fc.pre(other !== host);
        expect(selectCredential(query({ host: other }), index, NOW).kind).toBe('none');
        // The protocol is part of the match too: an https server never answers a plain http request.
        if (protocol === 'http') expect(selectCredential(query({ host, protocol: 'http' }), index, NOW).kind).toBe('none');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('GitLab: the narrowest stored token that covers the path', () => {
  const jane: Account = { ...account('acc-g', 'https://gitlab.example.com', 'jane'), host: 'gitlab' };
  const gl = (parts: Partial<CredentialQuery>): CredentialQuery => queryOf({ protocol: 'https', host: 'gitlab.example.com', ...parts });
  const management = token('acc-g', '1', { kind: 'user' }, { management: true, gitUsername: 'jane', createdAt: '2026-11-01T00:00:00.000Z' });
  const personalToken = token('acc-g', '2', { kind: 'user' }, { gitUsername: 'jane', createdAt: '2026-10-01T00:00:00.000Z' });
  const group = token('acc-g', '3', { kind: 'group', groupPath: 'acme' }, { gitUsername: 'jane' });
  const subgroup = token('acc-g', '4', { kind: 'group', groupPath: 'acme/tools' }, { gitUsername: 'jane' });
  const project = token('acc-g', '5', { kind: 'project', projectKey: 'acme/tools/app' }, { gitUsername: 'jane' });
  const chosen = (tokens: StoredToken[], path?: string) => {
    const selection = selectCredential(gl(path === undefined ? {} : { path }), { accounts: [jane], storedTokens: tokens }, NOW);
    return selection.kind === 'none' ? null : selection.token.tokenId;
  };

  it('gives a project token for its project, a group token for its group, the subgroup before the group', () => {
    const all = [management, personalToken, group, subgroup, project];
    expect(chosen(all, 'acme/tools/app.git')).toBe('5');
    expect(chosen(all, 'ACME/Tools/App.git')).toBe('5');
    expect(chosen(all, 'acme/tools/other.git')).toBe('4');
    expect(chosen(all, 'acme/web.git')).toBe('3');
    expect(chosen(all, 'other/lib.git')).toBe('2');
    expect(chosen(all, 'acme.git')).toBe('2');
    expect(chosen(all, 'acme/tools/app/more.git')).toBe('4');
  });

  it('gives the management token only when nothing narrower covers the path, even when it is newer', () => {
    expect(chosen([management, personalToken], 'other/lib.git')).toBe('2');
    expect(chosen([management, personalToken])).toBe('2');
    expect(chosen([management, project], 'other/lib.git')).toBe('1');
    expect(chosen([management])).toBe('1');
  });
});

describe('which of several stored tokens git gets', () => {
  const read = token('acc-a', '000000000010', { kind: 'user' }, { scopes: ['PROJECT_READ', 'REPO_READ'], createdAt: '2026-11-20T00:00:00.000Z' });
  const write = token('acc-a', '000000000011', { kind: 'user' }, { scopes: ['PROJECT_READ', 'REPO_WRITE'], createdAt: '2026-11-01T00:00:00.000Z' });
  const repoRead = token('acc-a', '000000000012', { kind: 'repository', projectKey: 'PRJ', repoSlug: 'app' }, { scopes: ['REPO_READ'], createdAt: '2026-11-25T00:00:00.000Z', gitUsername: null });
  const picked = (tokens: StoredToken[], parts: Partial<CredentialQuery> = {}) => {
    const selection = selectCredential(query({ capabilities: ['authtype'], ...parts }), { accounts: [alice], storedTokens: tokens }, NOW);
    return selection.kind === 'none' ? null : selection.token.tokenId;
  };

  it('gives the one reaching highest on repositories, not the newest', () => {
    expect(picked([read, write])).toBe(write.tokenId);
    expect(picked([write, read])).toBe(write.tokenId);
  });

  it('prefers write over a more specific read-only token for the same repository', () => {
    expect(picked([repoRead, write], { path: 'scm/prj/app.git' })).toBe(write.tokenId);
  });

  it('without a path (latch token get, exec), gives a personal token before a project one that reaches higher', () => {
    const projectWrite = token('acc-a', '000000000013', { kind: 'project', projectKey: 'PRJ' }, { scopes: ['PROJECT_WRITE', 'REPO_WRITE'], gitUsername: null });
    expect(picked([projectWrite, read])).toBe(read.tokenId);
    expect(picked([projectWrite, read], { path: 'scm/prj/app.git' })).toBe(projectWrite.tokenId);
  });

  it('gives the token the person pinned first, wherever it covers the path', () => {
    const pinned = { ...read, useForGit: true };
    expect(picked([pinned, write])).toBe(read.tokenId);
    const pinnedRepo = { ...repoRead, useForGit: true };
    expect(picked([pinnedRepo, write], { path: 'scm/prj/app.git' })).toBe(repoRead.tokenId);
    // Outside the repository it covers, the pin does not apply.
    expect(picked([pinnedRepo, write], { path: 'scm/prj/other.git' })).toBe(write.tokenId);
  });
});
