import { useState } from 'react';
import type { HostEntry } from '../../../shared/hosts';
import { checkTokenName } from '../../../shared/schemas';
import type { BrowserToken } from '../../../shared/domain';
import { expiryProblem, nameProblem, secretProblem } from '../../../shared/browser-token';
import { DEFAULT_BROWSER_TOKEN_NAME } from '../../lib/browser-token';

export interface BrowserTokenErrors {
  name?: string;
  secret?: string;
  expiresOn?: string;
}

export interface BrowserTokenForm {
  name: string;
  secret: string;
  expiresOn: string;
  setName(value: string): void;
  setSecret(value: string): void;
  setExpiresOn(value: string): void;
  errors: BrowserTokenErrors;
  /** Checks every field against the host's rules; answers the token to send, or null after showing what is wrong. */
  check(now: number, capabilities: HostEntry): BrowserToken | null;
  /** Drops the secret from this form's state (after it was sent, or when the dialog goes). */
  clearSecret(): void;
}

/**
 * The pasted token's fields, in the state of the dialog that uses them: the secret lives here and
 * nowhere else in the renderer (never in the store), until the dialog clears it or closes.
 */
export function useBrowserToken(): BrowserTokenForm {
  const [name, setName] = useState(DEFAULT_BROWSER_TOKEN_NAME);
  const [secret, setSecret] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [errors, setErrors] = useState<BrowserTokenErrors>({});

  return {
    name,
    secret,
    expiresOn,
    setName,
    setSecret,
    setExpiresOn,
    errors,
    check(now, capabilities) {
      const next: BrowserTokenErrors = {};
      const checkedName = checkTokenName(name);
      if (!checkedName.ok) next.name = checkedName.problem;
      else next.name = nameProblem(checkedName.name, secret) ?? undefined;
      const secretError = secretProblem(secret);
      if (secretError) next.secret = secretError;
      // Where the host reports the expiry (GitHub, GitLab), there is no date to check.
      const dateError = capabilities.browserToken?.expiry === 'reported' ? null : expiryProblem(expiresOn, capabilities, now);
      if (dateError) next.expiresOn = dateError;
      setErrors(next);
      if (!checkedName.ok || next.name || secretError || dateError) return null;
      return { name: checkedName.name, secret: secret.trim(), expiresOn: expiresOn || null };
    },
    clearSecret: () => setSecret(''),
  };
}
