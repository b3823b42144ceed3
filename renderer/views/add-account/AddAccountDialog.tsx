import { useRef, useState, type FormEvent } from 'react';
import { DEFAULT_SETTINGS, HOST_KINDS, type HostKind } from '../../../shared/domain';
import { accountCapabilities, HOSTS, type HostEntry } from '../../../shared/hosts';
import { emailProblem } from '../../../shared/browser-token';
import { missingUsername } from '../../../shared/schemas';
import { missingServerAddress } from '../../../shared/url';
import { ErrorMessage } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Checkbox, Field } from '../../components/Field';
import { OtpField } from '../../components/OtpField';
import { useNow } from '../../lib/use-now';
import { useLatch } from '../../store/context';
import { BrowserTokenFields } from '../add-token/BrowserTokenFields';
import { useBrowserToken } from '../add-token/use-browser-token';
import { GitHubAccountFields } from '../github/GitHubAccountFields';
import { HostNotice } from './HostNotice';
import { SecurityKeyFields } from './SecurityKeyFields';

/** A host whose account is checked with a token pasted from its web page (Bitbucket Cloud, GitHub). */
export const pastesToken = (capabilities: HostEntry): boolean => capabilities.implemented && capabilities.signIn === 'api-token';

export function AddAccountDialog() {
  const addAccount = useLatch((state) => state.addAccount);
  const closeDialog = useLatch((state) => state.closeDialog);
  const unlockMinutes = useLatch((state) => state.settings?.unlockMinutes ?? DEFAULT_SETTINGS.unlockMinutes);
  const [host, setHost] = useState<HostKind>(HOST_KINDS[0]);
  const [baseUrl, setBaseUrl] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  // Where the host has two-factor sign-in: the code goes with this one check only.
  const [otp, setOtp] = useState('');
  const [otpError, setOtpError] = useState<string | null>(null);
  const otpInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});
  // Bitbucket Cloud: the email and the pasted token. The secret stays in this dialog's state only.
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);
  const pasted = useBrowserToken();
  // A host with a server to choose and a default one (GitHub: github.com or an Enterprise Server).
  const [server, setServer] = useState('');
  // A Gitea or Forgejo account with a security key: added with a token made in the browser.
  const [securityKey, setSecurityKey] = useState(false);
  // The server refused the password because the account has a security key: offer the token path.
  const [offerToken, setOfferToken] = useState(false);
  const now = useNow(60_000);

  const keyed = securityKey && HOSTS[host].tokenOnly !== undefined;
  const capabilities = keyed ? accountCapabilities({ host, signIn: 'api-token' }) : HOSTS[host];
  const pastes = pastesToken(capabilities);
  // Signed in with a username and password (a host signed in with a pasted token, like GitLab, is `pastes`).
  const usable = capabilities.implemented && capabilities.createByApi && !pastes;

  const chooseSecurityKey = (on: boolean) => {
    setSecurityKey(on);
    setOfferToken(false);
    setError(null);
    setMissing({});
    setPassword('');
    setOtp('');
    setOtpError(null);
    if (!on) pasted.clearSecret();
  };

  const chooseHost = (next: HostKind) => {
    setHost(next);
    setError(null);
    setSecurityKey(false);
    setOfferToken(false);
    setOtp('');
    setOtpError(null);
    // A token pasted for one host is not carried to another.
    if (next !== host) pasted.clearSecret();
    setServer(HOSTS[next].defaultBaseUrl ?? '');
  };

  const submitPasted = async () => {
    const asksEmail = capabilities.browserToken?.email ?? false;
    const asksUsername = capabilities.browserToken?.username ?? false;
    const badEmail = asksEmail ? emailProblem(email) : null;
    setEmailError(badEmail);
    // With a security key, the server and username are the fields the password form had.
    const address = keyed ? baseUrl : server;
    const noServer = capabilities.fixedBaseUrl === null ? missingServerAddress(address) : null;
    const noUsername = asksUsername ? missingUsername(username) : null;
    setMissing({ ...(noServer ? { baseUrl: noServer } : {}), ...(noUsername ? { username: noUsername } : {}) });
    const token = pasted.check(Date.now(), capabilities);
    if (badEmail || noServer || noUsername || !token) return;
    setBusy(true);
    setError(null);
    const failure = await addAccount({
      host,
      baseUrl: capabilities.fixedBaseUrl ?? address.trim(),
      email: asksEmail ? email.trim() : null,
      ...(asksUsername ? { username: username.trim() } : {}),
      token,
    });
    if (failure) {
      setBusy(false);
      setError(failure.message);
      return;
    }
    pasted.clearSecret();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (pastes) return submitPasted();
    if (!usable) return;
    const needed: Record<string, string> = {};
    const noServer = missingServerAddress(baseUrl);
    const noUsername = missingUsername(username);
    if (noServer) needed.baseUrl = noServer;
    if (noUsername) needed.username = noUsername;
    if (!password) needed.password = 'Enter your password.';
    setMissing(needed);
    if (Object.keys(needed).length > 0) return;
    setBusy(true);
    setError(null);
    setOtpError(null);
    const code = capabilities.twoFactor ? otp.trim() : '';
    const failure = await addAccount({
      host,
      baseUrl: baseUrl.trim(),
      username: username.trim(),
      password,
      rememberPassword: remember,
      ...(code ? { otp: code } : {}),
    });
    // On success the dialog is gone, and the password with it.
    if (!failure) return;
    setBusy(false);
    // A code works once: whatever the answer, the next try needs the one the app shows then.
    setOtp('');
    if (failure.code === 'otp-required' && capabilities.twoFactor) {
      setOtpError(failure.message);
      // After React has drawn the error next to it.
      setTimeout(() => otpInput.current?.focus(), 0);
      return;
    }
    setError(failure.message);
    // Refused because of a security key (the host's token-only path is the one way left).
    setOfferToken(failure.code === 'unsupported' && capabilities.tokenOnly !== undefined);
  };

  return (
    <Dialog title="Add an account" onClose={closeDialog} size="medium">
      <form className="dialog__body form" onSubmit={(event) => void submit(event)} noValidate autoComplete="off">
        <Field label="Host">
          {(control) => (
            <select {...control} className="input" value={host} onChange={(event) => chooseHost(event.target.value as HostKind)}>
              {HOST_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {HOSTS[kind].label}
                  {HOSTS[kind].implemented ? '' : ' — not supported yet'}
                </option>
              ))}
            </select>
          )}
        </Field>
        {!usable && !(pastes && capabilities.fixedBaseUrl === null) && <HostNotice key={host} host={host} baseUrl={baseUrl} />}
        {pastes && capabilities.fixedBaseUrl === null && !keyed && (
          <GitHubAccountFields host={host} capabilities={capabilities} server={server} setServer={setServer} serverError={missing.baseUrl} tokenName={pasted.name} />
        )}
        {pastes && !keyed && (
          <>
            {capabilities.browserToken?.email && (
            <Field label="Atlassian account email" hint="The email you sign in to Bitbucket with: its API takes it together with the token." error={emailError}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="email"
                  inputMode="email"
                  autoCapitalize="off"
                  spellCheck={false}
                  placeholder="you@example.com"
                  value={email}
                  onChange={(event) => setEmail(event.target.value)}
                />
              )}
            </Field>
            )}
            <BrowserTokenFields form={pasted} capabilities={capabilities} now={now} />
          </>
        )}
        {(usable || keyed) && (
          <>
            <Field label="Server URL" hint="The address you open in your browser." error={missing.baseUrl}>
              {(control) => (
                <input
                  {...control}
                  className="input mono"
                  type="url"
                  inputMode="url"
                  placeholder={`https://${capabilities.label.split(/[\s/]/)[0]!.toLowerCase()}.example.com`}
                  spellCheck={false}
                  value={baseUrl}
                  onChange={(event) => setBaseUrl(event.target.value)}
                />
              )}
            </Field>
            <div className="form__row">
              <Field label="Username" error={missing.username}>
                {(control) => (
                  <input
                    {...control}
                    className="input"
                    spellCheck={false}
                    autoCapitalize="off"
                    value={username}
                    onChange={(event) => setUsername(event.target.value)}
                  />
                )}
              </Field>
              {!keyed && (
                <Field label="Password" error={missing.password}>
                  {(control) => (
                    <input {...control} className="input" type="password" value={password} onChange={(event) => setPassword(event.target.value)} />
                  )}
                </Field>
              )}
            </div>
          </>
        )}
        {keyed && <SecurityKeyFields capabilities={capabilities} baseUrl={baseUrl} form={pasted} now={now} onUsePassword={() => chooseSecurityKey(false)} />}
        {usable && (
          <>
            {capabilities.twoFactor && (
              <OtpField
                label="One-time code (if you use two-factor sign-in)"
                hint="The code your authenticator app shows now. Leave it empty if your account has no two-factor sign-in."
                value={otp}
                onChange={setOtp}
                error={otpError}
                inputRef={otpInput}
              />
            )}
            <p className="field__hint">{capabilities.managementAuth} Latch checks it with the server before saving the account.</p>
            <Checkbox
              label="Remember password in keychain"
              hint={`Otherwise Latch keeps it in memory for ${unlockMinutes} minutes at a time and asks again after. It is never written to a file.`}
              checked={remember}
              onChange={setRemember}
            />
            {capabilities.tokenOnly && !offerToken && (
              <p>
                <button type="button" className="button button--small button--quiet" onClick={() => chooseSecurityKey(true)}>
                  My account has a security key or passkey
                </button>
              </p>
            )}
          </>
        )}
        {error && <ErrorMessage>{error}</ErrorMessage>}
        {offerToken && !keyed && (
          <p>
            <button type="button" className="button" onClick={() => chooseSecurityKey(true)}>
              Add it with a token made in the browser
            </button>
          </p>
        )}
        <footer className="dialog__footer">
          <button type="button" className="button" onClick={closeDialog}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={!(usable || pastes) || busy}>
            {busy ? (pastes ? `Checking with ${capabilities.label}…` : 'Checking with the server…') : 'Verify and add'}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
