import { useRef, useState } from 'react';
import { ErrorMessage } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { displayHost } from '../../lib/host';
import { useLatch } from '../../store/context';

export function RemoveAccountDialog({ accountId }: { accountId: string }) {
  const account = useLatch((state) => state.accounts.find((candidate) => candidate.id === accountId) ?? null);
  const removeAccount = useLatch((state) => state.removeAccount);
  const closeDialog = useLatch((state) => state.closeDialog);
  const cancel = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!account) return null;
  const who = `${account.username} on ${displayHost(account.baseUrl)}`;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const failure = await removeAccount(account.id);
    if (failure) {
      setBusy(false);
      setError(failure.message);
    }
  };

  return (
    <Dialog
      title={`Remove ${who}?`}
      onClose={closeDialog}
      role="alertdialog"
      size="small"
      initialFocus={cancel}
      icon={<Icon name="alert" />}
      describedBy="remove-text"
    >
      <div className="dialog__body">
        <p id="remove-text">
          Latch forgets this account and deletes its password and every token secret it stored for it from your keychain. The
          tokens themselves stay valid on the server: revoke them first if no app needs them.
        </p>
        {error && <ErrorMessage>{error}</ErrorMessage>}
        <footer className="dialog__footer">
          <button ref={cancel} type="button" className="button" onClick={closeDialog}>
            Cancel
          </button>
          <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Removing…' : 'Remove account'}
          </button>
        </footer>
      </div>
    </Dialog>
  );
}
