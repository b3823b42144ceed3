// The parts every token list shares, whether the host lists its tokens or Latch lists what it keeps:
// the toolbar (filter, count, refresh, the panel's main action), the load error, the first load, the
// empty list and "no match".
import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorMessage } from '../../components/Alert';
import { Icon } from '../../components/Icon';
import { OtpField } from '../../components/OtpField';
import { Spinner } from '../../components/Spinner';
import { useLatch } from '../../store/context';

interface ToolbarProps {
  shown: number;
  total: number;
  firstLoad: boolean;
  loading: boolean;
  /** The panel's primary button (Create token, Add API token). */
  action: ReactNode;
}

export function TokenToolbar({ shown, total, firstLoad, loading, action }: ToolbarProps) {
  const filter = useLatch((state) => state.filter);
  const setFilter = useLatch((state) => state.setFilter);
  const loadTokens = useLatch((state) => state.loadTokens);
  return (
    <div className="toolbar">
      <div className="search">
        <Icon name="search" />
        <label htmlFor="token-filter" className="visually-hidden">
          Filter tokens by name
        </label>
        <input
          id="token-filter"
          className="input search__input"
          type="search"
          placeholder="Filter by name"
          autoComplete="off"
          spellCheck={false}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>
      <span className="toolbar__count" aria-live="polite">
        {firstLoad ? '' : filter.trim() ? `${shown} of ${total} tokens` : `${total} ${total === 1 ? 'token' : 'tokens'}`}
      </span>
      <span className="toolbar__spacer" />
      <button type="button" className="button" onClick={() => void loadTokens()} disabled={loading} aria-busy={loading}>
        <Icon name="refresh" className={loading ? 'is-spinning' : undefined} />
        Refresh
      </button>
      {action}
    </div>
  );
}

export function TokenListError({ message }: { message: string }) {
  const loadTokens = useLatch((state) => state.loadTokens);
  return (
    <div className="tokens__error">
      <ErrorMessage>
        <p>{message}</p>
        <button type="button" className="button button--small" onClick={() => void loadTokens()}>
          Try again
        </button>
      </ErrorMessage>
    </div>
  );
}

/**
 * The host wants a one-time code to list the tokens (Gitea, Forgejo with two-factor sign-in): its
 * sentence, a code field and the list asked for again with that code.
 */
export function TokenListCodeForm({ message }: { message: string }) {
  const loadTokens = useLatch((state) => state.loadTokens);
  const [otp, setOtp] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!otp.trim()) return setMissing('Enter the code your authenticator app shows now.');
    setMissing(null);
    const code = otp.trim();
    setOtp('');
    void loadTokens(code);
  };
  return (
    <form className="tokens__error tokens__code" onSubmit={submit} noValidate aria-label="One-time code to list the tokens">
      <ErrorMessage>
        <p>{message}</p>
      </ErrorMessage>
      <div className="tokens__code-row">
        <OtpField value={otp} onChange={setOtp} error={missing} />
        <button type="submit" className="button button--primary">
          Show tokens
        </button>
      </div>
    </form>
  );
}

export function NoTokenMatches() {
  const filter = useLatch((state) => state.filter);
  const setFilter = useLatch((state) => state.setFilter);
  return (
    <div className="state">
      <p className="state__text">No token name contains “{filter.trim()}”.</p>
      <button type="button" className="button button--small" onClick={() => setFilter('')}>
        Clear the filter
      </button>
    </div>
  );
}

/** The list's first load. */
export function ListLoading({ label }: { label: string }) {
  return (
    <div className="state">
      <Spinner label={label} />
    </div>
  );
}

/** An empty list: a key, then what the panel says to do first. */
export function ListEmpty({ children }: { children: ReactNode }) {
  return (
    <div className="state">
      <span className="state__icon">
        <Icon name="key" />
      </span>
      {children}
    </div>
  );
}
