import { Logo } from '../components/Icon';

/** The page was opened without Latch's preload, e.g. in a plain browser: say so instead of failing later. */
export function NoBridge() {
  return (
    <main className="state state--page" id="main">
      <Logo size={48} />
      <h1 className="state__title">Latch is not connected</h1>
      <p className="state__text">This window runs without Latch’s bridge to its main process, so it cannot reach your accounts. Start Latch from its app instead.</p>
    </main>
  );
}
