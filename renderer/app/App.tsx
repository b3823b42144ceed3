import { useEffect } from 'react';
import { ErrorMessage } from '../components/Alert';
import { Spinner } from '../components/Spinner';
import { useLatch } from '../store/context';
import { AccountPane } from '../views/account/AccountPane';
import { Sidebar } from '../views/sidebar/Sidebar';
import { Welcome } from '../views/welcome/Welcome';
import { Dialogs } from './Dialogs';
import { useShortcuts } from './use-shortcuts';

function MainContent() {
  const status = useLatch((state) => state.accountsStatus);
  const error = useLatch((state) => state.accountsError);
  const loadAccounts = useLatch((state) => state.loadAccounts);
  const openDialog = useLatch((state) => state.openDialog);
  const account = useLatch((state) => state.accounts.find((candidate) => candidate.id === state.selectedAccountId) ?? null);
  const count = useLatch((state) => state.accounts.length);

  if (account) return <AccountPane key={account.id} account={account} />;
  if (status === 'loading') {
    return (
      <div className="state state--page">
        <Spinner label="Loading your accounts…" />
      </div>
    );
  }
  if (status === 'error' && error) {
    return (
      <div className="state state--page">
        <h1 className="state__title">Latch could not read its accounts</h1>
        <ErrorMessage>{error.message}</ErrorMessage>
        <div className="state__actions">
          <button type="button" className="button" onClick={() => void loadAccounts()}>
            Try again
          </button>
          {error.code === 'corrupt-data' && (
            <button type="button" className="button" onClick={() => openDialog({ kind: 'start-fresh' })}>
              Start with an empty list…
            </button>
          )}
        </div>
      </div>
    );
  }
  return count === 0 ? <Welcome /> : null;
}

export function App() {
  const loadAccounts = useLatch((state) => state.loadAccounts);
  const loadSettings = useLatch((state) => state.loadSettings);
  const blocked = useLatch((state) => state.dialog !== null || state.reveal !== null);
  useShortcuts();

  useEffect(() => {
    void loadAccounts();
    void loadSettings();
  }, [loadAccounts, loadSettings]);

  return (
    <>
      {/* While a dialog is open the app behind it cannot be reached by keyboard, pointer or screen reader. */}
      <div className="app" inert={blocked}>
        <Sidebar />
        <main className="main" id="main" tabIndex={-1}>
          <MainContent />
        </main>
      </div>
      <Dialogs />
    </>
  );
}
