import { ConfirmDialog } from '../../components/ConfirmDialog';
import { displayHost } from '../../lib/host';
import { useLatch } from '../../store/context';

export function RemoveAccountDialog({ accountId }: { accountId: string }) {
  const account = useLatch((state) => state.accounts.find((candidate) => candidate.id === accountId) ?? null);
  const removeAccount = useLatch((state) => state.removeAccount);
  const closeDialog = useLatch((state) => state.closeDialog);

  if (!account) return null;
  return (
    <ConfirmDialog
      title={`Remove ${account.username} on ${displayHost(account.baseUrl)}?`}
      confirmLabel="Remove account"
      busyLabel="Removing…"
      onConfirm={() => removeAccount(account.id)}
      onCancel={closeDialog}
    >
      Latch forgets this account and deletes its password and every token secret it stored for it from your keychain. The
      tokens themselves stay valid on the server: revoke them first if no app needs them.
    </ConfirmDialog>
  );
}
