import { HOSTS } from '../../../shared/hosts';
import { HostGlyph } from '../../components/HostGlyph';
import { Icon, Logo } from '../../components/Icon';
import { displayHost } from '../../lib/host';
import { isMac } from '../../lib/shortcuts';
import { useNow } from '../../lib/use-now';
import { useLatch } from '../../store/context';
import { LockStatus } from './LockStatus';
import './sidebar.css';

export function Sidebar() {
  const accounts = useLatch((state) => state.accounts);
  const status = useLatch((state) => state.accountsStatus);
  const selectedId = useLatch((state) => state.selectedAccountId);
  const selectAccount = useLatch((state) => state.selectAccount);
  const openDialog = useLatch((state) => state.openDialog);
  const now = useNow();
  const mac = isMac(navigator.platform);

  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <Logo />
        <span className="sidebar__name">Latch</span>
      </div>
      <nav className="sidebar__nav" aria-labelledby="sidebar-accounts">
        <h2 className="sidebar__heading" id="sidebar-accounts">
          Accounts
        </h2>
        {accounts.length === 0 ? (
          <p className="sidebar__empty">{status === 'loading' ? 'Loading…' : 'No accounts yet.'}</p>
        ) : (
          <ul className="account-list">
            {accounts.map((account) => {
              const selected = account.id === selectedId;
              return (
                <li key={account.id} className={selected ? 'account-item is-selected' : 'account-item'}>
                  <button
                    type="button"
                    className="account-item__select"
                    aria-current={selected ? 'page' : undefined}
                    onClick={() => selectAccount(account.id)}
                  >
                    <HostGlyph host={account.host} />
                    <span className="account-item__text">
                      <span className="account-item__name">{account.displayName}</span>
                      <span className="account-item__host">
                        <span className="visually-hidden">{HOSTS[account.host].label}, </span>
                        {displayHost(account.baseUrl)}
                      </span>
                    </span>
                  </button>
                  <LockStatus account={account} now={now} />
                </li>
              );
            })}
          </ul>
        )}
        <button type="button" className="button button--quiet button--block sidebar__saved" onClick={() => openDialog({ kind: 'saved-by-git' })}>
          <Icon name="git" />
          Saved by git
        </button>
      </nav>
      <div className="sidebar__footer">
        <button
          type="button"
          className="button button--quiet button--block"
          onClick={() => openDialog({ kind: 'search' })}
          aria-keyshortcuts={mac ? 'Meta+K' : 'Control+K'}
        >
          <Icon name="search" />
          Search <kbd className="sidebar__kbd">{mac ? '⌘K' : 'Ctrl+K'}</kbd>
        </button>
        <button type="button" className="button button--block" onClick={() => openDialog({ kind: 'add-account' })}>
          <Icon name="plus" />
          Add account
        </button>
        <button type="button" className="button button--quiet button--block" onClick={() => openDialog({ kind: 'import' })}>
          <Icon name="key" />
          Import…
        </button>
        <button type="button" className="button button--quiet button--block" onClick={() => openDialog({ kind: 'leak' })}>
          <Icon name="shield" />A secret leaked…
        </button>
        <button type="button" className="button button--quiet button--block" onClick={() => openDialog({ kind: 'settings' })}>
          <Icon name="sliders" />
          Settings
        </button>
        <button type="button" className="button button--quiet button--block" onClick={() => openDialog({ kind: 'shortcuts' })} aria-keyshortcuts="Shift+?">
          <Icon name="terminal" />
          Keyboard shortcuts <kbd className="sidebar__kbd">?</kbd>
        </button>
      </div>
    </aside>
  );
}
