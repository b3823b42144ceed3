// latch account add | list | remove | default
import { HOST_KINDS, type Account, type HostKind } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import { gitHost } from '../../../shared/url';
import { HOSTS } from '../../../shared/hosts';
import { flag, neededOption, refuseOptions, stringOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { day, jsonLine, table } from '../format';
import { canPrompt, confirm, promptHidden, readStdinText } from '../io';
import { browserToken, readPastedSecret } from '../browser-token';
import { expiryDaysProblem, EXPIRY_DAYS_WORDS } from '../../../shared/schemas';
import { shellQuote } from '../../core/git/helper-command';

/** Other names a person may give with --host for a host kind that serves several products (forgejo for gitea). */
const HOST_NAMES: Readonly<Record<string, HostKind>> = Object.fromEntries(
  HOST_KINDS.flatMap((kind) => Object.keys(HOSTS[kind].products ?? {}).filter((name) => name !== kind).map((name) => [name, kind])),
);

export async function accountAdd(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const named = stringOption(args, 'host')!;
  const host = HOST_NAMES[named] ?? named;
  if (!(HOST_KINDS as readonly string[]).includes(host)) {
    throw new UsageError(`--host must be one of: ${[...HOST_KINDS, ...Object.keys(HOST_NAMES)].join(', ')}.`);
  }
  const capabilities = HOSTS[host as HostKind];
  // Before anything is read from stdin or asked for.
  if (!capabilities.implemented) throw new LatchError('unsupported', `Latch cannot manage ${capabilities.label} accounts yet.`);
  return capabilities.signIn === 'api-token' ? addWithApiToken(ctx, args, host as HostKind) : addWithPassword(ctx, args, host as HostKind, named);
}

async function addWithPassword(ctx: CliContext, args: ParsedArgs, host: HostKind, named: string): Promise<number> {
  refuseOptions(args, CLOUD_OPTIONS, `${HOSTS[host].label} accounts, which are checked with your username and password`);
  if (!HOSTS[host].twoFactor) refuseOptions(args, ['otp'], `${HOSTS[host].label} accounts, which sign in without a one-time code`);
  const url = neededOption(args, 'url');
  const username = neededOption(args, 'username');
  const otp = stringOption(args, 'otp');
  let password: string | null;
  if (flag(args, 'password-stdin')) password = await readStdinText(ctx.stdin);
  else if (canPrompt(ctx.stdin)) password = await promptHidden(`Password for ${username}: `, ctx.stdin);
  else throw new LatchError('validation', 'Latch needs the account password: pass it on stdin with --password-stdin, or run this in a terminal.');
  if (!password) throw new LatchError('validation', 'No password was given.');

  const account = await ctx.core().accounts.add({
    host,
    baseUrl: url,
    username,
    password,
    rememberPassword: flag(args, 'remember-password'),
    ...(otp !== undefined ? { otp } : {}),
  });
  if (flag(args, 'json')) ctx.out(jsonLine({ id: account.id, ...(account.server ? { server: account.server } : {}) }));
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

/** Options of a Bitbucket Cloud account, which has no password in Latch. */
const CLOUD_OPTIONS = ['email', 'token-name', 'expires-on', 'token-stdin'];
const PASSWORD_OPTIONS = ['username', 'password-stdin', 'remember-password', 'otp'];

async function addWithApiToken(ctx: CliContext, args: ParsedArgs, host: HostKind): Promise<number> {
  const capabilities = HOSTS[host];
  const flow = capabilities.browserToken!;
  const label = capabilities.label;
  refuseOptions(
    args,
    PASSWORD_OPTIONS,
    `${label} accounts, which are checked with ${flow.email ? 'an API token (--email and --token-stdin)' : `a ${flow.tokenWords} (--token-stdin)`}`,
  );
  if (!flow.email) refuseOptions(args, ['email'], `${label} accounts: the ${flow.tokenWords} says whose it is`);
  if (flow.manages) return addWithManagementToken(ctx, args, host);
  const email = flow.email ? neededOption(args, 'email', `for ${label} (your Atlassian account email)`) : null;
  neededOption(args, 'token-name', `for ${label} (the name you gave the ${flow.tokenWords})`);
  if (flow.expiry === 'typed') neededOption(args, 'expires-on', `for ${label} (the expiry date the ${flow.tokenWords} page showed)`);
  // A fixed service takes --url only for a test server on this machine; the core refuses anything else.
  const url = stringOption(args, 'url') ?? capabilities.fixedBaseUrl ?? capabilities.defaultBaseUrl;
  if (url === undefined) neededOption(args, 'url');
  const baseUrl = url!;
  const whose = email ?? `your ${label} account`;
  const token = await browserToken(ctx, args, 'token-name', `${flow.tokenWords} for ${whose} (it is not shown): `, flow);

  const core = ctx.core();
  const account = await core.accounts.add({ host, baseUrl, email, token });
  if (flag(args, 'json')) {
    ctx.out(jsonLine({ id: account.id }));
    return 0;
  }
  const kept = (await core.tokens.stored(account.id))[0];
  const who = account.username === account.userSlug ? account.username : `${account.username} (${label.replace(/ Cloud$/, '')} username ${account.userSlug})`;
  ctx.out(
    `Added ${who} on ${gitHost(account.baseUrl)} (id ${account.id})` +
      `${account.isDefault ? ', the default account for that host' : ''}.\n`,
  );
  if (kept) ctx.out(`${keptSentence(account, { id: kept.tokenId, name: kept.name, expiresAt: kept.expiresAt })}\n`);
  return 0;
}

/** Days before its expiry that the token Latch signs in with is warned about. */
const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

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

/** On stderr: the token Latch signs in with expires soon (or has), and the command that rotates it. */
function warnExpiry(ctx: CliContext, account: Account, expiresAt: string | null): void {
  if (expiresAt === null) return;
  const days = Math.ceil((Date.parse(expiresAt) - Date.now()) / DAY_MS);
  if (days > EXPIRY_WARNING_DAYS) return;
  const command = `latch account rotate-token ${shellQuote(`${account.username}@${gitHost(account.baseUrl)}`)}`;
  ctx.err(
    days <= 0
      ? `The token Latch signs in to ${account.username} on ${gitHost(account.baseUrl)} with has expired: add the account again with a new token.\n`
      : `The token Latch signs in to ${account.username} on ${gitHost(account.baseUrl)} with expires in ${days} day${days === 1 ? '' : 's'}; rotate it now with: ${command}\n`,
  );
}

export async function accountRotateToken(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const core = ctx.core();
  const account = await core.accounts.resolve(args.positionals[0]!);
  if (!HOSTS[account.host].browserToken?.manages) {
    throw new LatchError('unsupported', `Latch signs in to ${HOSTS[account.host].label} accounts without a token of their own, so there is nothing to rotate.`);
  }
  const text = stringOption(args, 'expiry-days');
  const days = text === undefined ? null : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (days !== null && expiryDaysProblem(days) !== null) throw new UsageError(`--expiry-days takes ${EXPIRY_DAYS_WORDS}.`);
  const rotated = await core.tokens.rotateManagement(account.id, days);
  if (rotated.storeError) {
    // Without the new secret the account cannot sign in again: it is shown, once, since it was not kept.
    ctx.out(`${rotated.secret}\n`);
    ctx.err(`${rotated.storeError}\n`);
    return 1;
  }
  const t = rotated.token;
  if (flag(args, 'json')) ctx.out(jsonLine({ id: t.id, name: t.name, expiresAt: t.expiresAt }));
  else {
    ctx.out(
      `Rotated "${t.name}", the token Latch signs in to ${account.username} on ${gitHost(account.baseUrl)} with: the old secret no longer works, ` +
        `and the new one (id ${t.id}, expires ${day(t.expiresAt, 'never')}) is in the keychain.\n`,
    );
  }
  return 0;
}

/** What Latch now does with a pasted token, for `account add` and `token add`. */
export function keptSentence(account: Account, kept: { id: string; name: string; expiresAt: string | null }): string {
  const capabilities = HOSTS[account.host];
  const flow = capabilities.browserToken;
  const gitUsername = capabilities.gitUsername({ kind: 'user' }, account);
  const revoke = capabilities.revokeBySecret
    ? `When you no longer need it, revoke it with: latch token revoke --account ${shellQuote(`${account.username}@${gitHost(account.baseUrl)}`)} ${kept.id} --yes`
    : `Revoke it at ${(flow?.pageWords ?? 'the host').split(' ')[0]} when you no longer need it.`;
  return (
    `Latch keeps the ${flow?.tokenWords ?? 'token'} "${kept.name}" in the keychain and gives it to git${gitUsername ? ` (username ${gitUsername})` : ''}` +
    `${kept.expiresAt === null ? '' : ` until ${day(kept.expiresAt)}`}. ${revoke}`
  );
}

export async function accountList(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const accounts = await ctx.core().accounts.list();
  if (flag(args, 'json')) {
    ctx.out(
      jsonLine(
        accounts.map((a) => ({
          id: a.id,
          host: a.host,
          baseUrl: a.baseUrl,
          username: a.username,
          userSlug: a.userSlug,
          displayName: a.displayName,
          isDefault: a.isDefault,
          signIn: HOSTS[a.host].signIn,
          server: a.server ?? null,
          rememberPassword: a.rememberPassword,
          createdAt: a.createdAt,
        })),
      ),
    );
    return 0;
  }
  const kept = await ctx.core().tokens.stored();
  for (const account of accounts) {
    const own = kept.find((token) => token.accountId === account.id && token.management === true);
    if (own) warnExpiry(ctx, account, own.expiresAt);
  }
  if (accounts.length === 0) {
    ctx.err(
      'No accounts yet. Add one with: latch account add --host bitbucket-datacenter|gitea|forgejo --url URL --username USER, ' +
        'or latch account add --host bitbucket-cloud --email EMAIL --token-name NAME --expires-on YYYY-MM-DD\n',
    );
    return 0;
  }
  ctx.out(
    table(
      ['ID', 'ACCOUNT', 'SERVER', 'DEFAULT', 'SIGN-IN', 'ADDED'],
      accounts.map((a) => [
        a.id,
        `${a.username}@${gitHost(a.baseUrl)}`,
        a.baseUrl,
        a.isDefault ? 'yes' : '',
        signInWords(a),
        day(a.createdAt),
      ]),
    ),
  );
  return 0;
}

/** How Latch signs in to the host for this account. */
function signInWords(account: Account): string {
  // A Cloud account has no password in Latch, so nothing to lock or unlock: its API tokens do everything.
  if (HOSTS[account.host].browserToken?.manages) return account.readOnly ? 'token in keychain (read-only)' : 'token in keychain';
  if (HOSTS[account.host].signIn === 'api-token') return 'API token';
  return account.rememberPassword ? 'password in keychain' : 'password asked when needed';
}

export async function accountRemove(ctx: CliContext, args: ParsedArgs): Promise<number> {
  if (!flag(args, 'yes') && !ctx.stdin.isTTY) {
    throw new UsageError('latch account remove asks for confirmation; add --yes to confirm without a prompt.');
  }
  const core = ctx.core();
  const account = await core.accounts.resolve(args.positionals[0]!);
  const stored = (await core.tokens.stored(account.id)).length;
  const name = `${account.username} on ${gitHost(account.baseUrl)}`;
  if (!flag(args, 'yes')) {
    const what = stored > 0 ? ` and the ${stored} token secret${stored === 1 ? '' : 's'} Latch keeps for it` : '';
    if (!(await confirm(`Remove ${name}${what}? The tokens stay on the host.`, ctx.stdin))) {
      ctx.err('Nothing was removed.\n');
      return 1;
    }
  }
  await core.accounts.remove(account.id);
  ctx.out(`Removed ${name}.\n`);
  return 0;
}

export async function accountSetDefault(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const core = ctx.core();
  const account = await core.accounts.setDefault((await core.accounts.resolve(args.positionals[0]!)).id);
  ctx.out(`git now uses ${account.username} on ${gitHost(account.baseUrl)} when a remote URL names no user.\n`);
  return 0;
}
