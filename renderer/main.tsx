// The shared styles come first so each view's own stylesheet (imported by the view) can refine them.
import './styles/theme.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/dialog.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { NoBridge } from './app/NoBridge';
import { findBridge } from './bridge';
import { createLatchStore } from './store';
import { StoreContext } from './store/context';

const root = createRoot(document.getElementById('root')!);
const bridge = findBridge();

root.render(
  <StrictMode>
    {bridge ? (
      <StoreContext.Provider value={createLatchStore(bridge)}>
        <App />
      </StoreContext.Provider>
    ) : (
      <NoBridge />
    )}
  </StrictMode>,
);
