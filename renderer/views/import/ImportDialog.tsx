// "Import…": the credentials git keeps in plain text on this computer (its credential files, ~/.netrc,
// passwords in the remote URLs of the folders given), what each is, and moving each live one into the
// keychain with its own Import button (or all at once). Dead Bitbucket app passwords get the way out
// and a Remove button. Self-contained like the leak dialog: it talks to `window.latch` directly. No
// secret ever reaches the window: a finding carries where, whose and what, never the password.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { DEAD_APP_PASSWORD, type ImportFinding, type ImportScan } from '../../../shared/imports';
import { findBridge } from '../../bridge';
import { ErrorMessage, Notice } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Checkbox, Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import './import.css';

export interface ImportDialogProps {
  /** `changed`: credentials moved in, so what git is set up for and the lists may differ. */
  onClose: (changed: boolean) => void;
}

const STATUS: Record<ImportFinding['status'], { words: string; tone: 'success' | 'danger' | 'neutral' | 'warning' }> = {
  unchecked: { words: 'Not checked', tone: 'neutral' },
  works: { words: 'Works', tone: 'success' },
  refused: { words: 'Refused by its host', tone: 'danger' },
  unknown: { words: 'Unknown', tone: 'neutral' },
  dead: { words: 'Dead', tone: 'danger' },
  moved: { words: 'In the keychain', tone: 'success' },
  removed: { words: 'Removed', tone: 'neutral' },
  left: { words: 'Left where it was', tone: 'warning' },
};

const place = (f: ImportFinding) => (f.line === null ? f.source : `${f.source}, line ${f.line}`);
const server = (f: ImportFinding) => (f.host === null ? 'every host' : `${f.protocol}://${f.host}${f.path ? `/${f.path}` : ''}`);
const movable = (f: ImportFinding) => f.host !== null && (f.status === 'unchecked' || f.status === 'works' || f.status === 'unknown' || f.status === 'left');

export function ImportDialog({ onClose }: ImportDialogProps) {
  const [folders, setFolders] = useState('');
  const [check, setCheck] = useState(false);
  const [scan, setScan] = useState<ImportScan | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const changed = useRef(false);
  const mounted = useRef(true);
  const results = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const folderList = () =>
    folders
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');

  /** The system's folder chooser; the folders picked join the list, each once. */
  const chooseFolders = async () => {
    const bridge = findBridge();
    if (!bridge) return;
    const result = await bridge.imports.pickFolders({});
    if (!mounted.current) return;
    if (!result.ok) return setError(result.message);
    const known = folderList();
    const added = result.value.filter((folder) => !known.includes(folder));
    if (added.length > 0) setFolders([...known, ...added].join('\n'));
  };

  const look = async (event?: FormEvent) => {
    event?.preventDefault();
    const bridge = findBridge();
    if (!bridge) return;
    setBusy(check ? 'Looking for credentials and asking each one’s host…' : 'Looking for credentials…');
    setError(null);
    const result = await bridge.imports.scan({ folders: folderList(), check });
    if (!mounted.current) return;
    setBusy(null);
    if (!result.ok) return setError(result.message);
    setScan(result.value);
    results.current?.focus();
  };

  const move = async (ids: string[], removeDead: boolean) => {
    const bridge = findBridge();
    if (!bridge || ids.length === 0) return;
    setBusy(removeDead ? 'Removing…' : 'Moving into the keychain…');
    setError(null);
    // No second check: the person chose from what the scan showed, and each host was asked once already.
    const result = await bridge.imports.move({ folders: folderList(), check: false, ids, removeDead });
    if (!mounted.current) return;
    setBusy(null);
    if (!result.ok) return setError(result.message);
    changed.current = true;
    // What moved stays in the list with its outcome, so the person sees what happened to each.
    setScan((before) => merge(before, result.value));
    results.current?.focus();
  };

  const live = scan?.findings.filter(movable) ?? [];

  return (
    <Dialog title="Import credentials git keeps in plain text" onClose={busy ? undefined : () => onClose(changed.current)} size="large" icon={<Icon name="key" />}>
      <div className="dialog__body import">
        <p className="import__lead">
          Latch looks in git’s credential files, ~/.netrc and the remote URLs of the repositories you list, and shows where each password is and
          what it is, never the password itself. Import puts one in the keychain, reads it back, removes the plain-text copy and sets git up to
          ask Latch.
        </p>
        <form className="import__form" onSubmit={(event) => void look(event)}>
          <Field label="Folders with repositories (one per line)" hint="A repository, or a folder whose repositories are one level down. Leave empty to look only in git’s files and ~/.netrc.">
            {(control) => (
              <textarea
                {...control}
                className="input mono import__folders"
                rows={2}
                value={folders}
                spellCheck={false}
                onChange={(event) => setFolders(event.target.value)}
              />
            )}
          </Field>
          <Checkbox
            label="Ask each credential’s own host whether it still works"
            hint="Each password goes only to the server in its own line or URL, once."
            checked={check}
            onChange={setCheck}
          />
          <div className="import__actions">
            <button type="button" className="button" disabled={busy !== null} onClick={() => void chooseFolders()}>
              <Icon name="folder" />
              Choose folders…
            </button>
            <button type="submit" className="button button--primary" disabled={busy !== null}>
              <Icon name="search" />
              Look for credentials
            </button>
          </div>
        </form>

        {busy && <Spinner label={busy} />}
        {error && <ErrorMessage>{error}</ErrorMessage>}

        {scan && (
          <section className="import__results" aria-labelledby="import-results">
            <h3 id="import-results" ref={results} tabIndex={-1} className="import__heading">
              {scan.findings.length === 0
                ? 'git keeps no credentials in plain text that Latch could find.'
                : `${scan.findings.length === 1 ? 'One credential' : `${scan.findings.length} credentials`} in plain text`}
            </h3>
            {scan.problems.map((problem) => (
              <Notice key={problem} tone="warning">
                {problem}
              </Notice>
            ))}
            {scan.findings.length > 0 && (
              <div className="table-wrap">
                <table className="token-table import-table" aria-busy={busy !== null}>
                  <thead>
                    <tr>
                      <th scope="col" className="col-where">
                        Where
                      </th>
                      <th scope="col" className="col-server">
                        Server and user
                      </th>
                      <th scope="col">What it is, and its status</th>
                      <th scope="col" className="col-actions">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {scan.findings.map((finding) => (
                      <Row key={finding.id} finding={finding} busy={busy !== null} onMove={(removeDead) => void move([finding.id], removeDead)} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {scan.gitSetUp.length > 0 && <Notice>git now asks Latch for credentials on {scan.gitSetUp.join(', ')}.</Notice>}
          </section>
        )}
      </div>
      <div className="dialog__footer">
        {live.length > 1 && (
          <button type="button" className="button" disabled={busy !== null} onClick={() => void move(live.map((f) => f.id), false)}>
            Import all {live.length}
          </button>
        )}
        <button type="button" className="button button--primary" disabled={busy !== null} onClick={() => onClose(changed.current)}>
          Done
        </button>
      </div>
    </Dialog>
  );
}

function Row({ finding, busy, onMove }: { finding: ImportFinding; busy: boolean; onMove: (removeDead: boolean) => void }) {
  const status = STATUS[finding.status];
  const who = finding.username === null ? server(finding) : `${finding.username} at ${server(finding)}`;
  return (
    <tr>
      <td>
        <span className="cell-path mono">{place(finding)}</span>
      </td>
      <td>
        <span className="token-name import__server">{server(finding)}</span>
        <span className="cell-secondary">{finding.username ?? 'no username'}</span>
      </td>
      <td>
        <span className="import__what">{finding.description}</span>
        <span className={`badge badge--${status.tone}`}>{status.words}</span>
        {finding.reason && (
          <span className="cell-secondary import__reason">
            {/* The core's reason speaks the command line; the window has its own way to add the account. */}
            {finding.status === 'dead' ? `${DEAD_APP_PASSWORD}, then add it here with Add account (Bitbucket Cloud).` : finding.reason}
          </span>
        )}
      </td>
      <td className="col-actions">
        {movable(finding) && (
          <button type="button" className="button button--small" disabled={busy} onClick={() => onMove(false)} aria-label={`Import ${who}`}>
            Import
          </button>
        )}
        {finding.status === 'dead' && (
          <button type="button" className="button button--small button--danger" disabled={busy} onClick={() => onMove(true)} aria-label={`Remove ${who}`}>
            Remove
          </button>
        )}
      </td>
    </tr>
  );
}

/** The earlier list with the outcomes of a move; a finding the move no longer saw keeps its row. */
function merge(before: ImportScan | null, after: ImportScan): ImportScan {
  if (!before) return after;
  const outcome = new Map(after.findings.map((f) => [f.id, f]));
  const findings = before.findings.map((f) => {
    const now = outcome.get(f.id);
    return now && now.status !== 'unchecked' && now.status !== 'dead' ? now : f;
  });
  return { findings, problems: after.problems, gitSetUp: after.gitSetUp };
}
