// The keyboard shortcuts, listed from the same table the key handler reads (renderer/lib/shortcuts.ts).
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { isMac, keyLabel, SHORTCUTS } from '../../lib/shortcuts';
import { useLatch } from '../../store/context';
import '../search/search.css';

export function ShortcutsDialog() {
  const closeDialog = useLatch((state) => state.closeDialog);
  const mac = isMac(navigator.platform);
  return (
    <Dialog title="Keyboard shortcuts" onClose={closeDialog} size="small" icon={<Icon name="terminal" />}>
      <div className="dialog__body">
        <dl className="shortcut-list">
          {SHORTCUTS.map((shortcut) => (
            <div key={shortcut.action} style={{ display: 'contents' }}>
              <dt>
                <kbd>{keyLabel(shortcut, mac)}</kbd>
              </dt>
              <dd>{shortcut.words}</dd>
            </div>
          ))}
        </dl>
        <footer className="dialog__footer">
          <button type="button" className="button button--primary" onClick={closeDialog}>
            Done
          </button>
        </footer>
      </div>
    </Dialog>
  );
}
