import type { AccessToken } from '../../../shared/domain';
import { accountCapabilities } from '../../../shared/hosts';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { displayHost } from '../../lib/host';
import { accountTokenPage } from '../../lib/browser-token';
import { useLatch } from '../../store/context';

/**
 * Deletes Latch's own copy of a token's secret. Either the host no longer has the token, or the host
 * cannot revoke by API (Bitbucket Cloud), where the token lives on until it expires or is revoked there.
 */
export function RemoveTokenDialog({ token }: { token: AccessToken }) {
  const removeToken = useLatch((state) => state.removeToken);
  const closeDialog = useLatch((state) => state.closeDialog);
  const account = useLatch((state) => state.accounts.find((candidate) => candidate.id === state.selectedAccountId) ?? null);
  const capabilities = account ? accountCapabilities(account) : null;

  if (account && capabilities && !capabilities.revokeByApi && token.onHost) {
    const page = accountTokenPage(account);
    return (
      <ConfirmDialog
        title={`Remove “${token.name}” from Latch?`}
        confirmLabel="Remove from Latch"
        busyLabel="Removing…"
        onConfirm={() => removeToken(token)}
        onCancel={closeDialog}
      >
        Latch deletes its copy of <strong>{token.name}</strong> from your keychain, and git stops getting it for{' '}
        {displayHost(account.baseUrl)}. The token itself keeps working{capabilities.expiryByApi === false ? '' : ' until it expires'}: to stop it everywhere, revoke it at {page} too.
      </ConfirmDialog>
    );
  }

  return (
    <ConfirmDialog
      title={`Remove the stored copy of “${token.name}”?`}
      confirmLabel="Remove copy"
      busyLabel="Removing…"
      onConfirm={() => removeToken(token)}
      onCancel={closeDialog}
    >
      The host no longer has <strong>{token.name}</strong>: it was revoked or deleted outside Latch, so its secret no longer
      works. Latch deletes the copy in your keychain, and git stops sending it.
    </ConfirmDialog>
  );
}
