// The leak dialog on a page of its own, for the browser test: the app's styles, `window.latch` built by
// the real preload code over a binding to the real core, and an opener that records `onClose`.
import '../../renderer/styles/theme.css';
import '../../renderer/styles/base.css';
import '../../renderer/styles/controls.css';
import '../../renderer/styles/layout.css';
import '../../renderer/styles/dialog.css';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { buildBridge } from '../../electron/preload/bridge';
import { LeakDialog } from '../../renderer/views/leak/LeakDialog';

declare global {
  interface Window {
    __latchIpc(channel: string, input: unknown): Promise<unknown>;
    __closed?: boolean;
  }
}

// Like Electron's IPC, the input is copied across and the answer comes back as plain data.
Object.defineProperty(window, 'latch', { value: buildBridge((channel, input) => window.__latchIpc(channel, structuredClone(input))) });

function Opener() {
  const [open, setOpen] = useState(true);
  if (!open) return <p>Closed</p>;
  return (
    <LeakDialog
      onClose={(changed) => {
        window.__closed = changed;
        setOpen(false);
      }}
    />
  );
}

const root = document.createElement('div');
document.body.append(root);
createRoot(root).render(<Opener />);
