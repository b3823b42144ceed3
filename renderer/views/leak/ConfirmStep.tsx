// The second step: what Latch takes the secret to be, and the one warning before anything changes.
import type { RefObject } from 'react';
import { Notice } from '../../components/Alert';

export const CONFIRM_TEXT = 'This revokes the token at the host and removes it from this computer.';

export interface ConfirmStepProps {
  description: string;
  /** The token it is, in words, once its host accepted it as that token; null until then, or when not. */
  named: string | null;
  /** Focus goes here when the step opens: the control that led to it is gone. */
  confirmButton: RefObject<HTMLButtonElement | null>;
  onBack: () => void;
  onConfirm: () => void;
}

export function ConfirmStep({ description, named, confirmButton, onBack, onConfirm }: ConfirmStepProps) {
  return (
    <>
      <p className="dialog__lead" id="leak-lead">
        Latch recognises this as {description}.
      </p>
      <p className="leak-named" aria-live="polite">
        {named && `Its host accepts it as ${named}.`}
      </p>
      <Notice tone="warning">
        <strong>{CONFIRM_TEXT}</strong> Anything still using it stops working. Where the host has no API for it, Latch says exactly what to do by
        hand.
      </Notice>
      <footer className="dialog__footer">
        <button type="button" className="button" onClick={onBack}>
          Back
        </button>
        <button ref={confirmButton} type="button" className="button button--danger" onClick={onConfirm}>
          Revoke and remove
        </button>
      </footer>
    </>
  );
}
