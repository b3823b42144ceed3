import { useRef, useState } from 'react';
import type { AccessToken } from '../../../shared/domain';
import { ErrorMessage } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { useLatch } from '../../store/context';

export function RevokeDialog({ token }: { token: AccessToken }) {
  const revokeToken = useLatch((state) => state.revokeToken);
  const closeDialog = useLatch((state) => state.closeDialog);
  const cancel = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const failure = await revokeToken(token);
    if (failure) {
      setBusy(false);
      setError(failure.message);
    }
  };

  return (
    <Dialog
      title={`Revoke “${token.name}”?`}
      onClose={closeDialog}
      role="alertdialog"
      size="small"
      initialFocus={cancel}
      icon={<Icon name="alert" />}
      describedBy="revoke-text"
    >
      <div className="dialog__body">
        <p id="revoke-text">
          Every app using <strong>{token.name}</strong> stops working at once.
          {token.stored ? ' Latch also deletes its copy from your keychain.' : ''} This cannot be undone.
        </p>
        {error && <ErrorMessage>{error}</ErrorMessage>}
        <footer className="dialog__footer">
          <button ref={cancel} type="button" className="button" onClick={closeDialog}>
            Cancel
          </button>
          <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Revoking…' : 'Revoke token'}
          </button>
        </footer>
      </div>
    </Dialog>
  );
}
