import { useRef, useState } from 'react';
import type { AccessToken } from '../../../shared/domain';
import { accountCapabilities } from '../../../shared/hosts';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { OtpField } from '../../components/OtpField';
import { useLatch } from '../../store/context';

export function RevokeDialog({ token }: { token: AccessToken }) {
  const revokeToken = useLatch((state) => state.revokeToken);
  const closeDialog = useLatch((state) => state.closeDialog);
  const twoFactor = useLatch((state) => {
    const account = state.accounts.find((candidate) => candidate.id === state.selectedAccountId);
    return account ? accountCapabilities(account).twoFactor : false;
  });
  const [otp, setOtp] = useState('');
  const otpInput = useRef<HTMLInputElement>(null);

  const confirm = async () => {
    const code = twoFactor ? otp.trim() : '';
    const failure = await revokeToken(token, code || undefined);
    if (failure && twoFactor) {
      // Each code works once: a retry needs the one the app shows next.
      setOtp('');
      if (failure.code === 'otp-required') setTimeout(() => otpInput.current?.focus(), 0);
    }
    return failure;
  };

  return (
    <ConfirmDialog
      title={`Revoke “${token.name}”?`}
      confirmLabel="Revoke token"
      busyLabel="Revoking…"
      onConfirm={confirm}
      onCancel={closeDialog}
      extra={
        twoFactor && (
          <OtpField
            hint="From your authenticator app, if your account uses two-factor sign-in."
            value={otp}
            onChange={setOtp}
            inputRef={otpInput}
          />
        )
      }
    >
      Every app using <strong>{token.name}</strong> stops working at once.
      {token.stored ? ' Latch also deletes its copy from your keychain.' : ''} This cannot be undone.
    </ConfirmDialog>
  );
}
