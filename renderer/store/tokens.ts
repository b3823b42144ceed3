import type { AccessToken, TokenOwner } from '../../shared/domain';
import { HOSTS } from '../../shared/hosts';
import { DEFAULT_SORT, nextSort } from '../lib/token-table';
import { listKey, USER_OWNER } from '../lib/owner';
import type { SliceCreator, TokenList, TokensSlice } from './types';

export const createTokensSlice: SliceCreator<TokensSlice> = (set, get, bridge) => {
  const putList = (key: string, list: TokenList) => set((state) => ({ lists: { ...state.lists, [key]: list } }));
  const dropFromList = (accountId: string, token: AccessToken) => {
    const key = listKey(accountId, token.owner);
    const list = get().lists[key];
    if (list) putList(key, { ...list, tokens: list.tokens.filter((candidate) => candidate.id !== token.id) });
    set({ dialog: null });
  };

  const loadList = async (accountId: string, owner: TokenOwner, otp?: string) => {
    const key = listKey(accountId, owner);
    // Keep showing what we had while the refresh runs.
    putList(key, { status: 'loading', tokens: get().lists[key]?.tokens ?? [], error: null });
    const result = await bridge.tokens.list({ accountId, owner, ...(otp ? { otp } : {}) });
    if (result.ok) {
      putList(key, { status: 'ready', tokens: result.value, error: null });
      return;
    }
    putList(key, { status: 'error', tokens: get().lists[key]?.tokens ?? [], error: result });
    // The core drops a password the host refused and reports a missing one: show the real lock state.
    if (result.code === 'locked' || result.code === 'auth') await get().loadAccounts();
  };

  return {
    owner: USER_OWNER,
    lists: {},
    filter: '',
    sort: DEFAULT_SORT,

    setOwner(owner) {
      set({ owner, filter: '' });
      void get().loadTokens();
    },

    setFilter: (filter) => set({ filter }),
    sortBy: (column) => set((state) => ({ sort: nextSort(state.sort, column) })),

    async loadTokens(otp) {
      const { selectedAccountId: accountId, owner } = get();
      if (!accountId) return;
      await loadList(accountId, owner, otp);
    },

    async loadEveryList() {
      const { accounts, lists } = get();
      const wanted = accounts.filter((account) => account.lock.state !== 'locked' && !lists[listKey(account.id, USER_OWNER)]);
      await Promise.all(wanted.map((account) => loadList(account.id, USER_OWNER)));
    },

    showHit(accountId, token) {
      get().selectAccount(accountId);
      if (token && listKey('', token.owner) !== listKey('', get().owner)) get().setOwner(token.owner);
      set({ filter: token?.name ?? '', dialog: null });
    },

    async createToken(input) {
      const { selectedAccountId: accountId, owner } = get();
      if (!accountId) return { ok: false, code: 'validation', message: 'Choose an account first.' };
      const { otp, ...request } = input;
      const result = await bridge.tokens.create({ accountId, owner, ...request, ...(otp ? { otp } : {}) });
      if (!result.ok) {
        // A create whose answer was lost still made the token: list it, so the person can revoke it.
        if (result.code === 'conflict') void get().loadTokens();
        return result;
      }
      const key = listKey(accountId, owner);
      const list = get().lists[key];
      putList(key, { status: list?.status ?? 'ready', error: list?.error ?? null, tokens: [result.value.token, ...(list?.tokens ?? [])] });
      set({ reveal: result.value, revealNote: null, copy: { state: 'idle' }, dialog: null });
      // A kept token may change which one git gets: the list is read again for its marks, except where
      // listing takes a fresh one-time code (Gitea with two-factor sign-in); the new row has its mark already.
      const account = get().accounts.find((candidate) => candidate.id === accountId);
      if (result.value.token.stored && account && !HOSTS[account.host].twoFactor) void get().loadTokens();
      return null;
    },

    async revokeToken(token, otp) {
      const { selectedAccountId: accountId } = get();
      if (!accountId) return { ok: false, code: 'validation', message: 'Choose an account first.' };
      const result = await bridge.tokens.revoke({ accountId, tokenId: token.id, owner: token.owner, ...(otp ? { otp } : {}) });
      if (!result.ok) return result;
      dropFromList(accountId, token);
      return null;
    },

    async rotateToken(token) {
      const { selectedAccountId: accountId } = get();
      if (!accountId) return { ok: false, code: 'validation', message: 'Choose an account first.' };
      const result = await bridge.tokens.rotate({ accountId, tokenId: token.id, owner: token.owner, expiryDays: null });
      // Rotated or not (a lost answer is reconciled by the core), the list is what the host says now.
      void get().loadTokens();
      if (!result.ok) return result;
      set({ reveal: result.value, copy: { state: 'idle' }, dialog: null });
      return null;
    },

    async replaceToken(token) {
      const { selectedAccountId: accountId } = get();
      if (!accountId) return { ok: false, code: 'validation', message: 'Choose an account first.' };
      const result = await bridge.tokens.replace({ accountId, tokenId: token.id, owner: token.owner });
      if (!result.ok) {
        // A create whose answer was lost still made a token: list it, so the person can revoke it.
        if (result.code === 'conflict') void get().loadTokens();
        return result;
      }
      const { oldRevoked, oldProblem, ...revealed } = result.value;
      const note = oldRevoked ? `The old token (ID ${token.id}) was revoked.` : (oldProblem ?? null);
      set({ reveal: revealed, revealNote: note, copy: { state: 'idle' }, dialog: null });
      void get().loadTokens();
      return null;
    },

    async removeToken(token) {
      const { selectedAccountId: accountId } = get();
      if (!accountId) return { ok: false, code: 'validation', message: 'Choose an account first.' };
      const result = await bridge.tokens.remove({ accountId, tokenId: token.id });
      if (!result.ok) return result;
      dropFromList(accountId, token);
      return null;
    },

    async addToken(token) {
      const { selectedAccountId: accountId } = get();
      if (!accountId) return { ok: false, code: 'validation', message: 'Choose an account first.' };
      const result = await bridge.tokens.add({ accountId, token });
      if (!result.ok) return result;
      // Kept tokens are the person's own: they go into the personal list, newest first.
      const key = listKey(accountId, USER_OWNER);
      const list = get().lists[key];
      const others = (list?.tokens ?? []).filter((candidate) => candidate.id !== result.value.id);
      putList(key, { status: list?.status ?? 'ready', error: list?.error ?? null, tokens: [result.value, ...others] });
      set({ dialog: null });
      // It may change which kept token git gets: the list is read again for its marks.
      void get().loadTokens();
      return null;
    },

    async pinForGit(token) {
      const { selectedAccountId: accountId } = get();
      if (!accountId) return { ok: false, code: 'validation', message: 'Choose an account first.' };
      const result = await bridge.tokens.useForGit({ accountId, tokenId: token?.id ?? null });
      if (!result.ok) return result;
      await get().loadTokens();
      return null;
    },
  };
};
