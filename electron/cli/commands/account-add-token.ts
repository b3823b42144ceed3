// latch account add for an account Latch signs in to with a token the person made in the browser:
// Bitbucket Cloud (email and API token), GitHub, a Gitea or Forgejo account with a security key
// (token-only), and GitLab, whose token also manages the account's tokens.
import type { HostKind } from '../../../shared/domain';
import { gitHost } from '../../../shared/url';
import { accountCapabilities, HOSTS, type HostEntry } from '../../../shared/hosts';
import { shellQuote } from '../../core/git/helper-command';
import { flag, neededOption, refuseOptions, stringOption, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { day, jsonLine } from '../format';
import { browserToken, readPastedSecret } from '../browser-token';
import { accountJson, keptSentence, warnExpiry } from './account-options';

/** The host's entry for an account kept with pasted tokens only: its own, or its token-only facts (Gitea with a security key). */
function pastedTokenEntry(host: HostKind): HostEntry {
  return HOSTS[host].signIn === 'api-token' ? HOSTS[host] : accountCapabilities({ host, signIn: 'api-token' });
}
const PASSWORD_OPTIONS = ['username', 'password-stdin', 'remember-password', 'otp'];

export async function addWithApiToken(ctx: CliContext, args: ParsedArgs, host: HostKind, given: string | undefined): Promise<number> {
  const capabilities = pastedTokenEntry(host);
  const flow = capabilities.browserToken!;
  const label = capabilities.label;
  refuseOptions(
    args,
    PASSWORD_OPTIONS.filter((option) => !(flow.username && option === 'username')),
    `${label} accounts, which are checked with ${flow.email ? 'an API token (--email and --token-stdin)' : `a ${flow.tokenWords} (--token-stdin)`}`,
  );
  if (!flow.email) refuseOptions(args, ['email'], `${label} accounts: the ${flow.tokenWords} says whose it is`);
  if (flow.manages) return addWithManagementToken(ctx, args, host);
  const email = flow.email ? neededOption(args, 'email', `for ${label} (your Atlassian account email)`) : null;
  neededOption(args, 'token-name', `for ${label} (the name you gave the ${flow.tokenWords})`);
  if (flow.expiry === 'typed') neededOption(args, 'expires-on', `for ${label} (the expiry date the ${flow.tokenWords} page showed)`);
  // A fixed service takes --url only for a test server on this machine; the core refuses anything else.
  const url = given ?? capabilities.fixedBaseUrl ?? capabilities.defaultBaseUrl;
  if (url === undefined) neededOption(args, 'url');
  const baseUrl = url!;
  const username = flow.username ? neededOption(args, 'username') : undefined;
  const whose = email ?? username ?? `your ${label} account`;
  const token = await browserToken(ctx, args, 'token-name', `${flow.tokenWords} for ${whose} (it is not shown): `, flow);

  const core = ctx.core();
  const account = await core.accounts.add({ host, baseUrl, email, ...(username !== undefined ? { username } : {}), token });
  const kept = (await core.tokens.stored(account.id))[0];
  if (flag(args, 'json')) {
    ctx.out(jsonLine({ ...accountJson(account), ...(kept ? { token: { id: kept.tokenId, name: kept.name, expiresAt: kept.expiresAt } } : {}) }));
    return 0;
  }
  const who = account.username === account.userSlug ? account.username : `${account.username} (${label.replace(/ Cloud$/, '')} username ${account.userSlug})`;
  ctx.out(
    `Added ${who} on ${gitHost(account.baseUrl)}${account.server ? ` (${account.server})` : ''} (id ${account.id})` +
      `${account.isDefault ? ', the default account for that host' : ''}.\n`,
  );
  if (kept) ctx.out(`${keptSentence(account, { id: kept.tokenId, name: kept.name, expiresAt: kept.expiresAt })}\n`);
  if (capabilities.tokenOnly) {
    ctx.err(
      `Latch keeps no password for this account: make more tokens in your browser at ${capabilities.manageUrl?.(account.baseUrl) ?? 'the host'} ` +
        `and give them to Latch with: latch token add --account ${shellQuote(`${account.username}@${gitHost(account.baseUrl)}`)} --name NAME --token-stdin\n`,
    );
  }
  return 0;
}

/**
 * GitLab: the pasted personal token signs Latch in and manages tokens, so it is checked for the api
 * scope (read_api: read-only, and said so), and its expiry, which GitLab reports, is shown and warned of.
 */
async function addWithManagementToken(ctx: CliContext, args: ParsedArgs, host: HostKind): Promise<number> {
  const capabilities = HOSTS[host];
  const flow = capabilities.browserToken!;
  refuseOptions(args, ['expires-on'], `${capabilities.label} accounts: ${capabilities.label} reports when the token expires`);
  const baseUrl = stringOption(args, 'url') ?? capabilities.defaultBaseUrl!;
  const secret = await readPastedSecret(ctx, args, `${flow.tokenWords} with the api scope (it is not shown): `, flow.tokenWords);
  const core = ctx.core();
  // The name is GitLab's, asked with the token itself; this one stands in until then.
  const account = await core.accounts.add({ host, baseUrl, email: null, token: { name: stringOption(args, 'token-name') ?? `${capabilities.label} token`, expiresOn: null, secret } });
  const kept = (await core.tokens.stored(account.id)).find((token) => token.management === true);
  if (flag(args, 'json')) {
    ctx.out(jsonLine({ id: account.id, readOnly: account.readOnly === true, tokenId: kept?.tokenId ?? null, expiresAt: kept?.expiresAt ?? null }));
  } else {
    ctx.out(`Added ${account.username} on ${gitHost(account.baseUrl)} (id ${account.id})${account.isDefault ? ', the default account for that host' : ''}.\n`);
    if (kept) {
      ctx.out(
        `Latch signs in with the ${flow.tokenWords} "${kept.name}" (id ${kept.tokenId}), kept in the keychain` +
          `${kept.expiresAt === null ? '; it never expires' : `; it expires on ${day(kept.expiresAt)}`}. ` +
          'git gets it only where no narrower token Latch keeps covers the repository.\n',
      );
    }
  }
  if (account.readOnly) {
    ctx.err(`This token has read_api but not api: Latch can list this account's tokens, but not create, rotate or revoke them. Add the account again with a token that has the api scope to do that.\n`);
  }
  if (kept) warnExpiry(ctx, account, kept.expiresAt);
  return 0;
}
