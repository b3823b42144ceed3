// The built preload bundle, run as Electron runs a sandboxed preload (CommonJS, `require` that knows
// only `electron`), with a recording stand-in for contextBridge and ipcRenderer.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, splitChannel } from '../../shared/channels';
import { ensureBuilt, PRELOAD_BUNDLE } from './support/build';

interface Loaded {
  exposed: Map<string, Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>>;
  invoked: unknown[][];
  required: string[];
}

function loadPreload(): Loaded {
  const exposed: Loaded['exposed'] = new Map();
  const invoked: unknown[][] = [];
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: never) => void exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        invoked.push(args);
        return { ok: true, value: null };
      },
      send: () => {
        throw new Error('the preload must not use send');
      },
    },
  };
  const module = { exports: {} };
  const require = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`A sandboxed preload cannot require ${name}`);
    return electron;
  };
  runInNewContext(readFileSync(PRELOAD_BUNDLE, 'utf8'), { require, module, exports: module.exports, console });
  return { exposed, invoked, required };
}

describe('the built preload', () => {
  let loaded: Loaded;
  beforeAll(async () => {
    await ensureBuilt();
    loaded = loadPreload();
  }, 180_000);

  it('requires nothing but electron, and exposes one thing: latch', () => {
    expect(new Set(loaded.required)).toEqual(new Set(['electron']));
    expect([...loaded.exposed.keys()]).toEqual(['latch']);
  });

  it('has exactly one frozen function per contract channel', () => {
    const latch = loaded.exposed.get('latch')!;
    const expected = new Map<string, string[]>();
    for (const channel of CHANNELS) {
      const [group, method] = splitChannel(channel);
      expected.set(group, [...(expected.get(group) ?? []), method]);
    }
    expect(Object.keys(latch).sort()).toEqual([...expected.keys()].sort());
    for (const [group, methods] of expected) {
      expect(Object.keys(latch[group]!).sort()).toEqual(methods.sort());
      expect(Object.isFrozen(latch[group])).toBe(true);
    }
    expect(Object.isFrozen(latch)).toBe(true);
  });

  it('sends each call to its own channel with exactly the one input, whatever else is passed', async () => {
    const latch = loaded.exposed.get('latch')!;
    await latch.tokens!.create!({ name: 'x' }, 'extra', 'accounts:remove');
    await latch.accounts!.list!.call({ channel: 'accounts:remove' }, {});
    expect(loaded.invoked).toEqual([
      ['tokens:create', { name: 'x' }],
      ['accounts:list', {}],
    ]);
  });
});
