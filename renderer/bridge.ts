// The renderer's only way out: `window.latch`, built by the preload from the IPC contract.
import type { LatchBridge } from '../shared/contract';

declare global {
  interface Window {
    readonly latch?: LatchBridge;
  }
}

/** The bridge, or null when the page runs without Latch's preload (e.g. opened in a plain browser). */
export function findBridge(): LatchBridge | null {
  return window.latch ?? null;
}
