import type { AccessToken } from '../../../shared/domain';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useLatch } from '../../store/context';

export function RevokeDialog({ token }: { token: AccessToken }) {
  const revokeToken = useLatch((state) => state.revokeToken);
  const closeDialog = useLatch((state) => state.closeDialog);

  return (
    <ConfirmDialog
      title={`Revoke “${token.name}”?`}
      confirmLabel="Revoke token"
      busyLabel="Revoking…"
      onConfirm={() => revokeToken(token)}
      onCancel={closeDialog}
    >
      Every app using <strong>{token.name}</strong> stops working at once.
      {token.stored ? ' Latch also deletes its copy from your keychain.' : ''} This cannot be undone.
    </ConfirmDialog>
  );
}
