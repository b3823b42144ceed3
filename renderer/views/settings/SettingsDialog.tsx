import { useState, type FormEvent } from 'react';
import { DEFAULT_SETTINGS } from '../../../shared/domain';
import { unlockMinutesProblem, UNLOCK_MINUTES } from '../../../shared/schemas';
import { ErrorMessage } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Checkbox, Field } from '../../components/Field';
import { useLatch } from '../../store/context';
import { CommandLineTools } from './CommandLineTools';

export function SettingsDialog() {
  const settings = useLatch((state) => state.settings);
  const saveSettings = useLatch((state) => state.saveSettings);
  const closeDialog = useLatch((state) => state.closeDialog);
  const [minutes, setMinutes] = useState(String(settings?.unlockMinutes ?? DEFAULT_SETTINGS.unlockMinutes));
  const [keep, setKeep] = useState(settings?.keepCredentialsFromGit ?? DEFAULT_SETTINGS.keepCredentialsFromGit);
  const [minutesError, setMinutesError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const unlockMinutes = Number(minutes);
    // The same rule, and sentence, as the core.
    const problem = unlockMinutesProblem(unlockMinutes);
    if (problem) {
      setMinutesError(problem);
      return;
    }
    setMinutesError(null);
    setBusy(true);
    const failure = await saveSettings({ unlockMinutes, keepCredentialsFromGit: keep });
    if (failure) {
      setBusy(false);
      setError(failure.message);
    }
  };

  return (
    <Dialog title="Settings" onClose={closeDialog} size="medium">
      <form className="dialog__body form" onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="Keep an account password unlocked for (minutes)"
          hint="After this long, Latch forgets a password it holds in memory and asks again. Remembered passwords stay in the keychain."
          error={minutesError}
        >
          {(control) => (
            <input
              {...control}
              className="input input--narrow"
              type="number"
              min={UNLOCK_MINUTES.min}
              max={UNLOCK_MINUTES.max}
              inputMode="numeric"
              value={minutes}
              onChange={(event) => setMinutes(event.target.value)}
            />
          )}
        </Field>
        <Checkbox
          label="Keep credentials git hands me"
          hint="When git reports that a Bitbucket Data Center token worked for one of your accounts, keep that token in the keychain once Bitbucket, asked with it, says it is that account's own (never an account password). Off by default: Latch then keeps only tokens it created."
          checked={keep}
          onChange={setKeep}
        />
        <CommandLineTools />
        {error && <ErrorMessage>{error}</ErrorMessage>}
        <footer className="dialog__footer">
          <button type="button" className="button" onClick={closeDialog}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy || !settings}>
            Save
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
