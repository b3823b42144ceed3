// The first step: the secret goes into an uncontrolled password field, never into React state, so the
// dialog can wipe it and dev tools never show it.
import type { FormEvent, RefObject } from 'react';

export interface PasteStepProps {
  field: RefObject<HTMLInputElement | null>;
  fieldId: string;
  error: string | null;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
}

export function PasteStep({ field, fieldId, error, onSubmit, onCancel }: PasteStepProps) {
  return (
    <form onSubmit={onSubmit} className="leak__form" noValidate>
      <p className="dialog__lead" id="leak-lead">
        Pasted a token or password somewhere public — a repository, a chat, a ticket? Latch finds out whose it is, revokes it at the host where
        the host allows, and removes every copy it knows of from this computer.
      </p>
      <div className="field">
        <label className="field__label" htmlFor={fieldId}>
          Leaked secret
        </label>
        <input
          ref={field}
          id={fieldId}
          className="input mono"
          type="password"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${fieldId}-hint${error ? ` ${fieldId}-error` : ''}`}
          aria-invalid={error ? true : undefined}
        />
        {error && (
          <p className="field__error" id={`${fieldId}-error`}>
            {error}
          </p>
        )}
        <p className="field__hint" id={`${fieldId}-hint`}>
          Latch only compares it with what it holds; it is never stored or shown.
        </p>
      </div>
      <footer className="dialog__footer">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary">
          Continue
        </button>
      </footer>
    </form>
  );
}
