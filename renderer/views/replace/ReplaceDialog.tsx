// Replace a token in one action on a host with no rotate API: what will happen, asked once, then the
// new secret shown once. The old token dies only after the new one is kept where git looks.
import type { AccessToken } from '../../../shared/domain';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatScope } from '../../lib/format';
import { useLatch } from '../../store/context';

export function ReplaceDialog({ token }: { token: AccessToken }) {
  const replaceToken = useLatch((state) => state.replaceToken);
  const closeDialog = useLatch((state) => state.closeDialog);
  return (
    <ConfirmDialog
      title={`Replace “${token.name}”?`}
      confirmLabel="Replace token"
      busyLabel="Replacing…"
      onConfirm={() => replaceToken(token)}
      onCancel={closeDialog}
    >
      Latch creates a new token named <strong>{token.name}</strong> with the same permissions (
      {token.scopes.map(formatScope).join(', ')}) and lifetime
      {token.stored ? ', keeps it in your keychain in place of this one so git keeps working,' : ''} then revokes this one: every
      other app using it stops working. You see the new secret once.
    </ConfirmDialog>
  );
}
