import { useRef, useState, type FormEvent } from 'react';
import { accountCapabilities } from '../../../shared/hosts';
import { ErrorMessage } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { OpenPageButton } from '../../components/OpenPageButton';
import { displayHost } from '../../lib/host';
import { accountTokenPage, keptWithoutPassword } from '../../lib/browser-token';
import { useNow } from '../../lib/use-now';
import { useLatch } from '../../store/context';
import { BrowserTokenFields } from './BrowserTokenFields';
import { useBrowserToken } from './use-browser-token';
import './add-token.css';

/** Adds a token made in the host's web page to an account, for git (hosts with no token API). */
export function AddTokenDialog() {
  const account = useLatch((state) => state.accounts.find((candidate) => candidate.id === state.selectedAccountId) ?? null);
  const addToken = useLatch((state) => state.addToken);
  const closeDialog = useLatch((state) => state.closeDialog);
  const form = useBrowserToken();
  const now = useNow(60_000);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Focus starts at the token, what the person came to paste (not the link to the page above it).
  const secretRef = useRef<HTMLInputElement>(null);

  if (!account) return null;
  const capabilities = accountCapabilities(account);
  const page = accountTokenPage(account);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const token = form.check(Date.now(), capabilities);
    if (!token) return;
    setBusy(true);
    setError(null);
    const failure = await addToken(token);
    if (failure) {
      setBusy(false);
      setError(failure.message);
      return;
    }
    // The dialog is closing; the secret goes first.
    form.clearSecret();
  };

  return (
    <Dialog title={keptWithoutPassword(account) ? 'Add an access token' : 'Add an API token'} onClose={closeDialog} size="medium" initialFocus={secretRef}>
      <form className="dialog__body form" onSubmit={(event) => void submit(event)} noValidate autoComplete="off">
        <div className="dialog__lead keep-token__lead">
          <p>
            A token you created at {page} while signed in as {account.username}. Latch checks with {capabilities.label} that it is
            yours, then keeps it in your keychain and gives it to git for {displayHost(account.baseUrl)}.
          </p>
          <OpenPageButton page={{ accountId: account.id }} label={keptWithoutPassword(account) ? 'Open the token page' : `Open ${page}`} />
        </div>
        <BrowserTokenFields form={form} capabilities={capabilities} now={now} secretRef={secretRef} />
        {error && <ErrorMessage>{error}</ErrorMessage>}
        <footer className="dialog__footer">
          <button type="button" className="button" onClick={closeDialog}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? `Checking with ${capabilities.label}…` : 'Verify and add'}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
