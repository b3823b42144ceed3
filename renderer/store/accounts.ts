import type { AccountView } from '../../shared/domain';
import { USER_OWNER } from '../lib/owner';
import type { AccountsSlice, SliceCreator } from './types';

export const createAccountsSlice: SliceCreator<AccountsSlice> = (set, get, bridge) => {
  const replace = (view: AccountView) =>
    set((state) => ({ accounts: state.accounts.map((account) => (account.id === view.id ? view : account)) }));

  return {
    accounts: [],
    accountsStatus: 'loading',
    accountsError: null,
    selectedAccountId: null,

    async openManagePage(page) {
      const result = await bridge.hosts.openManagePage(page);
      return result.ok ? null : result;
    },

    async startFresh() {
      const result = await bridge.accounts.startFresh({});
      if (!result.ok) return result;
      set({ accountsStatus: 'ready', accountsError: null, selectedAccountId: null, lists: {}, dialog: null });
      await get().loadAccounts();
      return null;
    },

    async loadAccounts() {
      const result = await bridge.accounts.list({});
      if (!result.ok) {
        set({ accountsStatus: 'error', accountsError: result });
        return;
      }
      const { selectedAccountId } = get();
      const stillThere = result.value.some((account) => account.id === selectedAccountId);
      set({ accounts: result.value, accountsStatus: 'ready', accountsError: null });
      if (!stillThere) {
        const first = result.value[0];
        if (first) get().selectAccount(first.id);
        else set({ selectedAccountId: null });
      }
    },

    selectAccount(accountId) {
      if (get().selectedAccountId === accountId) return;
      set({ selectedAccountId: accountId, owner: USER_OWNER, filter: '' });
      void get().loadTokens();
    },

    async addAccount(input) {
      const result = await bridge.accounts.add(input);
      if (!result.ok) return result;
      set((state) => ({ accounts: [...state.accounts, result.value], dialog: null }));
      get().selectAccount(result.value.id);
      return null;
    },

    async removeAccount(accountId) {
      const result = await bridge.accounts.remove({ accountId });
      if (!result.ok) return result;
      const remaining = get().accounts.filter((account) => account.id !== accountId);
      // Forget every cached list of the account, not just the one on screen.
      const lists = Object.fromEntries(Object.entries(get().lists).filter(([key]) => !key.startsWith(`${accountId}|`)));
      set({ accounts: remaining, lists, dialog: null });
      if (get().selectedAccountId === accountId) {
        set({ selectedAccountId: null });
        const next = remaining[0];
        if (next) get().selectAccount(next.id);
      }
      return null;
    },

    async unlockAccount(accountId, password, otp) {
      const result = await bridge.accounts.unlock({ accountId, password, ...(otp ? { otp } : {}) });
      if (!result.ok) return result;
      replace(result.value);
      if (get().selectedAccountId === accountId) void get().loadTokens();
      return null;
    },

    async setDefault(accountId) {
      const result = await bridge.accounts.setDefault({ accountId });
      if (!result.ok) return result;
      // The others on that host lost the mark: read them all again.
      await get().loadAccounts();
      return null;
    },

    async lockAccount(accountId) {
      const result = await bridge.accounts.lock({ accountId });
      if (!result.ok) return result;
      replace(result.value);
      return null;
    },
  };
};
