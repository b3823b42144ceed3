import { useLatch } from '../store/context';
import { AddAccountDialog } from '../views/add-account/AddAccountDialog';
import { CreateTokenDialog } from '../views/create-token/CreateTokenDialog';
import { GitDialog } from '../views/git/GitDialog';
import { AddTokenDialog } from '../views/add-token/AddTokenDialog';
import { LeakDialog } from '../views/leak/LeakDialog';
import { ImportDialog } from '../views/import/ImportDialog';
import { SavedByGitDialog } from '../views/saved-by-git/SavedByGitDialog';
import { RemoveAccountDialog } from '../views/remove-account/RemoveAccountDialog';
import { RevealDialog } from '../views/reveal/RevealDialog';
import { RemoveTokenDialog } from '../views/remove-token/RemoveTokenDialog';
import { ReplaceDialog } from '../views/replace/ReplaceDialog';
import { RevokeDialog } from '../views/revoke/RevokeDialog';
import { RotateDialog } from '../views/rotate/RotateDialog';
import { SearchDialog } from '../views/search/SearchDialog';
import { SettingsDialog } from '../views/settings/SettingsDialog';
import { ShortcutsDialog } from '../views/shortcuts/ShortcutsDialog';
import { StartFreshDialog } from '../views/start-fresh/StartFreshDialog';

/** At most one dialog at a time; the reveal comes first, since it holds a secret not yet copied. */
export function Dialogs() {
  const dialog = useLatch((state) => state.dialog);
  // Only the id is selected here: this component outlives the reveal, and React keeps its previous
  // render's hook values, so selecting the reveal itself would keep the secret alive after closing.
  const revealId = useLatch((state) => state.reveal?.revealId ?? null);
  const closeDialog = useLatch((state) => state.closeDialog);
  const loadAccounts = useLatch((state) => state.loadAccounts);
  const loadTokens = useLatch((state) => state.loadTokens);

  if (revealId) return <RevealDialog key={revealId} />;
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'add-account':
      return <AddAccountDialog />;
    case 'create-token':
      return <CreateTokenDialog />;
    case 'revoke':
      return <RevokeDialog token={dialog.token} />;
    case 'rotate':
      return <RotateDialog token={dialog.token} />;
    case 'replace':
      return <ReplaceDialog token={dialog.token} />;
    case 'remove-token':
      return <RemoveTokenDialog token={dialog.token} />;
    case 'add-token':
      return <AddTokenDialog />;
    case 'remove-account':
      return <RemoveAccountDialog accountId={dialog.accountId} />;
    case 'git':
      return <GitDialog accountId={dialog.accountId} />;
    case 'settings':
      return <SettingsDialog />;
    case 'search':
      return <SearchDialog />;
    case 'shortcuts':
      return <ShortcutsDialog />;
    case 'start-fresh':
      return <StartFreshDialog />;
    case 'saved-by-git':
      return <SavedByGitDialog onClose={closeDialog} />;
    case 'import':
      return (
        <ImportDialog
          onClose={(changed) => {
            closeDialog();
            if (changed) void loadAccounts().then(() => loadTokens());
          }}
        />
      );
    case 'leak':
      return (
        <LeakDialog
          onClose={(changed) => {
            closeDialog();
            // A revoke or an unlock there shows here: tokens and lock states are read again.
            if (changed) void loadAccounts().then(() => loadTokens());
          }}
        />
      );
  }
}
