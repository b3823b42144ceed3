// What the `latch token` commands read from their options and print of a token, shared by tokens.ts
// (list, create, add, get) and token-revoke.ts (revoke, rotate, remove).
import type { AccessToken, Account, TokenOwner } from '../../../shared/domain';
import { accountCapabilities } from '../../../shared/hosts';
import { DEFAULT_EXPIRY_DAYS } from '../../../shared/expiry';
import { expiryDaysProblem, EXPIRY_DAYS_WORDS } from '../../../shared/schemas';
import { tokenIdProblem } from '../../../shared/token-id';
import { gitHost } from '../../../shared/url';
import { shellQuote } from '../../core/git/helper-command';
import { flag, stringOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { printable } from '../../../shared/terminal-text';

export function ownerFrom(args: ParsedArgs): TokenOwner {
  const project = stringOption(args, 'project');
  const repo = stringOption(args, 'repo');
  const group = stringOption(args, 'group');
  if (group !== undefined) {
    if (project !== undefined || repo !== undefined) throw new UsageError('Give either --group PATH or --project, not both.');
    return { kind: 'group', groupPath: group };
  }
  if (repo !== undefined && project === undefined) throw new UsageError('--repo needs --project KEY as well.');
  if (project === undefined) return { kind: 'user' };
  return repo === undefined ? { kind: 'project', projectKey: project } : { kind: 'repository', projectKey: project, repoSlug: repo };
}

/**
 * Where a token stands: working, expired, refused by the host when git used it, or no longer listed
 * by the host (revoked or deleted outside Latch) while Latch still holds its secret.
 */
export type TokenState = 'active' | 'expired' | 'rejected' | 'gone-from-host';

export function tokenState(token: AccessToken, now = Date.now()): TokenState {
  if (!token.onHost) return 'gone-from-host';
  if (token.rejected) return 'rejected';
  return expired(token, now) ? 'expired' : 'active';
}

/**
 * The fields `--json` shows for a token, exactly these (issue: ids as the host wrote them, ISO dates or
 * null), and a GitLab project or group token's role there as `accessLevel` (GitLab's number).
 */
export function tokenJson(token: AccessToken) {
  return {
    id: token.id,
    name: token.name,
    scopes: token.scopes,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    stored: token.stored,
    state: tokenState(token),
    git: token.git !== undefined,
    // Only when git reported a refusal: what the host said when Latch asked it with the token.
    ...(token.refusal ? { refusal: { at: token.refusal.at, path: token.refusal.path, check: token.refusal.check } } : {}),
    ...(token.accessLevel !== undefined ? { accessLevel: token.accessLevel } : {}),
  };
}

/** --access-level ROLE (GitLab): a role's name (developer) or GitLab's number (30). */
export function accessLevelFrom(args: ParsedArgs, account: Account, owner: TokenOwner): number | undefined {
  const text = stringOption(args, 'access-level');
  if (text === undefined) return undefined;
  const roles = accountCapabilities(account).roles;
  if (!roles || owner.kind === 'user') throw new UsageError('--access-level is for GitLab project and group tokens (with --project or --group).');
  const level = roles[text.toLowerCase()] ?? (/^\d+$/.test(text) ? Number(text) : undefined);
  if (level === undefined || !Object.values(roles).includes(level)) {
    throw new UsageError(`--access-level takes one of ${accountCapabilities(account).label}'s roles: ${Object.keys(roles).join(', ')}.`);
  }
  return level;
}

/** git's last refusal of a token the host did not confirm dead, in the words of the IN KEYCHAIN column. */
export function refusalWords(token: AccessToken): string | null {
  const refusal = token.refusal;
  if (!refusal || refusal.check === 'dead') return null;
  const where = refusal.path === null ? '' : ` for ${printable(refusal.path)}`;
  return refusal.check === 'alive'
    ? `yes, refused${where} but works (still offered)`
    : `yes, refused${where}, host not reached to check (still offered)`;
}

/** Accounts checked with an API token (Bitbucket Cloud, a Gitea account with a security key): no password; Latch keeps pasted tokens. */
export function takesBrowserTokens(account: Account): boolean {
  return accountCapabilities(account).signIn === 'api-token';
}

export const accountRef = (account: Account) => shellQuote(`${account.username}@${gitHost(account.baseUrl)}`);

export async function resolveAccount(ctx: CliContext, args: ParsedArgs): Promise<Account> {
  return ctx.account(stringOption(args, 'account')!);
}

/** The account, with the password from stdin held for this command when asked for. */
export async function withPassword(ctx: CliContext, args: ParsedArgs, account: Account): Promise<Account> {
  if (!flag(args, 'password-stdin')) return account;
  if (takesBrowserTokens(account)) {
    throw new UsageError(`${accountCapabilities(account).label} accounts have no password in Latch; leave out --password-stdin.`);
  }
  await ctx.usePasswordFromStdin(account);
  return account;
}

/** The code from --otp, for the one call to the server this command makes (Gitea, Forgejo with two-factor sign-in). */
export function withCode(ctx: CliContext, args: ParsedArgs, account: Account): void {
  const code = stringOption(args, 'otp');
  if (code === undefined) return;
  if (!accountCapabilities(account).twoFactor) throw new UsageError(`${accountCapabilities(account).label} accounts sign in without a one-time code; leave out --otp.`);
  ctx.core().session.giveCode(account.id, code);
}

export async function accountFor(ctx: CliContext, args: ParsedArgs): Promise<Account> {
  const account = await withPassword(ctx, args, await resolveAccount(ctx, args));
  withCode(ctx, args, account);
  return account;
}

export function expired(token: AccessToken, now: number): boolean {
  return token.expiresAt !== null && Date.parse(token.expiresAt) <= now;
}

/**
 * --expiry-days N (the window's rule), `none` for a token that never expires, or the app's default of
 * DEFAULT_EXPIRY_DAYS. A host whose tokens cannot expire (Gitea, Forgejo) gets none unless asked.
 */
export function expiryDaysFrom(ctx: CliContext, args: ParsedArgs, account: Account): number | null {
  const text = stringOption(args, 'expiry-days');
  const canExpire = accountCapabilities(account).expiryByApi !== false;
  if (text === undefined) return canExpire ? DEFAULT_EXPIRY_DAYS : null;
  if (text.trim().toLowerCase() === 'none') {
    if (canExpire) ctx.err('Warning: this token never expires; anyone who ever gets hold of it can use it until it is revoked.\n');
    return null;
  }
  const days = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (expiryDaysProblem(days) !== null) throw new UsageError(`--expiry-days takes ${EXPIRY_DAYS_WORDS}, or none.`);
  return days;
}

/** The check of the --expiry-days text alone, before the account is known. */
export function checkExpiryText(args: ParsedArgs): void {
  const text = stringOption(args, 'expiry-days');
  if (text === undefined || text.trim().toLowerCase() === 'none') return;
  const days = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (expiryDaysProblem(days) !== null) throw new UsageError(`--expiry-days takes ${EXPIRY_DAYS_WORDS}, or none.`);
}

/** The TOKEN_ID positional, checked before it goes anywhere near a URL or a message. */
export function tokenIdFrom(args: ParsedArgs): string {
  const tokenId = args.positionals[0]!;
  const problem = tokenIdProblem(tokenId);
  if (problem) throw new UsageError(problem);
  return tokenId;
}
