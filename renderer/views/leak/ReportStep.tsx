// The last step: the verdict, then what Latch did in order (recognised, found, at the host, on this
// computer), and what is left: an account to unlock, a step to try again.
import { useEffect, useRef } from 'react';
import type { LeakReport } from '../../../shared/leaks';
import { Icon } from '../../components/Icon';
import { LocalStep } from './LocalStep';
import { MARK, StepItem, type Tone } from './StepItem';
import { UnlockForm } from './UnlockForm';
import { CodeForm } from './CodeForm';

/** Outcomes after which Latch may still need the secret: nothing was changed yet. */
export const unfinished = (report: LeakReport) => report.host.outcome === 'needs-password' || report.host.outcome === 'failed';

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

export interface ReportStepProps {
  report: LeakReport;
  onRetry: () => void;
  onUnlocked: () => void;
  /** A one-time code for the account the report names (Gitea, Forgejo with two-factor sign-in). */
  onCode: (code: string) => void;
  onDone: () => void;
}

export function ReportStep({ report, onRetry, onUnlocked, onCode, onDone }: ReportStepProps) {
  const summaryTone = report.complete ? 'done' : hostTone(report) === 'failed' ? 'failed' : 'todo';
  const retry = unfinished(report);
  const summary = useRef<HTMLDivElement>(null);
  const unlock = Boolean(report.host.unlockAccountId && report.host.unlockAccount);
  const askCode = !unlock && report.host.code === 'otp-required' && Boolean(report.host.codeAccountId && report.host.codeAccount);
  // The button that started this is gone; the verdict is where a keyboard or screen reader user goes on.
  useEffect(() => {
    if (!unlock && !askCode) summary.current?.focus();
  }, [report, unlock, askCode]);
  return (
    <>
      <div ref={summary} tabIndex={-1} className={`leak-summary leak-summary--${summaryTone}`} role="status" id="leak-lead">
        <Icon name={MARK[summaryTone].icon} />
        <p>{report.summary}</p>
      </div>
      <ol className="leak-steps" aria-label="What Latch did">
        <StepItem tone={report.recognized.kind === 'unknown' ? 'info' : 'done'} title="Recognised">
          <p>{capitalise(report.recognized.description)}.</p>
        </StepItem>
        <StepItem tone={report.found.where === 'nowhere' ? 'info' : 'done'} title="Found">
          <p>{report.found.sentence}</p>
        </StepItem>
        <StepItem tone={hostTone(report)} title="At the host">
          <p>{report.host.sentence}</p>
          {report.host.manageUrl && (
            <p className="leak-step__where">
              {retry ? 'Or by hand at' : 'Where'}: <code className="mono selectable">{report.host.manageUrl}</code>
            </p>
          )}
        </StepItem>
        <LocalStep local={report.local} />
      </ol>
      {askCode && <CodeForm key={report.host.sentence} account={report.host.codeAccount!} onCode={onCode} />}
      {unlock && <UnlockForm accountId={report.host.unlockAccountId!} account={report.host.unlockAccount!} onUnlocked={onUnlocked} />}
      <footer className="dialog__footer">
        {retry && !report.host.unlockAccountId && !askCode && (
          <button type="button" className="button" onClick={onRetry}>
            <Icon name="refresh" />
            Try again
          </button>
        )}
        <button type="button" className={retry ? 'button' : 'button button--primary'} onClick={onDone}>
          {retry ? 'Close' : 'Done'}
        </button>
      </footer>
    </>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
