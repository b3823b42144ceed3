// Builds `window.latch` from the contract's channel names (shared/channels.ts): one function per
// channel, grouped by the part before the colon (`latch.tokens.create`). Nothing else crosses: no raw
// ipcRenderer, no event emitters, no way to name a channel that is not in the contract.
import { CHANNELS, splitChannel } from '../../shared/channels';
import type { LatchBridge } from '../../shared/contract';

/** The one thing the bridge needs from Electron: `ipcRenderer.invoke`. */
export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

export function buildBridge(invoke: Invoke): LatchBridge {
  const groups: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNELS) {
    const [group, method] = splitChannel(channel);
    // A fresh function per channel that forwards exactly one argument: the renderer cannot smuggle
    // extra arguments, `this`, or another channel name through it.
    const call = (input: unknown) => invoke(channel, input);
    (groups[group] ??= {})[method] = call;
  }
  for (const group of Object.values(groups)) Object.freeze(group);
  return Object.freeze(groups) as unknown as LatchBridge;
}
