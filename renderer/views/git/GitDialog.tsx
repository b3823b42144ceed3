import { useEffect, useState } from 'react';
import type { GitSetup } from '../../../shared/domain';
import type { Result } from '../../../shared/result';
import { ErrorMessage, Notice } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { displayHost } from '../../lib/host';
import { useFocusFollows } from '../../lib/use-focus-follows';
import { useLatch } from '../../store/context';

/** "Use with git on HOST": the exact lines Latch writes to the global git configuration, and the switch. */
export function GitDialog({ accountId }: { accountId: string }) {
  const account = useLatch((state) => state.accounts.find((candidate) => candidate.id === accountId) ?? null);
  const gitStatus = useLatch((state) => state.gitStatus);
  const gitSetup = useLatch((state) => state.gitSetup);
  const gitUndo = useLatch((state) => state.gitUndo);
  const closeDialog = useLatch((state) => state.closeDialog);
  const [result, setResult] = useState<Result<GitSetup> | null>(null);
  const [busy, setBusy] = useState(false);
  // Set up and Undo replace each other: focus follows to whichever is shown next.
  const { toggle, moved } = useFocusFollows();

  useEffect(() => {
    let current = true;
    void gitStatus(accountId).then((answer) => {
      if (current) setResult(answer);
    });
    return () => {
      current = false;
    };
  }, [accountId, gitStatus]);

  const change = async (action: typeof gitSetup) => {
    setBusy(true);
    setResult(await action(accountId));
    setBusy(false);
    moved();
  };

  const host = account ? displayHost(account.baseUrl) : 'this host';
  return (
    <Dialog title={`Use with git on ${host}`} onClose={closeDialog} size="medium" icon={<Icon name="git" />}>
      <div className="dialog__body">
        {!result ? (
          <div className="state state--inline">
            <Spinner label="Reading your git configuration…" />
          </div>
        ) : !result.ok ? (
          result.code === 'unsupported' ? (
            <Notice tone="warning">
              <p className="notice__title">Latch cannot set git up from here.</p>
              <p>{result.message}</p>
            </Notice>
          ) : (
            <ErrorMessage>{result.message}</ErrorMessage>
          )
        ) : (
          <>
            <p className="dialog__lead">
              {result.value.configured
                ? `git asks Latch for credentials on ${result.value.host}. These lines are in your global git configuration:`
                : `So that git asks Latch for credentials on ${result.value.host}, Latch adds these lines to your global git configuration:`}
            </p>
            <pre className="code-block">
              <code>{result.value.lines.join('\n')}</code>
            </pre>
            {result.value.configured && (
              <p className="field__hint">Undo removes exactly these lines and nothing else.</p>
            )}
          </>
        )}
        <footer className="dialog__footer">
          <button type="button" className="button" onClick={closeDialog}>
            Close
          </button>
          {result?.ok &&
            (result.value.configured ? (
              <button ref={toggle} type="button" className="button button--quiet-danger" disabled={busy} onClick={() => void change(gitUndo)}>
                Undo
              </button>
            ) : (
              <button ref={toggle} type="button" className="button button--primary" disabled={busy} onClick={() => void change(gitSetup)}>
                Set up git
              </button>
            ))}
        </footer>
      </div>
    </Dialog>
  );
}
