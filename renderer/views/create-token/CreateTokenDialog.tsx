import { useState, type FormEvent } from 'react';
import { ownerPath } from '../../../shared/domain';
import { checkTokenName, expiryDaysProblem, EXPIRY_DAYS, TOKEN_NAME_MAX_LENGTH } from '../../../shared/schemas';
import { checkPermissions, toScopes, type Level } from '../../../shared/permissions';
import { ErrorMessage } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Checkbox, Field } from '../../components/Field';
import { displayHost } from '../../lib/host';
import { useLatch } from '../../store/context';
import { PermissionGroup } from './PermissionGroup';
import './create-token.css';

const DEFAULT_EXPIRY_DAYS = 90;

export function CreateTokenDialog() {
  const owner = useLatch((state) => state.owner);
  const account = useLatch((state) => state.accounts.find((candidate) => candidate.id === state.selectedAccountId) ?? null);
  const createToken = useLatch((state) => state.createToken);
  const closeDialog = useLatch((state) => state.closeDialog);

  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [project, setProject] = useState<Level>('READ');
  const [repository, setRepository] = useState<Level>('READ');
  const [expires, setExpires] = useState(true);
  const [days, setDays] = useState(String(DEFAULT_EXPIRY_DAYS));
  const [daysError, setDaysError] = useState<string | null>(null);
  const [store, setStore] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The host's rule, checked on every change with the same function the core uses.
  const choice = { project: owner.kind === 'repository' ? null : project, repository };
  const permissionError = checkPermissions(choice, owner);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || permissionError) return;
    // The same rules, and sentences, as the core and the CLI.
    const checkedName = checkTokenName(name);
    setNameError(checkedName.ok ? null : checkedName.problem);
    const expiryDays = expires ? Number(days) : null;
    const daysProblem = expiryDaysProblem(expiryDays);
    setDaysError(daysProblem);
    if (!checkedName.ok || daysProblem) return;
    setBusy(true);
    setError(null);
    const failure = await createToken({ name: checkedName.name, scopes: toScopes(choice), expiryDays, store });
    if (failure) {
      setBusy(false);
      setError(failure.message);
    }
  };

  const where = account ? ` on ${displayHost(account.baseUrl)}` : '';
  return (
    <Dialog title="Create an access token" onClose={closeDialog} size="large">
      <form className="dialog__body form" onSubmit={(event) => void submit(event)} noValidate autoComplete="off">
        <p className="dialog__lead">
          A new {ownerPath(owner)} token{where}
          {owner.kind === 'user' && account ? ` for ${account.displayName}` : ''}.
        </p>
        <Field
          label="Name"
          hint="Say which app uses it, for example “Sourcetree on my laptop”: you will know what stops working when you revoke it."
          error={nameError}
        >
          {(control) => (
            <input {...control} className="input" maxLength={TOKEN_NAME_MAX_LENGTH} spellCheck={false} value={name} onChange={(event) => setName(event.target.value)} />
          )}
        </Field>

        <div className={owner.kind === 'repository' ? 'permissions permissions--single' : 'permissions'}>
          {owner.kind !== 'repository' && (
            <PermissionGroup kind="project" value={project} onChange={setProject} invalid={!!permissionError} describedBy={permissionError ? 'permission-error' : undefined} />
          )}
          <PermissionGroup
            kind="repository"
            value={repository}
            onChange={setRepository}
            invalid={!!permissionError}
            describedBy={permissionError ? 'permission-error' : undefined}
          />
        </div>
        {permissionError && (
          <p className="field__error" id="permission-error" role="alert">
            {permissionError}
          </p>
        )}

        <fieldset className="expiry">
          <legend className="radio-group__legend">Expiry</legend>
          <div className="expiry__options">
            <div className="expiry__option">
              <input type="radio" id="expiry-days" name="expiry" checked={expires} onChange={() => setExpires(true)} />
              <label htmlFor="expiry-days">Expires after</label>
              <label htmlFor="expiry-days-count" className="visually-hidden">
                Number of days
              </label>
              <input
                id="expiry-days-count"
                className="input input--compact expiry__days"
                type="number"
                min={EXPIRY_DAYS.min}
                max={EXPIRY_DAYS.max}
                inputMode="numeric"
                value={days}
                disabled={!expires}
                aria-invalid={daysError ? true : undefined}
                aria-describedby={daysError ? 'expiry-error' : undefined}
                onChange={(event) => setDays(event.target.value)}
              />
              <span aria-hidden="true">days</span>
            </div>
            <div className="expiry__option">
              <input type="radio" id="expiry-never" name="expiry" checked={!expires} onChange={() => setExpires(false)} />
              <label htmlFor="expiry-never">Never expires</label>
            </div>
          </div>
          {daysError && (
            <p className="field__error" id="expiry-error">
              {daysError}
            </p>
          )}
          <p className="field__hint">An expiry cannot be changed once the token exists.</p>
        </fieldset>

        <Checkbox
          label="Store in keychain for git and the CLI"
          hint="git and the latch command can then use the token without you pasting it anywhere. Latch shows the secret once either way."
          checked={store}
          onChange={setStore}
        />
        {error && <ErrorMessage>{error}</ErrorMessage>}
        <footer className="dialog__footer">
          <button type="button" className="button" onClick={closeDialog}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy || !!permissionError}>
            {busy ? 'Creating…' : 'Create token'}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
