import type { Ref } from 'react';
import type { HostEntry } from '../../../shared/hosts';
import { TOKEN_NAME_MAX_LENGTH } from '../../../shared/schemas';
import { Field } from '../../components/Field';
import { expiryDateBounds, formatDay, tokenPageHost } from '../../lib/browser-token';
import type { BrowserTokenForm } from './use-browser-token';

/** Token, name and expiry of a token made in the host's web page, as the person pastes them in. */
export function BrowserTokenFields({
  form,
  capabilities,
  now,
  secretRef,
}: {
  form: BrowserTokenForm;
  capabilities: HostEntry;
  now: number;
  /** The token field, for a dialog that starts there. */
  secretRef?: Ref<HTMLInputElement>;
}) {
  const { min, max } = expiryDateBounds(now, capabilities.maxTokenDays);
  const page = tokenPageHost(capabilities) ?? 'the token page';
  const words = capabilities.browserToken?.tokenWords ?? 'API token';
  // The host tells Latch when the token expires (GitHub): nothing to type.
  const reported = capabilities.browserToken?.expiry === 'reported';
  // GitLab: the host names the token and reports its expiry, so there is neither a name nor a date to
  // ask for; the token's own field says so.
  const manages = capabilities.browserToken?.manages === true;
  const hint =
    'Shown once, right after you create it. Latch checks it with the host, then keeps it in your keychain.' +
    (manages ? ` ${capabilities.label} tells Latch when it expires, and Latch warns you before it does.` : '');
  return (
    <>
      <Field label={words.charAt(0).toUpperCase() + words.slice(1)} hint={hint} error={form.errors.secret}>
        {(control) => (
          <input
            {...control}
            ref={secretRef}
            className="input mono"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={form.secret}
            onChange={(event) => form.setSecret(event.target.value)}
          />
        )}
      </Field>
      {!manages && (
      <div className="form__row">
        <Field label="Token name" hint={`What uses it, as you named it on ${page}, so you find it there to revoke it.`} error={form.errors.name}>
          {(control) => (
            <input
              {...control}
              className="input"
              maxLength={TOKEN_NAME_MAX_LENGTH}
              spellCheck={false}
              value={form.name}
              onChange={(event) => form.setName(event.target.value)}
            />
          )}
        </Field>
        {reported ? (
          <p className="field__hint browser-token__expiry">
            {capabilities.expiryByApi === false
              ? `No expiry date to enter: ${capabilities.label} tokens never expire, so revoke it when it is no longer needed.`
              : `No expiry date to enter: ${capabilities.label} tells Latch when the token expires, and Latch warns you before it does.`}
          </p>
        ) : (
        <Field
          label="Expires on"
          hint={
            // The chosen day spelled out in the app's one date format, beside the field's own numeric
            // display, so 12/08 is never read two ways; the limit in days, not as a second date format.
            (form.expiresOn ? `That is ${formatDay(form.expiresOn)}. ` : '') +
            (max
              ? `As ${page} showed it (at most ${capabilities.maxTokenDays} days ahead). git gets the token until that day ends (UTC).`
              : 'Leave empty if the token never expires.')
          }
          error={form.errors.expiresOn}
        >
          {(control) => (
            <input
              {...control}
              className="input"
              type="date"
              min={min}
              max={max ?? undefined}
              required={max !== null}
              value={form.expiresOn}
              onChange={(event) => form.setExpiresOn(event.target.value)}
            />
          )}
        </Field>
        )}
      </div>
      )}
    </>
  );
}
