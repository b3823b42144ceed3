import { createStore } from 'zustand/vanilla';
import type { LatchBridge } from '../../shared/contract';
import { createAccountsSlice } from './accounts';
import { createDialogsSlice } from './dialogs';
import { createGitSlice } from './git';
import { createRevealSlice } from './reveal';
import { createSettingsSlice } from './settings';
import { createTokensSlice } from './tokens';
import type { LatchState, LatchStore } from './types';

export function createLatchStore(bridge: LatchBridge): LatchStore {
  return createStore<LatchState>()((set, get) => ({
    ...createAccountsSlice(set, get, bridge),
    ...createTokensSlice(set, get, bridge),
    ...createRevealSlice(set, get, bridge),
    ...createDialogsSlice(set, get, bridge),
    ...createSettingsSlice(set, get, bridge),
    ...createGitSlice(set, get, bridge),
  }));
}

export type { LatchState, LatchStore } from './types';
