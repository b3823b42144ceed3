// The IPC entry point Electron main and the browser harness both call.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/channels';
import type { IpcHandlers } from '../../../shared/contract';
import { LatchError, ok } from '../../../shared/result';
import { createDispatcher } from '../../../electron/core/ipc/dispatch';
import { FakeHost } from '../services/fake-host';
import { createHarness, type Harness } from '../services/harness';

const PASSWORD = 'p4ssw0rd-never-echoed';

let host: FakeHost;
let h: Harness;
beforeEach(() => {
  host = new FakeHost();
  host.addUser('alice', PASSWORD);
  h = createHarness({ host });
});
afterEach(() => h.close());

/** Handlers that each do something chosen by the test. */
function handlersWith(overrides: Partial<Record<string, (input: unknown) => Promise<unknown>>>): IpcHandlers {
  const all: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNELS) all[channel] = overrides[channel] ?? (async () => ok(null));
  return all as unknown as IpcHandlers;
}

describe('dispatch', () => {
  it('runs a valid call through the real handlers', async () => {
    const added = await h.core.dispatch(
      'accounts:add',
      { host: 'bitbucket-datacenter', baseUrl: 'https://bitbucket.example.com', username: 'alice', password: PASSWORD, rememberPassword: false },
      true,
    );
    expect(added).toMatchObject({ ok: true, value: { username: 'alice', lock: { state: 'unlocked' } } });
    expect(await h.core.dispatch('accounts:list', {}, true)).toMatchObject({ ok: true, value: [{ username: 'alice' }] });
  });

  it('refuses a sender that is not our window, before looking at anything else', async () => {
    const result = await h.core.dispatch('accounts:list', {}, false);
    expect(result).toEqual({ ok: false, code: 'forbidden-sender', message: 'Latch refused a request that did not come from its own window.' });
    expect(await h.core.dispatch('no:such', {}, false)).toMatchObject({ code: 'forbidden-sender' });
  });

  it('refuses channels outside the contract, including inherited object keys', async () => {
    for (const channel of ['no:such', '__proto__', 'constructor', 'toString', '', 'accounts']) {
      expect(await h.core.dispatch(channel, {}, true)).toMatchObject({ ok: false, code: 'validation' });
    }
  });

  it('refuses input that does not fit the channel, naming the field and never echoing the input', async () => {
    const result = await h.core.dispatch('accounts:unlock', { accountId: 42, password: PASSWORD, extra: PASSWORD }, true);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('validation');
    expect(result.message).toMatch(/^Latch refused the request: accountId has the wrong type/);
    expect(result.message).toMatch(/a field Latch does not accept/);
    expect(result.message).not.toContain(PASSWORD);
    expect(host.calls).toEqual([]);
  });

  it('says which field is missing or empty', async () => {
    expect(await h.core.dispatch('accounts:unlock', { accountId: 'a1' }, true)).toMatchObject({
      message: 'Latch refused the request: password is missing.',
    });
    expect(await h.core.dispatch('accounts:unlock', { accountId: 'a1', password: '' }, true)).toMatchObject({
      message: 'Latch refused the request: password is empty.',
    });
    expect(await h.core.dispatch('tokens:create', { accountId: 'a1', name: ' ', scopes: ['REPO_READ'], expiryDays: null, owner: { kind: 'user' }, store: true }, true)).toMatchObject({
      message: 'Latch refused the request: Give the token a name.',
    });
  });

  it('does not quote a schema message that would repeat part of the input', async () => {
    const result = await h.core.dispatch('accounts:add', 'hunter2-hunter2', true);
    expect(result).toMatchObject({ ok: false, code: 'validation' });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('turns a LatchError thrown by a handler into its Failure', async () => {
    const dispatch = createDispatcher(
      handlersWith({
        'accounts:list': async () => {
          throw new LatchError('network', 'Bitbucket could not be reached.');
        },
      }),
    );
    expect(await dispatch('accounts:list', {}, true)).toEqual({ ok: false, code: 'network', message: 'Bitbucket could not be reached.' });
  });

  it('turns any other thrown error into a plain internal Failure without its text', async () => {
    const dispatch = createDispatcher(
      handlersWith({
        'settings:get': async () => {
          throw new Error(`database password ${PASSWORD} leaked in a stack`);
        },
      }),
    );
    const result = await dispatch('settings:get', {}, true);
    expect(result).toMatchObject({ ok: false, code: 'internal' });
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  });

  it('answers git channels with unsupported when no git port was given', async () => {
    const added = await h.core.accounts.add({ host: 'bitbucket-datacenter', baseUrl: 'https://b.example.com', username: 'alice', password: PASSWORD, rememberPassword: false });
    expect(await h.core.dispatch('git:setup', { accountId: added.id }, true)).toMatchObject({ ok: false, code: 'unsupported' });
  });

  it('holds a created secret for the reveal and copies it through the clipboard port', async () => {
    const added = await h.core.accounts.add({ host: 'bitbucket-datacenter', baseUrl: 'https://b.example.com', username: 'alice', password: PASSWORD, rememberPassword: false });
    const created = await h.core.dispatch(
      'tokens:create',
      { accountId: added.id, name: 'ci', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: null, owner: { kind: 'user' }, store: false },
      true,
    );
    if (!created.ok) throw new Error(created.message);
    const { revealId, secret } = created.value as { revealId: string; secret: string };
    expect(await h.core.dispatch('reveal:copy', { revealId }, true)).toEqual({ ok: true, value: { clearAfterSeconds: 30 } });
    expect(h.clipboard.text).toBe(secret);
    expect(await h.core.dispatch('reveal:close', { revealId }, true)).toEqual({ ok: true, value: null });
    expect(await h.core.dispatch('reveal:copy', { revealId }, true)).toMatchObject({ ok: false, code: 'not-found' });
    await h.core.dispose();
    expect(h.clipboard.text).toBe('');
  });

  it('has a handler for every channel of the contract', () => {
    expect(Object.keys(h.core.handlers).sort()).toEqual([...CHANNELS].sort());
  });
});
