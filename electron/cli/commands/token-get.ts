// `latch token get --host HOST [--account ACCOUNT] [--field secret|username|authorization]`: what scripts
// call before every request, so it loads no host code and no validation library (latch-fast.ts).
import type { Account } from '../../../shared/domain';
import { accountCapabilities } from '../../../shared/hosts';
import { LatchError } from '../../../shared/result';
import { gitHost } from '../../../shared/url';
import { defaultAccount } from '../../core/credential/match';
import type { Keychain } from '../../core/vault/types';
import { flag, stringOption, UsageError, type ParsedArgs } from '../args';
import { jsonLine } from '../format';
import { closest } from '../suggest';
import { storedSecret, type StoredIndex } from '../stored-secret';

const FIELDS = ['secret', 'username', 'authorization'] as const;

/**
 * Prints one field of the stored token for --host: what the full CLI and the small start-up path
 * (latch-fast.ts) both run, over the index as each reads it.
 */
export async function printStoredField(
  out: (text: string) => void,
  args: ParsedArgs,
  data: StoredIndex,
  keychain: Keychain,
  accountByRef: (ref: string) => Promise<Account>,
): Promise<number> {
  const field = stringOption(args, 'field') ?? 'secret';
  if (!(FIELDS as readonly string[]).includes(field)) throw new UsageError(`--field must be one of: ${FIELDS.join(', ')}.`);
  const host = stringOption(args, 'host')!.toLowerCase();
  const onHost = data.accounts.filter((a) => gitHost(a.baseUrl) === host);
  const ref = stringOption(args, 'account');
  let account: Account | undefined;
  if (ref !== undefined) {
    account = await accountByRef(ref);
    if (gitHost(account.baseUrl) !== host) throw new UsageError( `${account.username} is an account on ${gitHost(account.baseUrl)}, not on ${host}.`);
  } else {
    account = defaultAccount(onHost) ?? undefined;
    if (!account && onHost.length > 1) throw new UsageError( `Latch has several accounts on ${host} and none is the default; name one with --account.`);
  }
  if (!account) {
    const near = closest(host, [...new Set(data.accounts.map((a) => gitHost(a.baseUrl)))]);
    throw new UsageError(`Latch has no account on ${host}.${near ? ` Did you mean --host ${near}?` : ''} List them with: latch account list`);
  }
  const { token, secret } = await storedSecret(keychain, account, data);
  let value: string;
  if (field === 'secret') value = secret;
  else if (field === 'username') {
    if (token.gitUsername === null) throw new LatchError('validation', `"${token.name}" is a Bearer-only token; it has no username.`);
    value = token.gitUsername;
  } else {
    const restAuth = accountCapabilities(account).restAuth;
    if (restAuth === 'basic') {
      // Bitbucket Cloud's REST API takes an API token only with the Atlassian email (hosts.md);
      // git's x-bitbucket-api-token-auth is refused there.
      const restUser = accountCapabilities(account).signIn === 'api-token' ? account.username : token.gitUsername;
      if (restUser === null) throw new LatchError('validation', `"${token.name}" has no username to send with Basic authentication.`);
      value = `Basic ${Buffer.from(`${restUser}:${secret}`).toString('base64')}`;
    } else value = restAuth === 'token-header' ? `token ${secret}` : `Bearer ${secret}`;
  }
  if (/[\r\n\0]/.test(value)) throw new LatchError('validation', `The stored secret of "${token.name}" contains a line break, so it was not printed.`);
  if (flag(args, 'json')) out(jsonLine({ accountId: account.id, host, tokenId: token.tokenId, name: token.name, field, value }));
  else out(`${value}\n`);
  return 0;
}

