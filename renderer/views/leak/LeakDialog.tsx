// "A secret leaked": paste it, confirm, and read what Latch did, step by step. Self-contained: it
// talks to `window.latch` directly and tells its opener through `onClose` whether anything changed.
//
// The pasted secret is never React state (state shows up in dev tools and survives re-renders): it sits
// in a ref and an uncontrolled password field, and both are wiped as soon as the job is done, when the
// person goes back, and when the dialog closes. It stays only while Latch still needs it to try again
// (an account to unlock, a host that failed).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { describeSecret, type LeakCode, type LeakReport } from '../../../shared/leaks';
import { recognizeSecret } from '../../../shared/secret-formats';
import { findBridge } from '../../bridge';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { ConfirmStep } from './ConfirmStep';
import { PasteStep } from './PasteStep';
import { ReportStep, unfinished } from './ReportStep';
import './leak.css';

export { CONFIRM_TEXT } from './ConfirmStep';

export interface LeakDialogProps {
  /** `changed`: tokens, stored secrets or account locks may have changed, so lists should be refreshed. */
  onClose: (changed: boolean) => void;
}

type Step =
  | { kind: 'enter'; error: string | null }
  /** `named`: the token the secret carries the id of, once its host accepted it as that token. */
  | { kind: 'confirm'; description: string; named: string | null }
  | { kind: 'working' }
  | { kind: 'report'; report: LeakReport };

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
    setStep({ kind: 'confirm', description: describeSecret(pasted), named: null });
    // A secret that names its token id (Data Center): the question names the token, once the host
    // has accepted the secret as it (a made-up id names none).
    const bridge = findBridge();
    if (bridge && recognizeSecret(pasted).tokenId !== null) {
      void bridge.leaks.name({ secret: pasted }).then((result) => {
        if (!mounted.current || secret.current !== pasted || !result.ok || result.value === null) return;
        const named = result.value;
        setStep((current) => (current.kind === 'confirm' ? { ...current, named } : current));
      });
    }
  };

  const back = () => {
    wipe();
    setStep({ kind: 'enter', error: null });
  };

  const respond = async (otp?: LeakCode) => {
    const bridge = findBridge();
    const pasted = secret.current;
    if (!bridge || pasted === null) return back();
    setStep({ kind: 'working' });
    const result = await bridge.leaks.respond(otp ? { secret: pasted, otp } : { secret: pasted });
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
        {step.kind === 'enter' && <PasteStep field={field} fieldId={fieldId} error={step.error} onSubmit={submitSecret} onCancel={close} />}

        {step.kind === 'confirm' && (
          <ConfirmStep description={step.description} named={step.named} confirmButton={confirmButton} onBack={back} onConfirm={() => void respond()} />
        )}

        {working && (
          <div ref={workingNote} tabIndex={-1} className="leak__working" id="leak-lead">
            <Spinner label="Revoking at the host and removing local copies…" />
          </div>
        )}

        {step.kind === 'report' && (
          <ReportStep
            report={step.report}
            onRetry={() => void respond()}
            onUnlocked={() => {
              changed.current = true;
              void respond();
            }}
            onCode={(code) => {
              const { codeAccountId } = step.report.host;
              if (!codeAccountId) return;
              // The token this report found: revoked with the new code, without listing again (a code works once).
              const token = step.report.found.where === 'host' ? step.report.found.tokens.find((ref) => ref.accountId === codeAccountId) : undefined;
              void respond({ accountId: codeAccountId, code, ...(token ? { token: { id: token.tokenId, name: token.name } } : {}) });
            }}
            onDone={close}
          />
        )}
      </div>
    </Dialog>
  );
}
