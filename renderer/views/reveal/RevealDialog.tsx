import { useRef, useState } from 'react';
import { Notice } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { formatExpiry, formatScope } from '../../lib/format';
import type { CopyState } from '../../store/types';
import { useLatch } from '../../store/context';
import './reveal.css';

function copyStatusText(copy: CopyState): string {
  switch (copy.state) {
    case 'idle':
      return 'Copy puts it on the clipboard; Latch clears the clipboard again shortly after.';
    case 'copying':
      return 'Copying…';
    case 'copied':
      return `Copied — the clipboard clears in ${copy.clearAfterSeconds} s.`;
    case 'error':
      return copy.message;
  }
}

/**
 * The one time a new secret is shown. There is no Escape and no ×: the panel closes only through
 * "I have copied it", which tells main to forget the secret and wipes it from the store.
 * The reveal is read from the store here, not passed in as a prop, so that only this component's
 * fibers ever hold the secret, and React clears those when the panel unmounts.
 */
export function RevealDialog() {
  const reveal = useLatch((state) => state.reveal);
  const copy = useLatch((state) => state.copy);
  const note = useLatch((state) => state.revealNote);
  const copySecret = useLatch((state) => state.copySecret);
  const closeReveal = useLatch((state) => state.closeReveal);
  const copyButton = useRef<HTMLButtonElement>(null);
  // The moment the panel opened is the one that matters for "expires in 90 days".
  const [openedAt] = useState(() => Date.now());
  if (!reveal) return null;
  const { token } = reveal;
  const expiry = formatExpiry(token.expiresAt, openedAt);

  return (
    <Dialog
      title="Copy your new token now"
      initialFocus={copyButton}
      size="large"
      icon={<Icon name="key" />}
      describedBy="reveal-lead"
    >
      <div className="dialog__body reveal">
        <p className="dialog__lead" id="reveal-lead">
          This is the only time Latch shows the secret of <strong>{token.name}</strong>. Paste it into the app that needs it.
        </p>
        {note && <Notice tone={note.includes('not revoked') ? 'warning' : 'info'}>{note}</Notice>}
        <div className="secret">
          <code className="secret__value" aria-label="Token secret">
            {reveal.secret}
          </code>
          <button ref={copyButton} type="button" className="button button--primary" onClick={() => void copySecret()} disabled={copy.state === 'copying'}>
            <Icon name={copy.state === 'copied' ? 'check' : 'copy'} />
            {copy.state === 'copied' ? 'Copied' : 'Copy'}
          </button>
        </div>
        <p className={`secret__status is-${copy.state}`} role="status">
          {copyStatusText(copy)}
        </p>
        <dl className="facts">
          <div className="facts__row">
            <dt>{reveal.gitUsername ? 'Username for git' : 'How to use it'}</dt>
            <dd>
              {reveal.gitUsername ? (
                <code className="mono selectable">{reveal.gitUsername}</code>
              ) : (
                'Bearer token: use an Authorization header (Authorization: Bearer followed by the token).'
              )}
            </dd>
          </div>
          <div className="facts__row">
            <dt>Permissions</dt>
            <dd>{token.scopes.map(formatScope).join(', ')}</dd>
          </div>
          <div className="facts__row">
            <dt>Expires</dt>
            <dd>{expiry.secondary ? `${expiry.primary} (${expiry.secondary})` : expiry.primary}</dd>
          </div>
          <div className="facts__row">
            <dt>Keychain</dt>
            <dd>
              {token.stored
                ? 'Stored in your keychain: git and the latch command can use it.'
                : 'Not stored: once this panel closes, only the apps you paste it into have it.'}
            </dd>
          </div>
        </dl>
        <footer className="dialog__footer">
          <button type="button" className="button button--primary" onClick={() => void closeReveal()}>
            <Icon name="check" />I have copied it
          </button>
        </footer>
      </div>
    </Dialog>
  );
}
