// The one-time code from an authenticator app, for a host with two-factor sign-in (Gitea, Forgejo).
// Sent with the one host call it is typed for; the form clears it afterwards, as each code works once.
import type { Ref } from 'react';
import { Field } from './Field';

export const OTP_MAX_LENGTH = 16;

export function OtpField(props: {
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  label?: string;
  hint?: string;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <Field label={props.label ?? 'One-time code'} hint={props.hint} error={props.error}>
      {(control) => (
        <input
          {...control}
          ref={props.inputRef}
          className="input input--otp mono"
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          maxLength={OTP_MAX_LENGTH}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value.trim())}
        />
      )}
    </Field>
  );
}
