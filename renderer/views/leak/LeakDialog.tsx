// "A secret leaked": paste it, confirm, and read what Latch did, step by step. Self-contained: it
// talks to `window.latch` directly and tells its opener through `onClose` whether anything changed.
//
// The pasted secret is never React state (state shows up in dev tools and survives re-renders): it sits
// in a ref and an uncontrolled password field, and both are wiped as soon as the job is done, when the
// person goes back, and when the dialog closes. It stays only while Latch still needs it to try again
// (an account to unlock, a host that failed).
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { describeSecret, type LeakReport } from '../../../shared/leaks';
import { findBridge } from '../../bridge';
import { ErrorMessage, Notice } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Icon, type IconName } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import './leak.css';

export interface LeakDialogProps {
  /** `changed`: tokens, stored secrets or account locks may have changed, so lists should be refreshed. */
  onClose: (changed: boolean) => void;
}

type Step =
  | { kind: 'enter'; error: string | null }
  | { kind: 'confirm'; description: string }
  | { kind: 'working' }
  | { kind: 'report'; report: LeakReport };

export const CONFIRM_TEXT = 'This revokes the token at the host and removes it from this computer.';

/** Outcomes after which Latch may still need the secret: nothing was changed yet. */
const unfinished = (report: LeakReport) => report.host.outcome === 'needs-password' || report.host.outcome === 'failed';

export function LeakDialog({ onClose }: LeakDialogProps) {
  const secret = useRef<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const mounted = useRef(true);
  const changed = useRef(false);
  const [step, setStep] = useState<Step>({ kind: 'enter', error: null });
  const fieldId = useId();

  const wipe = () => {
    secret.current = null;
    if (field.current) field.current.value = '';
  };

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      secret.current = null;
    };
  }, []);

  // Each step replaces the control that led to it, so focus is moved on by hand: otherwise it falls to
  // the page, where Escape and Tab no longer reach the dialog.
  const working = step.kind === 'working';
  const workingNote = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (step.kind === 'enter') field.current?.focus();
    else if (step.kind === 'confirm') confirmButton.current?.focus();
    else if (step.kind === 'working') workingNote.current?.focus();
  }, [step.kind]);

  const close = () => {
    wipe();
    onClose(changed.current);
  };

  const submitSecret = (event: FormEvent) => {
    event.preventDefault();
    const pasted = field.current?.value.trim() ?? '';
    if (field.current) field.current.value = '';
    if (pasted === '') {
      setStep({ kind: 'enter', error: 'Paste the secret you believe leaked.' });
      return;
    }
    secret.current = pasted;
    setStep({ kind: 'confirm', description: describeSecret(pasted) });
  };

  const back = () => {
    wipe();
    setStep({ kind: 'enter', error: null });
  };

  const respond = async () => {
    const bridge = findBridge();
    const pasted = secret.current;
    if (!bridge || pasted === null) return back();
    setStep({ kind: 'working' });
    const result = await bridge.leaks.respond({ secret: pasted });
    if (!mounted.current) return;
    if (!result.ok) {
      wipe();
      setStep({ kind: 'enter', error: result.message });
      return;
    }
    changed.current = true;
    if (!unfinished(result.value)) wipe();
    setStep({ kind: 'report', report: result.value });
  };

  return (
    <Dialog
      title="Respond to a leaked secret"
      onClose={working ? undefined : close}
      size="large"
      icon={<Icon name="shield" />}
      describedBy="leak-lead"
    >
      <div className="dialog__body leak">
        {step.kind === 'enter' && (
          <form onSubmit={submitSecret} className="leak__form" noValidate>
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
                aria-describedby={`${fieldId}-hint${step.error ? ` ${fieldId}-error` : ''}`}
                aria-invalid={step.error ? true : undefined}
              />
              {step.error && (
                <p className="field__error" id={`${fieldId}-error`}>
                  {step.error}
                </p>
              )}
              <p className="field__hint" id={`${fieldId}-hint`}>
                Latch only compares it with what it holds; it is never stored or shown.
              </p>
            </div>
            <footer className="dialog__footer">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button--primary">
                Continue
              </button>
            </footer>
          </form>
        )}

        {step.kind === 'confirm' && (
          <>
            <p className="dialog__lead" id="leak-lead">
              Latch recognises this as {step.description}.
            </p>
            <Notice tone="warning">
              <strong>{CONFIRM_TEXT}</strong> Anything still using it stops working. Where the host has no API for it, Latch says exactly what to do
              by hand.
            </Notice>
            <footer className="dialog__footer">
              <button type="button" className="button" onClick={back}>
                Back
              </button>
              <button ref={confirmButton} type="button" className="button button--danger" onClick={() => void respond()}>
                Revoke and remove
              </button>
            </footer>
          </>
        )}

        {working && (
          <div ref={workingNote} tabIndex={-1} className="leak__working" id="leak-lead">
            <Spinner label="Revoking at the host and removing local copies…" />
          </div>
        )}

        {step.kind === 'report' && (
          <LeakReportView
            report={step.report}
            onRetry={() => void respond()}
            onUnlocked={() => {
              changed.current = true;
              void respond();
            }}
            onDone={close}
          />
        )}
      </div>
    </Dialog>
  );
}

type Tone = 'done' | 'todo' | 'failed' | 'info';

const MARK: Record<Tone, { icon: IconName; words: string }> = {
  done: { icon: 'check', words: 'Done' },
  todo: { icon: 'alert', words: 'Still to do' },
  failed: { icon: 'x', words: 'Did not work' },
  info: { icon: 'info', words: 'Note' },
};

function hostTone(report: LeakReport): Tone {
  switch (report.host.outcome) {
    case 'revoked':
    case 'dead':
      return 'done';
    case 'failed':
      return 'failed';
    default:
      return 'todo';
  }
}

function LeakReportView(props: { report: LeakReport; onRetry: () => void; onUnlocked: () => void; onDone: () => void }) {
  const { report } = props;
  const local = report.local;
  const summaryTone = report.complete ? 'done' : hostTone(report) === 'failed' ? 'failed' : 'todo';
  const retry = unfinished(report);
  const removed = [
    ...local.keychain.map((ref) => ({ key: `k ${ref.accountId} ${ref.tokenId}`, content: `The keychain copy of token ${ref.tokenId} (“${ref.name}”) of ${ref.account}` })),
    ...local.passwordsForgotten.map((account) => ({ key: `p ${account}`, content: `The password Latch kept for ${account}` })),
    ...local.gitCredentials.map((cleanup) => ({
      key: `f ${cleanup.file}`,
      content: (
        <>
          {cleanup.lines.length === 1 ? 'Line' : 'Lines'} {cleanup.lines.join(', ')} of <code className="mono selectable">{cleanup.file}</code> (git credentials for{' '}
          {cleanup.hosts.join(', ')})
        </>
      ),
    })),
  ];
  const summary = useRef<HTMLDivElement>(null);
  const unlock = Boolean(report.host.unlockAccountId && report.host.unlockAccount);
  // The button that started this is gone; the verdict is where a keyboard or screen reader user goes on.
  useEffect(() => {
    if (!unlock) summary.current?.focus();
  }, [report, unlock]);
  return (
    <>
      <div ref={summary} tabIndex={-1} className={`leak-summary leak-summary--${summaryTone}`} role="status" id="leak-lead">
        <Icon name={MARK[summaryTone].icon} />
        <p>{report.summary}</p>
      </div>
      <ol className="leak-steps" aria-label="What Latch did">
        <LeakStep tone={report.recognized.kind === 'unknown' ? 'info' : 'done'} title="Recognised">
          <p>{capitalise(report.recognized.description)}.</p>
        </LeakStep>
        <LeakStep tone={report.found.where === 'nowhere' ? 'info' : 'done'} title="Found">
          <p>{report.found.sentence}</p>
        </LeakStep>
        <LeakStep tone={hostTone(report)} title="At the host">
          <p>{report.host.sentence}</p>
          {report.host.manageUrl && (
            <p className="leak-step__where">
              {retry ? 'Or by hand at' : 'Where'}: <code className="mono selectable">{report.host.manageUrl}</code>
            </p>
          )}
        </LeakStep>
        <LeakStep tone={!local.attempted ? 'info' : local.problems.length > 0 ? 'failed' : 'done'} title="On this computer">
          {removed.length > 0 ? (
            <>
              <p>Removed:</p>
              <ul className="leak-step__list">
                {removed.map((item) => (
                  <li key={item.key}>{item.content}</li>
                ))}
              </ul>
            </>
          ) : (
            !(local.attempted && local.problems.length > 0) && <p>{local.sentence}</p>
          )}
          {local.attempted && local.problems.length > 0 && (
            <ul className="leak-step__list leak-step__list--problems" aria-label="Copies Latch could not remove">
              {local.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
        </LeakStep>
      </ol>
      {unlock && <UnlockForm accountId={report.host.unlockAccountId!} account={report.host.unlockAccount!} onUnlocked={props.onUnlocked} />}
      <footer className="dialog__footer">
        {retry && !report.host.unlockAccountId && (
          <button type="button" className="button" onClick={props.onRetry}>
            <Icon name="refresh" />
            Try again
          </button>
        )}
        <button type="button" className={retry ? 'button' : 'button button--primary'} onClick={props.onDone}>
          {retry ? 'Close' : 'Done'}
        </button>
      </footer>
    </>
  );
}

function LeakStep(props: { tone: Tone; title: string; children: ReactNode }) {
  return (
    <li className={`leak-step leak-step--${props.tone}`}>
      <span className="leak-step__mark">
        <Icon name={MARK[props.tone].icon} />
        <span className="visually-hidden">{MARK[props.tone].words}: </span>
      </span>
      <div className="leak-step__body">
        <h3 className="leak-step__title">{props.title}</h3>
        {props.children}
      </div>
    </li>
  );
}

/** The account password, so Latch can revoke at the host; it goes to the unlock window like any unlock. */
function UnlockForm(props: { accountId: string; account: string; onUnlocked: () => void }) {
  const password = useRef<HTMLInputElement>(null);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const bridge = findBridge();
    const typed = password.current?.value ?? '';
    if (!bridge || typed === '') {
      setError('Enter the password.');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await bridge.accounts.unlock({ accountId: props.accountId, password: typed });
    if (password.current) password.current.value = '';
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    props.onUnlocked();
  };

  return (
    <form className="leak-unlock" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          Password for {props.account}
        </label>
        <input ref={password} id={id} className="input" type="password" autoComplete="current-password" aria-invalid={error ? true : undefined} autoFocus />
      </div>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <div>
        <button type="submit" className="button button--primary" disabled={busy}>
          <Icon name="unlock" />
          {busy ? 'Unlocking…' : 'Unlock and revoke'}
        </button>
      </div>
    </form>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
