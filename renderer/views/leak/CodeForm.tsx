// The one-time code the host wants before Latch can go on (Gitea, Forgejo with two-factor sign-in),
// for the account the report names. A code works once, so each try takes the one the app shows then.
import { useState, type FormEvent } from 'react';
import { OtpField } from '../../components/OtpField';
import { Icon } from '../../components/Icon';

export function CodeForm(props: { account: string; onCode: (code: string) => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code === '') {
      setError('Enter the code your authenticator app shows now.');
      return;
    }
    setCode('');
    props.onCode(code);
  };

  return (
    <form className="leak-unlock" onSubmit={submit} noValidate>
      <OtpField
        label={`One-time code for ${props.account}`}
        hint="From your authenticator app; it changes every 30 seconds and works once."
        value={code}
        onChange={setCode}
        error={error}
      />
      <div>
        <button type="submit" className="button button--primary">
          <Icon name="refresh" />
          Go on with this code
        </button>
      </div>
    </form>
  );
}
