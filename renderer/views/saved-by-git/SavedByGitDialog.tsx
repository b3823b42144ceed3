// "Saved by git": the credentials git-credential-latch keeps for hosts or users without a Latch account
// (what git approved, or an import moved in), where each came from and when git last used it, with
// Remove. Self-contained: it talks to `window.latch` directly. Never a secret: the list has none.
import { useEffect, useRef, useState } from 'react';
import type { SavedGitCredential } from '../../../shared/git-credentials';
import { findBridge } from '../../bridge';
import { ErrorMessage } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import '../import/import.css';

const server = (c: SavedGitCredential) => `${c.protocol}://${c.host}${c.path ? `/${c.path}` : ''}`;

export function SavedByGitDialog({ onClose }: { onClose: () => void }) {
  const [saved, setSaved] = useState<SavedGitCredential[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  const heading = useRef<HTMLParagraphElement>(null);

  // Bumped after each Remove, so the list is read again.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    mounted.current = true;
    void findBridge()
      ?.credentials.list({})
      .then((result) => {
        if (!mounted.current) return;
        if (result.ok) setSaved(result.value);
        else setError(result.message);
      });
    return () => {
      mounted.current = false;
    };
  }, [version]);

  const remove = async (credential: SavedGitCredential) => {
    const bridge = findBridge();
    if (!bridge) return;
    setBusy(true);
    setError(null);
    const result = await bridge.credentials.remove({ ids: [credential.id] });
    if (!mounted.current) return;
    setBusy(false);
    if (!result.ok) setError(result.message);
    setVersion((n) => n + 1);
    heading.current?.focus();
  };

  return (
    <Dialog title="Saved by git" onClose={busy ? undefined : onClose} size="large" icon={<Icon name="git" />}>
      <div className="dialog__body import">
        <p className="import__lead" ref={heading} tabIndex={-1}>
          For a host or a username you have no Latch account for, git keeps the credentials it uses in Latch, in the keychain, and Latch answers git
          with them. Removing one makes git ask again there.
        </p>
        {error && <ErrorMessage>{error}</ErrorMessage>}
        {saved === null && !error && <Spinner label="Loading…" />}
        {saved !== null && saved.length === 0 && <p>git has saved no credentials in Latch.</p>}
        {saved !== null && saved.length > 0 && (
          <div className="table-wrap">
            <table className="token-table import-table" aria-busy={busy}>
              <thead>
                <tr>
                  <th scope="col" className="col-server">
                    Server and user
                  </th>
                  <th scope="col">Last used</th>
                  <th scope="col" className="col-where">
                    Came from
                  </th>
                  <th scope="col" className="col-actions">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {saved.map((credential) => (
                  <tr key={credential.id}>
                    <td>
                      <span className="token-name import__server">{server(credential)}</span>
                      <span className="cell-secondary">{credential.username === '' ? 'no username' : credential.username}</span>
                    </td>
                    <td>{credential.lastUsedAt === null ? 'Never' : credential.lastUsedAt.slice(0, 10)}</td>
                    <td>
                      <span className="cell-path mono">{credential.source === 'git' ? 'saved by git' : credential.source}</span>
                    </td>
                    <td className="col-actions">
                      <button
                        type="button"
                        className="button button--small button--danger"
                        disabled={busy}
                        onClick={() => void remove(credential)}
                        aria-label={`Remove ${credential.username || 'the credential'} at ${server(credential)}`}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <div className="dialog__footer">
        <button type="button" className="button button--primary" disabled={busy} onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
