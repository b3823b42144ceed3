// What the `latch account` commands read from their options and print of an account, shared by
// account-add.ts and account-add-token.ts (add), accounts.ts (list, remove, default) and
// account-unlock.ts (unlock, lock); keptSentence is `latch token add`'s too.
import { HOST_KINDS, type Account, type HostKind } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import { gitHost } from '../../../shared/url';
import { accountCapabilities, HOSTS, revokesBySecret } from '../../../shared/hosts';
import { shellQuote } from '../../core/git/helper-command';
import { flag, stringOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { day } from '../format';
import { canPrompt, promptHidden, readStdinText } from '../io';
import { closest } from '../suggest';

/** Other names a person may give with --host for a host kind that serves several products (forgejo for gitea). */
const HOST_NAMES: Readonly<Record<string, HostKind>> = Object.fromEntries(
  HOST_KINDS.flatMap((kind) => Object.keys(HOSTS[kind].products ?? {}).filter((name) => name !== kind).map((name) => [name, kind])),
);

/**
 * --host as given: a kind of host (bitbucket-datacenter, forgejo…), or an address or URL. An address is
 * a kind only where the host table says which service lives there (bitbucket.org, github.com,
 * gitlab.com); any other server could be any kind, so the person is asked to name it.
 */
export function hostKindFrom(args: ParsedArgs): { kind: HostKind; named: string; url: string | undefined } {
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

/** The account password from stdin with --password-stdin, else asked in the terminal with `prompt`. */
export async function passwordFrom(ctx: CliContext, args: ParsedArgs, prompt: string): Promise<string> {
  let password: string | null;
  if (flag(args, 'password-stdin')) password = await readStdinText(ctx.stdin);
  else if (canPrompt(ctx.stdin)) password = await promptHidden(prompt, ctx.stdin);
  else throw new UsageError('Latch needs the account password: pass it on stdin with --password-stdin, or run this in a terminal.');
  if (!password) throw new LatchError('validation', 'No password was given.');
  return password;
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

/** What Latch now does with a pasted token, for `account add` and `token add`. */
export function keptSentence(account: Account, kept: { id: string; name: string; expiresAt: string | null }): string {
  const capabilities = accountCapabilities(account);
  const flow = capabilities.browserToken;
  const gitUsername = capabilities.gitUsername({ kind: 'user' }, account);
  const ref = shellQuote(`${account.username}@${gitHost(account.baseUrl)}`);
  const page = capabilities.manageUrl?.(account.baseUrl) ?? (flow?.pageWords ?? 'the host').split(' ')[0];
  const revoke =
    revokesBySecret(account)
      ? `When you no longer need it, revoke it with: latch token revoke --account ${ref} ${kept.id} --yes`
      : `When you no longer need it, revoke it at ${page}, then remove Latch's copy with: latch token remove --account ${ref} ${kept.id} --yes`;
  return (
    `Latch keeps the ${flow?.tokenWords ?? 'token'} "${kept.name}" in the keychain and gives it to git${gitUsername ? ` (username ${gitUsername})` : ''}` +
    `${kept.expiresAt === null ? '' : ` until ${day(kept.expiresAt)}`}. ${revoke}`
  );
}

/** Days before its expiry that the token Latch signs in with is warned about. */
const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

/** On stderr: the token Latch signs in with expires soon (or has), and the command that rotates it. */
export function warnExpiry(ctx: CliContext, account: Account, expiresAt: string | null): void {
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
