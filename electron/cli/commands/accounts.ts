// latch account add | list | remove | default
import { HOST_KINDS, type Account, type HostKind } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import { gitHost } from '../../../shared/url';
import { accountCapabilities, HOSTS, type HostEntry } from '../../../shared/hosts';
import { SecurityKeyError } from '../../core/hosts/adapter';
import { flag, neededOption, refuseOptions, stringOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { day, jsonLine, table } from '../format';
import { canPrompt, confirm, promptHidden, readStdinText } from '../io';
import { browserToken, readPastedSecret } from '../browser-token';
import { expiryDaysProblem, EXPIRY_DAYS_WORDS } from '../../../shared/schemas';
import { shellQuote } from '../../core/git/helper-command';
import { closest } from '../suggest';
import { endUnlock, holdUnlock } from '../unlock';
import { unlockMinutesProblem } from '../../../shared/schemas';

/** Other names a person may give with --host for a host kind that serves several products (forgejo for gitea). */
const HOST_NAMES: Readonly<Record<string, HostKind>> = Object.fromEntries(
  HOST_KINDS.flatMap((kind) => Object.keys(HOSTS[kind].products ?? {}).filter((name) => name !== kind).map((name) => [name, kind])),
);

/**
 * --host as given: a kind of host (bitbucket-datacenter, forgejo…), or an address or URL. An address is
 * a kind only where the host table says which service lives there (bitbucket.org, github.com,
 * gitlab.com); any other server could be any kind, so the person is asked to name it.
 */
function hostKindFrom(args: ParsedArgs): { kind: HostKind; named: string; url: string | undefined } {
  const named = stringOption(args, 'host')!.trim();
  const kind = HOST_NAMES[named.toLowerCase()] ?? named.toLowerCase();
  if ((HOST_KINDS as readonly string[]).includes(kind)) return { kind: kind as HostKind, named: named.toLowerCase(), url: stringOption(args, 'url') };
  const kinds = [...HOST_KINDS, ...Object.keys(HOST_NAMES)];
  let address: URL | null = null;
  try {
    address = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(named) ? named : `https://${named}`);
  } catch {
    address = null;
  }
  if (address === null || !address.hostname.includes('.') && address.hostname !== 'localhost') {
    const near = closest(named, kinds);
    throw new UsageError(`--host takes a kind of host (${kinds.join(', ')}) or the server's address.${near ? ` Did you mean --host ${near}?` : ''}`);
  }
  const server = `${address.protocol}//${address.host}`;
  const given = stringOption(args, 'url');
  const known = HOST_KINDS.find((candidate) => {
    const entry = HOSTS[candidate];
    return [entry.fixedBaseUrl, entry.defaultBaseUrl].some((base) => base && new URL(base).host === address.host);
  });
  if (known === undefined) {
    throw new UsageError(
      `Latch cannot tell what kind of server ${address.host} is; name it: latch account add --host KIND --url ${server}${otherOptions(args, ['host', 'url'])} ` +
        `(KIND is ${kinds.filter((k) => HOSTS[HOST_NAMES[k] ?? (k as HostKind)].fixedBaseUrl === null && HOSTS[HOST_NAMES[k] ?? (k as HostKind)].implemented).join(', ')}).`,
    );
  }
  if (given !== undefined && !sameServer(given, address.host)) throw new UsageError(`--host ${named} and --url ${given} name different servers; give one.`);
  return { kind: known, named: known, url: given ?? (HOSTS[known].fixedBaseUrl === null ? server : undefined) };
}

/** The options given besides `except`, as they would be typed again (so a suggested command is whole). */
function otherOptions(args: ParsedArgs, except: readonly string[]): string {
  return Object.entries(args.options)
    .filter(([name, value]) => !except.includes(name) && value !== undefined && value !== false)
    .flatMap(([name, value]) => (value === true ? [`--${name}`] : [value].flat().map((one) => `--${name} ${shellQuote(String(one))}`)))
    .map((word) => ` ${word}`)
    .join('');
}

function sameServer(url: string, host: string): boolean {
  try {
    return new URL(url).host === host;
  } catch {
    return false;
  }
}

export async function accountAdd(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const { kind: host, named, url } = hostKindFrom(args);
  const capabilities = HOSTS[host];
  // Before anything is read from stdin or asked for.
  if (!capabilities.implemented) throw new LatchError('unsupported', `Latch cannot manage ${capabilities.label} accounts yet.`);
  // A Gitea or Forgejo account with a security key is added with a token made in the browser.
  const pasted = capabilities.tokenOnly !== undefined && (flag(args, 'token-stdin') || stringOption(args, 'token-name') !== undefined);
  return capabilities.signIn === 'api-token' || pasted ? addWithApiToken(ctx, args, host, url) : addWithPassword(ctx, args, host, named, url);
}

async function addWithPassword(ctx: CliContext, args: ParsedArgs, host: HostKind, named: string, given: string | undefined): Promise<number> {
  refuseOptions(args, CLOUD_OPTIONS, `${HOSTS[host].label} accounts, which are checked with your username and password`);
  if (!HOSTS[host].twoFactor) refuseOptions(args, ['otp'], `${HOSTS[host].label} accounts, which sign in without a one-time code`);
  const url = given ?? neededOption(args, 'url');
  const username = neededOption(args, 'username');
  const otp = stringOption(args, 'otp');
  let password: string | null;
  if (flag(args, 'password-stdin')) password = await readStdinText(ctx.stdin);
  else if (canPrompt(ctx.stdin)) password = await promptHidden(`Password for ${username}: `, ctx.stdin);
  else throw new UsageError('Latch needs the account password: pass it on stdin with --password-stdin, or run this in a terminal.');
  if (!password) throw new LatchError('validation', 'No password was given.');

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

/** Options of a Bitbucket Cloud account, which has no password in Latch. */
const CLOUD_OPTIONS = ['email', 'token-name', 'expires-on', 'token-stdin'];

/** The host's entry for an account kept with pasted tokens only: its own, or its token-only facts (Gitea with a security key). */
function pastedTokenEntry(host: HostKind): HostEntry {
  return HOSTS[host].signIn === 'api-token' ? HOSTS[host] : accountCapabilities({ host, signIn: 'api-token' });
}
const PASSWORD_OPTIONS = ['username', 'password-stdin', 'remember-password', 'otp'];

async function addWithApiToken(ctx: CliContext, args: ParsedArgs, host: HostKind, given: string | undefined): Promise<number> {
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
  const capabilities = accountCapabilities(account);
  const flow = capabilities.browserToken;
  const gitUsername = capabilities.gitUsername({ kind: 'user' }, account);
  const ref = shellQuote(`${account.username}@${gitHost(account.baseUrl)}`);
  const page = capabilities.manageUrl?.(account.baseUrl) ?? (flow?.pageWords ?? 'the host').split(' ')[0];
  const revoke =
    capabilities.revokeBySecret && (capabilities.revokeBySecretOn?.(account.server ?? null) ?? true)
      ? `When you no longer need it, revoke it with: latch token revoke --account ${ref} ${kept.id} --yes`
      : `When you no longer need it, revoke it at ${page}, then remove Latch's copy with: latch token remove --account ${ref} ${kept.id} --yes`;
  return (
    `Latch keeps the ${flow?.tokenWords ?? 'token'} "${kept.name}" in the keychain and gives it to git${gitUsername ? ` (username ${gitUsername})` : ''}` +
    `${kept.expiresAt === null ? '' : ` until ${day(kept.expiresAt)}`}. ${revoke}`
  );
}

/** An account as every --json shows it: `account list`, `account add`, `account default`. */
export function accountJson(a: Account) {
  return {
    id: a.id,
    host: a.host,
    baseUrl: a.baseUrl,
    username: a.username,
    userSlug: a.userSlug,
    displayName: a.displayName,
    isDefault: a.isDefault,
    signIn: accountCapabilities(a).signIn,
    server: a.server ?? null,
    rememberPassword: a.rememberPassword,
    createdAt: a.createdAt,
  };
}

export async function accountList(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const accounts = await ctx.core().accounts.list();
  if (flag(args, 'json')) {
    ctx.out(
      jsonLine(accounts.map(accountJson)),
    );
    return 0;
  }
  const kept = await ctx.core().tokens.stored();
  for (const account of accounts) {
    const own = kept.find((token) => token.accountId === account.id && token.management === true);
    if (own) warnExpiry(ctx, account, own.expiresAt);
  }
  if (accounts.length === 0) {
    const kinds = HOST_KINDS.filter((kind) => HOSTS[kind].implemented && HOSTS[kind].signIn === 'password');
    const names = kinds.flatMap((kind) => Object.keys(HOSTS[kind].products ?? { [kind]: '' }));
    ctx.err(
      `No accounts yet. Add one with: latch account add --host KIND --url URL --username USER (KIND is ${names.join(', ')}); ` +
        'latch help account add shows the others.\n',
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
  if (accountCapabilities(account).browserToken?.manages) return account.readOnly ? 'token in keychain (read-only)' : 'token in keychain';
  if (accountCapabilities(account).signIn === 'api-token') return 'API token';
  return account.rememberPassword ? 'password in keychain' : 'password asked when needed';
}

export async function accountRemove(ctx: CliContext, args: ParsedArgs): Promise<number> {
  if (!flag(args, 'yes') && !ctx.stdin.isTTY) {
    throw new UsageError('latch account remove asks for confirmation; add --yes to confirm without a prompt.');
  }
  const core = ctx.core();
  const account = await ctx.account(args.positionals[0]!);
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
  if (flag(args, 'json')) ctx.out(jsonLine({ removed: true, ...accountJson(account), tokenSecretsRemoved: stored }));
  else ctx.out(`Removed ${name}.\n`);
  return 0;
}

export async function accountSetDefault(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const core = ctx.core();
  const account = await core.accounts.setDefault((await ctx.account(args.positionals[0]!)).id);
  if (flag(args, 'json')) ctx.out(jsonLine(accountJson(account)));
  else ctx.out(`git now uses ${account.username} on ${gitHost(account.baseUrl)} when a remote URL names no user.\n`);
  return 0;
}

/** --minutes N: how long an unlock lasts, held to the app's rule for its unlock window. */
function minutesFrom(args: ParsedArgs, fallback: number): number {
  const text = stringOption(args, 'minutes');
  if (text === undefined) return fallback;
  const minutes = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  const problem = unlockMinutesProblem(minutes);
  if (problem) throw new UsageError(`--minutes: ${problem}`);
  return minutes;
}

/** The account, refused as a usage error where Latch keeps no password for it (API-token accounts). */
async function passwordAccount(ctx: CliContext, args: ParsedArgs): Promise<Account> {
  const account = await ctx.account(args.positionals[0]!);
  if (accountCapabilities(account).signIn !== 'password') {
    throw new UsageError(`${accountCapabilities(account).label} accounts have no password in Latch, so there is nothing to unlock or lock.`);
  }
  return account;
}

export async function accountUnlock(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const account = await passwordAccount(ctx, args);
  const core = ctx.core();
  const minutes = minutesFrom(args, (await core.settings.get()).unlockMinutes);
  let password: string | null;
  if (flag(args, 'password-stdin')) password = await readStdinText(ctx.stdin);
  else if (canPrompt(ctx.stdin)) password = await promptHidden(`Password for ${account.username} on ${gitHost(account.baseUrl)}: `, ctx.stdin);
  else throw new UsageError('Latch needs the account password: pass it on stdin with --password-stdin, or run this in a terminal.');
  if (!password) throw new LatchError('validation', 'No password was given.');
  // Checked with the host first: a wrong password is never held.
  await core.accounts.unlock(account.id, password);
  const until = Date.now() + minutes * 60_000;
  await holdUnlock(core.keychain, account, password, until);
  const ends = new Date(until).toISOString();
  if (flag(args, 'json')) ctx.out(jsonLine({ ...accountJson(account), unlockedUntil: ends }));
  else {
    ctx.out(
      `Unlocked ${account.username} on ${gitHost(account.baseUrl)} for ${minutes} minute${minutes === 1 ? '' : 's'} (until ${ends.slice(11, 16)} UTC): ` +
        `commands until then use the password without asking. The keychain holds it meanwhile; end it sooner with: latch account lock ${shellQuote(`${account.username}@${gitHost(account.baseUrl)}`)}\n`,
    );
  }
  return 0;
}

export async function accountLock(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const account = await passwordAccount(ctx, args);
  const held = await endUnlock(ctx.core().keychain, account);
  if (flag(args, 'json')) ctx.out(jsonLine({ ...accountJson(account), locked: true, wasUnlocked: held }));
  else ctx.out(`${account.username} on ${gitHost(account.baseUrl)} is locked: commands ask for its password again${account.rememberPassword ? ' (Latch still remembers it in the keychain, as you chose)' : ''}.\n`);
  return 0;
}
