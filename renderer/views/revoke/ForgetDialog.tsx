import type { AccessToken } from '../../../shared/domain';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useLatch } from '../../store/context';

/** For a token the host no longer has: only Latch's own copy of its secret is left to delete. */
export function ForgetDialog({ token }: { token: AccessToken }) {
  const forgetToken = useLatch((state) => state.forgetToken);
  const closeDialog = useLatch((state) => state.closeDialog);

  return (
    <ConfirmDialog
      title={`Remove the stored copy of “${token.name}”?`}
      confirmLabel="Remove copy"
      busyLabel="Removing…"
      onConfirm={() => forgetToken(token)}
      onCancel={closeDialog}
    >
      The host no longer has <strong>{token.name}</strong>: it was revoked or deleted outside Latch, so its secret no longer
      works. Latch deletes the copy in your keychain, and git stops sending it.
    </ConfirmDialog>
  );
}
