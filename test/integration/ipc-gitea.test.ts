// The window's path for Gitea's one-time codes: each IPC channel that reaches the server (add, unlock,
// token list, create, revoke) takes an optional code, parsed by the contract and held by the session
// for that one call, against the Gitea simulator over a real socket with the real keychain.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, createOsKeychain, type Core } from '../../electron/core/index';
import type { AccountView, RevealedToken } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { startGiteaSimulator, type GiteaSimulator } from '../hosts/gitea';
import { MemoryClipboard } from '../core/services/memory-clipboard';

const PASSWORD = 'carol password 2';

describe('one-time codes through IPC (Gitea)', () => {
  let now = Date.parse('2026-11-27T10:00:00Z');
  let sim: GiteaSimulator;
  let core: Core;
  let home: string;
  const nextCode = () => {
    now += 30_000;
    return sim.currentOtp('carol');
  };
  const call = (channel: Parameters<Core['dispatch']>[0], input: unknown) => core.dispatch(channel, input, true) as Promise<Result<unknown>>;
  const owner = { kind: 'user' } as const;

  beforeEach(async () => {
    sim = await startGiteaSimulator({ flavor: 'gitea', now: () => now });
    sim.addUser({ username: 'carol', password: PASSWORD, totp: true });
    home = mkdtempSync(join(tmpdir(), 'latch-ipc-gitea-'));
    core = createCore({ home, keychain: createOsKeychain({ service: `Latch ipc test ${randomBytes(4).toString('hex')}` }), clipboard: new MemoryClipboard() });
  });

  afterEach(async () => {
    await core.dispose();
    await sim.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('sends each code with its one call, and says when a code is missing or used', async () => {
    const base = { host: 'gitea', baseUrl: sim.baseUrl, username: 'carol', password: PASSWORD, rememberPassword: false };
    expect(await call('accounts:add', base)).toMatchObject({ ok: false, code: 'otp-required' });
    const added = (await call('accounts:add', { ...base, otp: nextCode() })) as Result<AccountView>;
    expect(added).toMatchObject({ ok: true, value: { server: 'Gitea 1.27.1' } });
    const accountId = added.ok ? added.value.id : '';

    expect(await call('tokens:list', { accountId, owner })).toMatchObject({ ok: false, code: 'otp-required' });
    expect(await call('tokens:list', { accountId, owner, otp: nextCode() })).toEqual({ ok: true, value: [] });

    const request = { accountId, owner, name: 'laptop', scopes: ['write:repository'], expiryDays: null, store: true };
    const code = nextCode();
    const created = (await call('tokens:create', { ...request, otp: code })) as Result<RevealedToken>;
    expect(created).toMatchObject({ ok: true, value: { token: { name: 'laptop', scopes: ['write:repository'], stored: true } } });
    const tokenId = created.ok ? created.value.token.id : '';

    // The code just used is refused; the list still has the token; a fresh code revokes it.
    expect(await call('tokens:revoke', { accountId, owner, tokenId, otp: code })).toMatchObject({ ok: false, code: 'otp-required' });
    expect(sim.tokens('carol').map((token) => token.name)).toEqual(['laptop']);
    expect(await call('tokens:revoke', { accountId, owner, tokenId, otp: nextCode() })).toEqual({ ok: true, value: null });
    expect(sim.tokens('carol')).toEqual([]);

    // A code sent with a call that stopped before the server is not left for the next call.
    const project = { kind: 'project', projectKey: 'ops' };
    expect(await call('tokens:create', { ...request, owner: project, otp: nextCode() })).toMatchObject({ ok: false, code: 'unsupported' });
    expect(await call('tokens:list', { accountId, owner })).toMatchObject({ ok: false, code: 'otp-required' });

    await call('accounts:lock', { accountId });
    expect(await call('accounts:unlock', { accountId, password: PASSWORD })).toMatchObject({ ok: false, code: 'otp-required' });
    expect(await call('accounts:unlock', { accountId, password: PASSWORD, otp: nextCode() })).toMatchObject({ ok: true, value: { lock: { state: 'unlocked' } } });
  });

  it('refuses a code longer than any authenticator shows, without quoting it', async () => {
    const long = '1234567890123456789';
    const result = await call('tokens:list', { accountId: 'x', owner, otp: long });
    expect(result).toMatchObject({ ok: false, code: 'validation' });
    expect(JSON.stringify(result)).not.toContain(long);
  });
});
