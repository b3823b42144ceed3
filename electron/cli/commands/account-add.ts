// latch account add: the host kind from --host, then the flow that host signs in with: a password
// here, a pasted token in account-add-token.ts.
import type { HostKind } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import { gitHost } from '../../../shared/url';
import { HOSTS } from '../../../shared/hosts';
import { SecurityKeyError } from '../../core/hosts/adapter';
import { shellQuote } from '../../core/git/helper-command';
import { flag, neededOption, refuseOptions, stringOption, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { jsonLine } from '../format';
import { accountJson, hostKindFrom, passwordFrom } from './account-options';
import { addWithApiToken } from './account-add-token';

export async function accountAdd(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const { kind: host, named, url } = hostKindFrom(args);
  const capabilities = HOSTS[host];
  // Before anything is read from stdin or asked for.
  if (!capabilities.implemented) throw new LatchError('unsupported', `Latch cannot manage ${capabilities.label} accounts yet.`);
  // A Gitea or Forgejo account with a security key is added with a token made in the browser.
  const pasted = capabilities.tokenOnly !== undefined && (flag(args, 'token-stdin') || stringOption(args, 'token-name') !== undefined);
  return capabilities.signIn === 'api-token' || pasted ? addWithApiToken(ctx, args, host, url) : addWithPassword(ctx, args, host, named, url);
}

/** Options of a Bitbucket Cloud account, which has no password in Latch. */
const CLOUD_OPTIONS = ['email', 'token-name', 'expires-on', 'token-stdin'];

async function addWithPassword(ctx: CliContext, args: ParsedArgs, host: HostKind, named: string, given: string | undefined): Promise<number> {
  refuseOptions(args, CLOUD_OPTIONS, `${HOSTS[host].label} accounts, which are checked with your username and password`);
  if (!HOSTS[host].twoFactor) refuseOptions(args, ['otp'], `${HOSTS[host].label} accounts, which sign in without a one-time code`);
  const url = given ?? neededOption(args, 'url');
  const username = neededOption(args, 'username');
  const otp = stringOption(args, 'otp');
  const password = await passwordFrom(ctx, args, `Password for ${username}: `);

  let account: Awaited<ReturnType<ReturnType<CliContext['core']>['accounts']['add']>>;
  try {
    account = await ctx.core().accounts.add({
      host,
      baseUrl: url,
      username,
      password,
      rememberPassword: flag(args, 'remember-password'),
      ...(otp !== undefined ? { otp } : {}),
    });
  } catch (error) {
    if (!(error instanceof SecurityKeyError)) throw error;
    // The one way left: a token the person makes in the browser, given to Latch.
    const command = `latch account add --host ${named} --url ${shellQuote(url)} --username ${shellQuote(username)} --token-name NAME --token-stdin`;
    throw new SecurityKeyError(`${error.message} Then give Latch one of those tokens instead of the password: ${command}`);
  }
  if (flag(args, 'json')) ctx.out(jsonLine(accountJson(account)));
  else {
    const server = account.server ? ` (${account.server})` : '';
    ctx.out(`Added ${account.username} on ${gitHost(account.baseUrl)}${server} (id ${account.id})${account.isDefault ? ', the default account for that host' : ''}.\n`);
  }
  // Named one product and found the other: say which one Latch recorded.
  const said = HOSTS[host].products?.[named];
  const is = account.server?.split(' ')[0];
  if (said && is && said !== is) ctx.err(`The server says it is ${account.server}, not ${said}, and Latch recorded it as such.\n`);
  return 0;
}
