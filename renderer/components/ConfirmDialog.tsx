// The shape of every "are you sure?" in Latch: an alertdialog whose safe choice (Cancel) has focus,
// one danger button, and the failure shown inline so the person can try again or cancel.
import { useId, useRef, useState, type ReactNode } from 'react';
import type { Failure } from '../../shared/result';
import { ErrorMessage } from './Alert';
import { Dialog } from './Dialog';
import { Icon } from './Icon';

export interface ConfirmDialogProps {
  title: string;
  /** What happens, in a sentence or two; also the dialog's description. */
  children: ReactNode;
  /** A field the confirmation needs (a one-time code), under the sentence. */
  extra?: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  /** Answers the failure to show, or null when it worked (the caller's store then closes the dialog). */
  onConfirm: () => Promise<Failure | null>;
  onCancel: () => void;
}

export function ConfirmDialog({ title, children, extra, confirmLabel, busyLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  const textId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const failure = await onConfirm();
    if (failure) {
      setBusy(false);
      setError(failure.message);
    }
  };

  return (
    <Dialog title={title} onClose={onCancel} role="alertdialog" size="small" initialFocus={cancel} icon={<Icon name="alert" />} describedBy={textId}>
      <div className="dialog__body">
        <p id={textId}>{children}</p>
        {extra}
        {error && <ErrorMessage>{error}</ErrorMessage>}
        <footer className="dialog__footer">
          <button ref={cancel} type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy}>
            {busy ? busyLabel : confirmLabel}
          </button>
        </footer>
      </div>
    </Dialog>
  );
}
