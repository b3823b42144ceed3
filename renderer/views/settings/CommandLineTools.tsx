import { useEffect, useState } from 'react';
import type { CommandLineTools as Tools } from '../../../shared/domain';
import type { Result } from '../../../shared/result';
import { ErrorMessage } from '../../components/Alert';
import { useFocusFollows } from '../../lib/use-focus-follows';
import { useLatch } from '../../store/context';

/**
 * "Install command line tools": `latch` and `git-credential-latch` on terminals' PATH, like an editor's
 * "Install 'code' command in PATH". Its button acts at once, not on the settings' Save.
 */
export function CommandLineTools() {
  const cliToolsStatus = useLatch((state) => state.cliToolsStatus);
  const installCliTools = useLatch((state) => state.installCliTools);
  const removeCliTools = useLatch((state) => state.removeCliTools);
  const [tools, setTools] = useState<Tools | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Install and Remove replace each other: focus follows to whichever is shown next.
  const { toggle, moved } = useFocusFollows();

  useEffect(() => {
    let current = true;
    void cliToolsStatus().then((answer) => {
      if (!current) return;
      if (answer.ok) setTools(answer.value);
      else setError(answer.message);
    });
    return () => {
      current = false;
    };
  }, [cliToolsStatus]);

  const change = async (action: () => Promise<Result<Tools>>) => {
    setBusy(true);
    setError(null);
    const answer = await action();
    if (answer.ok) setTools(answer.value);
    else setError(answer.message);
    setBusy(false);
    moved();
  };

  return (
    <section className="field" aria-labelledby="cli-tools-title">
      <h3 id="cli-tools-title" className="field__label">
        Command line tools
      </h3>
      <p className="field__hint">
        {tools?.installed
          ? `latch and git-credential-latch are installed in ${tools.location}.`
          : `Puts latch and git-credential-latch in ${tools?.location ?? 'your PATH'}, so a terminal and git find them.`}
      </p>
      {tools?.note && <p className="field__hint">{tools.note}</p>}
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {tools?.available && (
        <div>
          <button
            ref={toggle}
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void change(tools.installed ? removeCliTools : installCliTools)}
          >
            {tools.installed ? 'Remove command line tools' : 'Install command line tools'}
          </button>
        </div>
      )}
    </section>
  );
}
