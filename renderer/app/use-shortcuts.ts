// The window's keyboard shortcuts (renderer/lib/shortcuts.ts says which keys do what). Listened for on
// the document; none fires while a dialog or a new secret is open, so a key never acts behind them.
import { useEffect } from 'react';
import { HOSTS } from '../../shared/hosts';
import { isMac, shortcutFor, type ShortcutAction } from '../lib/shortcuts';
import { useLatchStore } from '../store/context';

export function useShortcuts(): void {
  const store = useLatchStore();
  useEffect(() => {
    const mac = isMac(navigator.platform);
    const run = (action: ShortcutAction) => {
      const state = store.getState();
      const account = state.accounts.find((candidate) => candidate.id === state.selectedAccountId);
      switch (action) {
        case 'search':
          return state.openDialog({ kind: 'search' });
        case 'settings':
          return state.openDialog({ kind: 'settings' });
        case 'help':
          return state.openDialog({ kind: 'shortcuts' });
        case 'refresh':
          return void state.loadTokens();
        case 'filter':
          return document.getElementById('token-filter')?.focus();
        case 'new-token': {
          if (!account) return;
          const host = HOSTS[account.host];
          if (host.createByApi) return state.openDialog({ kind: 'create-token' });
          if (host.browserToken) return state.openDialog({ kind: 'add-token' });
          return;
        }
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const inField = target !== null && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      const action = shortcutFor({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, inField }, mac);
      if (!action) return;
      const state = store.getState();
      if (state.dialog !== null || state.reveal !== null) return;
      event.preventDefault();
      run(action);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
