// The account password, so Latch can revoke at the host; it goes to the unlock window like any unlock.
import { useId, useRef, useState, type FormEvent } from 'react';
import { findBridge } from '../../bridge';
import { ErrorMessage } from '../../components/Alert';
import { Icon } from '../../components/Icon';

export function UnlockForm(props: { accountId: string; account: string; onUnlocked: () => void }) {
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
