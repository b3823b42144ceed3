import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useLatch } from '../../store/context';

/** The way on after Latch could not read its list: the damaged file stays where it was put aside. */
export function StartFreshDialog() {
  const startFresh = useLatch((state) => state.startFresh);
  const closeDialog = useLatch((state) => state.closeDialog);

  return (
    <ConfirmDialog
      title="Start with an empty list?"
      confirmLabel="Start with an empty list"
      busyLabel="Starting…"
      onConfirm={startFresh}
      onCancel={closeDialog}
    >
      Latch forgets which accounts and tokens it knew and you add your accounts again. The damaged file stays where Latch
      put it, so nothing in it is lost; the secrets Latch kept stay in your keychain under “Latch” until you remove them there.
    </ConfirmDialog>
  );
}
