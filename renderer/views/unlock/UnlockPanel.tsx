import { useRef, useState, type FormEvent } from 'react';
import { DEFAULT_SETTINGS, type AccountView } from '../../../shared/domain';
import { HOSTS } from '../../../shared/hosts';
import { ErrorMessage, Notice } from '../../components/Alert';
import { Field } from '../../components/Field';
import { OtpField } from '../../components/OtpField';
import { Icon } from '../../components/Icon';
import { displayHost } from '../../lib/host';
import { useLatch } from '../../store/context';
import './unlock.css';

/** Shown instead of the token list while Latch does not hold the account's password. */
export function UnlockPanel({ account }: { account: AccountView }) {
  const unlockAccount = useLatch((state) => state.unlockAccount);
  const unlockMinutes = useLatch((state) => state.settings?.unlockMinutes ?? DEFAULT_SETTINGS.unlockMinutes);
  const twoFactor = HOSTS[account.host].twoFactor;
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [otpError, setOtpError] = useState<string | null>(null);
  const otpInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) {
      setError('Enter the password.');
      return;
    }
    setBusy(true);
    setError(null);
    setOtpError(null);
    const failure = await unlockAccount(account.id, password, twoFactor ? otp.trim() : undefined);
    setBusy(false);
    // A code works once; the password is kept only when the code alone was the trouble.
    setOtp('');
    if (!failure) return setPassword('');
    if (failure.code === 'otp-required' && twoFactor) {
      setOtpError(failure.message);
      setTimeout(() => otpInput.current?.focus(), 0);
      return;
    }
    // Cleared: the person types it again.
    setPassword('');
    setError(failure.message);
  };

  return (
    <section className="unlock" aria-labelledby="unlock-title">
      <span className="unlock__icon">
        <Icon name="lock" />
      </span>
      <h2 id="unlock-title" className="unlock__title">
        Unlock {account.displayName}
      </h2>
      {/* Why a remembered account asks again: its saved password was refused by the host, or is gone. */}
      {account.lock.state === 'locked' && account.lock.reason && <Notice tone="warning">{account.lock.reason}</Notice>}
      <p className="unlock__text">
        Managing tokens on {displayHost(account.baseUrl)} needs your account password.{' '}
        {account.rememberPassword ? (
          'Latch saves it in the keychain, as this account was set up to remember it.'
        ) : (
          <>
            Latch keeps it in memory only, for {unlockMinutes} {unlockMinutes === 1 ? 'minute' : 'minutes'}.
          </>
        )}
      </p>
      <form className={twoFactor ? 'unlock__form unlock__form--stacked' : 'unlock__form'} onSubmit={(event) => void submit(event)} noValidate>
        <Field label={`Password for ${account.username}`} error={null}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="password"
              autoComplete="off"
              autoFocus
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        {twoFactor && (
          <OtpField
            hint="From your authenticator app, if your account uses two-factor sign-in."
            value={otp}
            onChange={setOtp}
            error={otpError}
            inputRef={otpInput}
          />
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Checking…' : 'Unlock'}
        </button>
      </form>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </section>
  );
}
