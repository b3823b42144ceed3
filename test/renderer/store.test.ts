// The renderer's store against a stand-in for main that answers the IPC contract from memory.
// (The real main, core, keychain and host are exercised by test/e2e; these pin down the store's own rules.)
import { describe, expect, it } from 'vitest';
import type { AccountView, RevealedToken } from '../../shared/domain';
import type { ChannelName } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import { buildBridge } from '../../electron/preload/bridge';
import { listKey } from '../../renderer/lib/owner';
import { createLatchStore } from '../../renderer/store';
import { token as storedToken } from './fixtures';

const account = (id: string): AccountView => ({
  id,
  host: 'bitbucket-datacenter',
  baseUrl: 'https://bitbucket.example.com',
  username: id,
  userSlug: id,
  displayName: id.toUpperCase(),
  rememberPassword: false,
  isDefault: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  lock: { state: 'unlocked', until: '2099-01-01T00:00:00.000Z' },
});

const token = (id: string, name: string) => storedToken(id, name, { stored: true });

type Answer = (input: never) => Promise<Result<unknown>> | Result<unknown>;

function fakeMain(answers: Partial<Record<ChannelName, Answer>>) {
  const calls: Array<{ channel: string; input: unknown }> = [];
  const bridge = buildBridge(async (channel, input) => {
    calls.push({ channel, input });
    const answer = answers[channel as ChannelName];
    return answer ? answer(input as never) : fail('internal', `no answer for ${channel}`);
  });
  return { bridge, calls };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const REVEALED: RevealedToken = {
  token: token('000000000042', 'CI'),
  secret: 'BBDC-c2VjcmV0',
  gitUsername: 'alice',
  revealId: 'reveal-1',
};

describe('the renderer store', () => {
  it('selects the first account on load and lists its personal tokens', async () => {
    const { bridge, calls } = fakeMain({
      'accounts:list': () => ok([account('alice'), account('bob')]),
      'tokens:list': () => ok([token('000000000001', 'one')]),
    });
    const store = createLatchStore(bridge);
    await store.getState().loadAccounts();
    await settle();
    expect(store.getState().selectedAccountId).toBe('alice');
    expect(calls.find((call) => call.channel === 'tokens:list')?.input).toEqual({ accountId: 'alice', owner: { kind: 'user' } });
    expect(store.getState().lists[listKey('alice', { kind: 'user' })]?.tokens.map((item) => item.name)).toEqual(['one']);
  });

  it('holds the secret only while the reveal is open, and wipes it even when main cannot be told', async () => {
    const { bridge, calls } = fakeMain({
      'accounts:list': () => ok([account('alice')]),
      'tokens:list': () => ok([]),
      'tokens:create': () => ok(REVEALED),
      'reveal:close': () => fail('internal', 'main went away'),
    });
    const store = createLatchStore(bridge);
    await store.getState().loadAccounts();
    await settle();
    expect(await store.getState().createToken({ name: 'CI', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: 30, store: true })).toBeNull();
    expect(store.getState().reveal?.secret).toBe(REVEALED.secret);
    // The list gets the token (never the secret) at once.
    expect(JSON.stringify(store.getState().lists)).not.toContain(REVEALED.secret);

    await store.getState().closeReveal();
    expect(store.getState().reveal).toBeNull();
    expect(JSON.stringify(store.getState())).not.toContain(REVEALED.secret);
    expect(calls.at(-1)).toEqual({ channel: 'reveal:close', input: { revealId: 'reveal-1' } });
  });

  it('does not bring a closed reveal back when a slow copy answers afterwards', async () => {
    let answerCopy: (value: Result<unknown>) => void = () => {};
    const { bridge } = fakeMain({
      'accounts:list': () => ok([account('alice')]),
      'tokens:list': () => ok([]),
      'tokens:create': () => ok(REVEALED),
      'reveal:copy': () => new Promise((resolve) => (answerCopy = resolve)),
      'reveal:close': () => ok(null),
    });
    const store = createLatchStore(bridge);
    await store.getState().loadAccounts();
    await store.getState().createToken({ name: 'CI', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: null, store: false });
    const copying = store.getState().copySecret();
    expect(store.getState().copy).toEqual({ state: 'copying' });
    await store.getState().closeReveal();
    answerCopy(ok({ clearAfterSeconds: 30 }));
    await copying;
    expect(store.getState().reveal).toBeNull();
    expect(store.getState().copy).toEqual({ state: 'idle' });
  });

  it('hands a failed create back to the form and changes nothing', async () => {
    const { bridge } = fakeMain({
      'accounts:list': () => ok([account('alice')]),
      'tokens:list': () => ok([]),
      'tokens:create': () => fail('conflict', 'The host allows no more tokens for this user.'),
    });
    const store = createLatchStore(bridge);
    await store.getState().loadAccounts();
    store.getState().openDialog({ kind: 'create-token' });
    const failure = await store.getState().createToken({ name: 'CI', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: null, store: true });
    expect(failure).toMatchObject({ code: 'conflict', message: 'The host allows no more tokens for this user.' });
    expect(store.getState().reveal).toBeNull();
    expect(store.getState().dialog).toEqual({ kind: 'create-token' });
  });

  it('asks main for the lock state again when listing finds the account locked', async () => {
    let lock: AccountView['lock'] = { state: 'unlocked', until: '2099-01-01T00:00:00.000Z' };
    const { bridge } = fakeMain({
      'accounts:list': () => ok([{ ...account('alice'), lock }]),
      'tokens:list': () => {
        lock = { state: 'locked' };
        return fail('locked', 'Latch needs the password for alice on bitbucket.example.com.');
      },
    });
    const store = createLatchStore(bridge);
    await store.getState().loadAccounts();
    await store.getState().loadTokens();
    expect(store.getState().accounts[0]?.lock).toEqual({ state: 'locked' });
    expect(store.getState().lists[listKey('alice', { kind: 'user' })]?.error?.code).toBe('locked');
  });

  it('revokes from the list of the token’s own owner', async () => {
    const projectToken = { ...token('000000000007', 'deploy'), owner: { kind: 'project' as const, projectKey: 'WEB' } };
    const { bridge, calls } = fakeMain({
      'accounts:list': () => ok([account('alice')]),
      'tokens:list': () => ok([projectToken]),
      'tokens:revoke': () => ok(null),
    });
    const store = createLatchStore(bridge);
    await store.getState().loadAccounts();
    store.getState().setOwner({ kind: 'project', projectKey: 'WEB' });
    await settle();
    expect(await store.getState().revokeToken(projectToken)).toBeNull();
    expect(calls.at(-1)).toEqual({ channel: 'tokens:revoke', input: { accountId: 'alice', tokenId: '000000000007', owner: { kind: 'project', projectKey: 'WEB' } } });
    expect(store.getState().lists[listKey('alice', { kind: 'project', projectKey: 'WEB' })]?.tokens).toEqual([]);
  });

  it('keeps a pasted token: the secret goes to main and nowhere into the store; a refusal changes nothing', async () => {
    const cloud: AccountView = { ...account('carol'), host: 'bitbucket-cloud', baseUrl: 'https://bitbucket.org', lock: { state: 'no-password' } };
    const secret = 'ATATT3xFfGF0-pasted-secret';
    const kept = storedToken('pasted-0123456789ab', 'laptop', { scopes: [], stored: true, expiresAt: '2027-03-31T23:59:59.000Z' });
    let refuse = true;
    const { bridge, calls } = fakeMain({
      'accounts:list': () => ok([cloud]),
      // Once kept, main lists it too (the list is read again for which token git gets).
      'tokens:list': () => ok([...(refuse ? [] : [kept]), storedToken('pasted-aaaaaaaaaaaa', 'older', { scopes: [], stored: true })]),
      'tokens:add': () => (refuse ? fail('auth', 'Bitbucket Cloud did not accept that API token for carol.') : ok(kept)),
    });
    const store = createLatchStore(bridge);
    await store.getState().loadAccounts();
    await settle();
    store.getState().openDialog({ kind: 'add-token' });
    const pasted = { name: 'laptop', secret, expiresOn: '2027-03-31' };

    expect(await store.getState().addToken(pasted)).toMatchObject({ code: 'auth', message: 'Bitbucket Cloud did not accept that API token for carol.' });
    expect(store.getState().dialog).toEqual({ kind: 'add-token' });
    expect(store.getState().lists[listKey('carol', { kind: 'user' })]?.tokens.map((item) => item.name)).toEqual(['older']);

    refuse = false;
    expect(await store.getState().addToken(pasted)).toBeNull();
    expect(calls.filter((call) => call.channel === 'tokens:add').at(-1)).toEqual({ channel: 'tokens:add', input: { accountId: 'carol', token: pasted } });
    expect(calls.at(-1)?.channel).toBe('tokens:list');
    await settle();
    expect(store.getState().dialog).toBeNull();
    expect(store.getState().lists[listKey('carol', { kind: 'user' })]?.tokens.map((item) => item.name)).toEqual(['laptop', 'older']);
    expect(JSON.stringify(store.getState())).not.toContain(secret);
  });

  it('forgets every list of a removed account and moves to the next account', async () => {
    const { bridge } = fakeMain({
      'accounts:list': () => ok([account('alice'), account('bob')]),
      'tokens:list': () => ok([token('000000000001', 'one')]),
      'accounts:remove': () => ok(null),
    });
    const store = createLatchStore(bridge);
    await store.getState().loadAccounts();
    await settle();
    expect(await store.getState().removeAccount('alice')).toBeNull();
    await settle();
    expect(store.getState().accounts.map((item) => item.id)).toEqual(['bob']);
    expect(store.getState().selectedAccountId).toBe('bob');
    expect(Object.keys(store.getState().lists).some((key) => key.startsWith('alice|'))).toBe(false);
  });
});
