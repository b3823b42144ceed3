import type { AccessToken } from '../../../shared/domain';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useLatch } from '../../store/context';

/** Rotating replaces the secret at once: the old one stops working, and the new one is shown once. */
export function RotateDialog({ token }: { token: AccessToken }) {
  const rotateToken = useLatch((state) => state.rotateToken);
  const closeDialog = useLatch((state) => state.closeDialog);
  return (
    <ConfirmDialog
      title={`Rotate “${token.name}”?`}
      confirmLabel="Rotate token"
      busyLabel="Rotating…"
      onConfirm={() => rotateToken(token)}
      onCancel={closeDialog}
    >
      The current secret of <strong>{token.name}</strong> stops working at once, and Latch shows the new one once.
      {token.stored ? ' Latch replaces its copy in your keychain, so git goes on working without asking.' : ' Give the new secret to every app that used the old one.'}
    </ConfirmDialog>
  );
}
