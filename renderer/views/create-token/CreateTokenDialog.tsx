import { useMemo, useRef, useState, type FormEvent } from 'react';
import { ownerPath } from '../../../shared/domain';
import { HOSTS } from '../../../shared/hosts';
import { checkTokenName, expiryDaysProblem, EXPIRY_DAYS, TOKEN_NAME_MAX_LENGTH } from '../../../shared/schemas';
import { checkPermissions, toScopes, type Level } from '../../../shared/permissions';
import { ErrorMessage } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Checkbox, Field } from '../../components/Field';
import { OtpField } from '../../components/OtpField';
import { displayHost } from '../../lib/host';
import { chosenScopes, scopeCategories, type ScopeLevel } from '../../lib/scopes';
import { useLatch } from '../../store/context';
import { NamedScopePicker } from './NamedScopePicker';
import { PermissionGroup } from './PermissionGroup';
import { DEFAULT_EXPIRY_DAYS } from '../../../shared/expiry';
import './create-token.css';

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
  // A host with named scopes (Gitea, Forgejo): a level per kind of thing, from its table entry.
  const capabilities = account ? HOSTS[account.host] : null;
  const named = capabilities?.scopeModel === 'named-scopes';
  const categories = useMemo(() => scopeCategories(capabilities?.namedScopes ?? []), [capabilities]);
  const [levels, setLevels] = useState<Record<string, ScopeLevel>>({ repository: 'read' });
  const [scopesError, setScopesError] = useState<string | null>(null);
  const canExpire = capabilities?.expiryByApi !== false;
  // "Gitea" or "Forgejo", as the server said when the account was added.
  const product = account?.server?.split(' ')[0] ?? capabilities?.label ?? 'These';
  const twoFactor = capabilities?.twoFactor ?? false;
  const [otp, setOtp] = useState('');
  const [otpError, setOtpError] = useState<string | null>(null);
  const otpInput = useRef<HTMLInputElement>(null);
  // GitLab project and group tokens have a role there; Developer lets git push, nothing more.
  const roles = owner.kind !== 'user' ? capabilities?.roles : undefined;
  const [role, setRole] = useState('developer');
  // A host whose tokens always expire (GitLab: at most a year) offers no "Never expires".
  const mustExpire = capabilities?.maxTokenDays != null;

  // The host's rule, checked on every change with the same function the core uses.
  const choice = { project: owner.kind === 'repository' ? null : project, repository };
  const permissionError = named ? null : checkPermissions(choice, owner);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || permissionError) return;
    // The same rules, and sentences, as the core and the CLI.
    const checkedName = checkTokenName(name);
    setNameError(checkedName.ok ? null : checkedName.problem);
    const expiryDays = expires && canExpire ? Number(days) : null;
    const daysProblem = expiryDaysProblem(expiryDays);
    setDaysError(daysProblem);
    const scopes = named ? chosenScopes(categories, levels) : toScopes(choice);
    const noScope = named && scopes.length === 0 ? 'Choose at least one scope: a token with none can do nothing.' : null;
    setScopesError(noScope);
    if (!checkedName.ok || daysProblem || noScope) return;
    setBusy(true);
    setError(null);
    setOtpError(null);
    const code = twoFactor ? otp.trim() : '';
    const accessLevel = roles?.[role];
    const failure = await createToken({
      name: checkedName.name,
      scopes,
      expiryDays,
      store,
      ...(code ? { otp: code } : {}),
      ...(accessLevel !== undefined ? { accessLevel } : {}),
    });
    if (!failure) return;
    setBusy(false);
    // Each code works once: a retry needs the next one.
    setOtp('');
    if (failure.code === 'otp-required' && twoFactor) {
      setOtpError(`${failure.message} Then press Create token again.`);
      setTimeout(() => otpInput.current?.focus(), 0);
      return;
    }
    setError(failure.message);
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

        {named ? (
          <NamedScopePicker
            categories={categories}
            levels={levels}
            onChange={(category, level) => {
              setLevels((current) => ({ ...current, [category]: level }));
              setScopesError(null);
            }}
            error={scopesError}
          />
        ) : (
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
        )}
        {roles && (
          <Field label="Role" hint={`The token acts with this role in the ${owner.kind}: Developer can push, Reporter only read.`}>
            {(control) => (
              <select {...control} className="input" value={role} onChange={(event) => setRole(event.target.value)}>
                {Object.keys(roles).map((name) => (
                  <option key={name} value={name}>
                    {name.charAt(0).toUpperCase() + name.slice(1)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {permissionError && (
          <p className="field__error" id="permission-error" role="alert">
            {permissionError}
          </p>
        )}

        {!canExpire ? (
          <p className="field__hint">
            {product} tokens never expire: Latch cannot give this one an expiry. Revoke it when its app no longer needs it.
          </p>
        ) : (
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
              {!mustExpire && (
                <div className="expiry__option">
                  <input type="radio" id="expiry-never" name="expiry" checked={!expires} onChange={() => setExpires(false)} />
                  <label htmlFor="expiry-never">Never expires</label>
                </div>
              )}
            </div>
            {daysError && (
              <p className="field__error" id="expiry-error">
                {daysError}
              </p>
            )}
            <p className="field__hint">An expiry cannot be changed once the token exists.</p>
          </fieldset>
        )}

        <Checkbox
          label="Store in keychain for git and the CLI"
          hint="git and the latch command can then use the token without you pasting it anywhere. Latch shows the secret once either way."
          checked={store}
          onChange={setStore}
        />
        {twoFactor && (
          <OtpField
            hint="From your authenticator app, if your account uses two-factor sign-in: the server asks for a code each time."
            value={otp}
            onChange={setOtp}
            error={otpError}
            inputRef={otpInput}
          />
        )}
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
