import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { LatchState, LatchStore } from './types';

export const StoreContext = createContext<LatchStore | null>(null);

/** Reads from the store. Selectors that build new objects need `useShallow`. */
export function useLatch<T>(selector: (state: LatchState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useLatch is used outside the StoreContext provider.');
  return useStore(store, selector);
}

/** The store itself, for a handler that reads the state when it runs rather than on each render. */
export function useLatchStore(): LatchStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useLatchStore is used outside the StoreContext provider.');
  return store;
}
