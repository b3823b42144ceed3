// A modal dialog: focus moves in and stays in (Tab wraps), Escape closes when closing is allowed, and
// focus returns where it was. The rest of the app is made inert by App while a dialog is open.
import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { Icon } from './Icon';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.getClientRects().length > 0);
}

export interface DialogProps {
  title: ReactNode;
  /** Closes on Escape and via the × button; leave out for a dialog that must be answered explicitly. */
  onClose?: () => void;
  /** Where focus goes first; else the first field or button. */
  initialFocus?: RefObject<HTMLElement | null>;
  size?: 'small' | 'medium' | 'large';
  /** An alertdialog asks for a decision (a confirmation). */
  role?: 'dialog' | 'alertdialog';
  icon?: ReactNode;
  /** Element ids that describe the dialog. */
  describedBy?: string;
  children: ReactNode;
}

export function Dialog({ title, onClose, initialFocus, size = 'medium', role = 'dialog', icon, describedBy, children }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const node = ref.current;
    // The first control of the body, not the × in the header: that is what a person came to fill in.
    if (node) (initialFocus?.current ?? focusables(node).find((element) => !element.closest('.dialog__header')) ?? node).focus();
    return () => {
      // The opener may be gone (a revoked token's row); then the main region takes focus.
      if (previous?.isConnected) previous.focus();
      else document.getElementById('main')?.focus();
    };
    // Runs once per opening: later changes to initialFocus must not steal focus back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Listened for on the document, not the dialog: when the focused button is replaced (Set up ↔
  // Undo) focus falls back to <body>, and Escape and Tab must still work from there.
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const node = ref.current;
      if (!node) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        onCloseRef.current?.();
        return;
      }
      if (event.key !== 'Tab') return;
      const items = focusables(node);
      const first = items[0];
      const last = items[items.length - 1];
      const active = document.activeElement;
      if (!first || !last) {
        event.preventDefault();
        return;
      }
      if (!node.contains(active)) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      } else if (event.shiftKey && (active === first || active === node)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return createPortal(
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className={`dialog dialog--${size}`}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
      >
        <header className="dialog__header">
          {icon && <span className="dialog__icon">{icon}</span>}
          <h2 className="dialog__title" id={titleId}>
            {title}
          </h2>
          {onClose && (
            <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
              <Icon name="x" />
            </button>
          )}
        </header>
        {children}
      </div>
    </div>,
    document.body,
  );
}
