// latch token list | create | add | revoke | forget | get
import type { AccessToken, Account, TokenOwner } from '../../../shared/domain';
import { accountCapabilities } from '../../../shared/hosts';
import { gitlabRoleName } from '../../../shared/hosts/gitlab';
import { LatchError } from '../../../shared/result';
import { DEFAULT_EXPIRY_DAYS } from '../../../shared/expiry';
import { checkPermissions, fromScopes } from '../../../shared/permissions';
import { checkTokenName, expiryDaysProblem, EXPIRY_DAYS_WORDS } from '../../../shared/schemas';
import { scopeValues } from '../../../shared/scopes';
import { tokenIdProblem } from '../../../shared/token-id';
import { gitHost } from '../../../shared/url';
import { shellQuote } from '../../core/git/helper-command';
import { flag, listOption, stringOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { printable } from '../../../shared/terminal-text';
import { day, jsonLine, table, tokenWords } from '../format';
import { confirm } from '../io';
import { browserToken, readPastedSecret } from '../browser-token';
import { HOST_PLUGINS } from '../../core/hosts';
import { keptSentence } from './accounts';
import { printStoredField } from './token-get';
import { closest } from '../suggest';

function ownerFrom(args: ParsedArgs): TokenOwner {
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

function tokenState(token: AccessToken, now = Date.now()): TokenState {
  if (!token.onHost) return 'gone-from-host';
  if (token.rejected) return 'rejected';
  return expired(token, now) ? 'expired' : 'active';
}

/**
 * The fields `--json` shows for a token, exactly these (issue: ids as the host wrote them, ISO dates or
 * null), and a GitLab project or group token's role there as `accessLevel` (GitLab's number).
 */
function tokenJson(token: AccessToken) {
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
function accessLevelFrom(args: ParsedArgs, account: Account, owner: TokenOwner): number | undefined {
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
function refusalWords(token: AccessToken): string | null {
  const refusal = token.refusal;
  if (!refusal || refusal.check === 'dead') return null;
  const where = refusal.path === null ? '' : ` for ${refusal.path.replace(/\p{Cc}/gu, '')}`;
  return refusal.check === 'alive'
    ? `yes, refused${where} but works (still offered)`
    : `yes, refused${where}, host not reached to check (still offered)`;
}

/** Accounts checked with an API token (Bitbucket Cloud, a Gitea account with a security key): no password; Latch keeps pasted tokens. */
function takesBrowserTokens(account: Account): boolean {
  return accountCapabilities(account).signIn === 'api-token';
}

const accountRef = (account: Account) => shellQuote(`${account.username}@${gitHost(account.baseUrl)}`);

async function resolveAccount(ctx: CliContext, args: ParsedArgs): Promise<Account> {
  return ctx.account(stringOption(args, 'account')!);
}

/** The account, with the password from stdin held for this command when asked for. */
async function withPassword(ctx: CliContext, args: ParsedArgs, account: Account): Promise<Account> {
  if (!flag(args, 'password-stdin')) return account;
  if (takesBrowserTokens(account)) {
    throw new UsageError(`${accountCapabilities(account).label} accounts have no password in Latch; leave out --password-stdin.`);
  }
  await ctx.usePasswordFromStdin(account);
  return account;
}

/** The code from --otp, for the one call to the server this command makes (Gitea, Forgejo with two-factor sign-in). */
function withCode(ctx: CliContext, args: ParsedArgs, account: Account): void {
  const code = stringOption(args, 'otp');
  if (code === undefined) return;
  if (!accountCapabilities(account).twoFactor) throw new UsageError(`${accountCapabilities(account).label} accounts sign in without a one-time code; leave out --otp.`);
  ctx.core().session.giveCode(account.id, code);
}

async function accountFor(ctx: CliContext, args: ParsedArgs): Promise<Account> {
  const account = await withPassword(ctx, args, await resolveAccount(ctx, args));
  withCode(ctx, args, account);
  return account;
}

/** Where a Cloud token is made, and how Latch is then given it. */
function createInBrowser(account: Account): string {
  const capabilities = accountCapabilities(account);
  const page = capabilities.manageUrl?.(account.baseUrl) ?? 'the host\'s web page';
  if (capabilities.tokenOnly) {
    return (
      `${account.username} on ${gitHost(account.baseUrl)} has a security key or passkey, so its server lets no program create tokens for it. ` +
      `Create one in your browser at ${page} (Generate New Token, with the scopes it needs: write:repository to push), then give it to Latch with: ${addCommand(account)}`
    );
  }
  return (
    `${capabilities.label} has no API to create tokens: create an API token with scopes in your browser at ${page} ` +
    '(read:user:bitbucket, read:repository:bitbucket, and write:repository:bitbucket to push), then give it to Latch with: ' +
    addCommand(account)
  );
}

/** The command that gives Latch a token made in the browser: with the expiry date where the person types it. */
function addCommand(account: Account): string {
  const typed = accountCapabilities(account).browserToken?.expiry === 'typed';
  return `latch token add --account ${accountRef(account)} --name NAME${typed ? ' --expires-on YYYY-MM-DD' : ''} --token-stdin`;
}

function expired(token: AccessToken, now: number): boolean {
  return token.expiresAt !== null && Date.parse(token.expiresAt) <= now;
}

export async function tokenList(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const owner = ownerFrom(args);
  const account = await accountFor(ctx, args);
  if (takesBrowserTokens(account) && !accountCapabilities(account).listByApi && owner.kind !== 'user') {
    throw new UsageError(`Latch keeps personal API tokens for ${accountCapabilities(account).label}; leave out --project and --repo.`);
  }
  const all = await ctx.core().tokens.list(account.id, owner);
  // --json lists every token, each with its state; in plain text the gone ones get a sentence each.
  if (flag(args, 'json')) {
    ctx.out(jsonLine(all.map(tokenJson)));
    return 0;
  }
  const tokens = all.filter((token) => token.onHost);
  const gone = all.filter((token) => !token.onHost);
  for (const token of gone) {
    ctx.err(
      `Token ${token.id} ("${printable(token.name)}") is no longer on the host (revoked or deleted outside Latch), but Latch still holds its secret. ` +
        `Remove that copy with: latch token remove --account ${accountRef(account)} ${token.id} --yes\n`,
    );
  }
  if (tokens.length === 0) {
    ctx.err(
      takesBrowserTokens(account)
        ? `Latch keeps no ${accountCapabilities(account).browserToken?.tokenWords ?? 'token'} for ${account.username} on ${gitHost(account.baseUrl)}. Add one with: ` +
            `${addCommand(account)}\n`
        : `${account.username} on ${gitHost(account.baseUrl)} has no ${owner.kind === 'user' ? 'personal ' : ''}tokens.\n`,
    );
    return 0;
  }
  const now = Date.now();
  const pending = new Set((await ctx.core().tokens.stored(account.id)).filter((token) => token.revokePendingAt != null).map((token) => token.tokenId));
  ctx.out(
    table(
      ['ID', 'NAME', 'PERMISSIONS', 'CREATED', 'EXPIRES', 'LAST USED', 'GIT', 'IN KEYCHAIN'],
      tokens.map((t) => [
        t.id,
        t.name,
        (t.scopes.length > 0 ? t.scopes.join(',') : '-') + (t.accessLevel !== undefined ? ` (${gitlabRoleName(t.accessLevel)})` : ''),
        day(t.createdAt),
        day(t.expiresAt, 'never'),
        day(t.lastUsedAt),
        t.git === 'pinned' ? 'yes, chosen' : t.git === 'chosen' ? 'yes' : '-',
        !t.stored
          ? 'no'
          : pending.has(t.id)
            ? 'yes, revoke pending'
            : t.rejected
              ? 'yes, rejected by the host'
              : expired(t, now)
                ? 'yes, expired (not given to git)'
                : (refusalWords(t) ?? 'yes'),
      ]),
    ),
  );
  return 0;
}

/**
 * --expiry-days N (the window's rule), `none` for a token that never expires, or the app's default of
 * DEFAULT_EXPIRY_DAYS. A host whose tokens cannot expire (Gitea, Forgejo) gets none unless asked.
 */
function expiryDaysFrom(ctx: CliContext, args: ParsedArgs, account: Account): number | null {
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
function checkExpiryText(args: ParsedArgs): void {
  const text = stringOption(args, 'expiry-days');
  if (text === undefined || text.trim().toLowerCase() === 'none') return;
  const days = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (expiryDaysProblem(days) !== null) throw new UsageError(`--expiry-days takes ${EXPIRY_DAYS_WORDS}, or none.`);
}

/**
 * --scope values the host does not have, or (Bitbucket Data Center) a choice its rule refuses, are
 * usage errors in the CLI's own words, before anything is asked of the host.
 */
function checkScopes(account: Account, scopes: readonly string[], owner: TokenOwner): void {
  const label = accountCapabilities(account).label;
  const known = scopeValues(account.host);
  if (known) {
    const levels = accountCapabilities(account).scopeModel === 'bitbucket-datacenter-levels';
    for (const scope of scopes) {
      const found = levels ? known.includes(scope.toUpperCase()) : known.includes(scope);
      if (found) continue;
      const near = closest(scope, known);
      throw new UsageError(`"${scope}" is not a ${label} ${levels ? 'permission' : 'scope'}.${near ? ` Did you mean --scope ${near}?` : ''} See latch token create --help for the list.`);
    }
    if (levels) {
      const read = fromScopes(scopes);
      const problem = 'error' in read ? read.error : checkPermissions(read.choice, owner);
      if (problem) throw new UsageError(`${dataCenterWords(problem, owner)}`);
    }
  }
}

/** Data Center's permission sentences (written for the window's two pickers) in --scope words. */
function dataCenterWords(problem: string, owner: TokenOwner): string {
  if (problem === 'Choose a project permission.') {
    return `A ${owner.kind === 'project' ? 'project' : 'personal'} token needs a project permission as well: add --scope PROJECT_READ (or PROJECT_WRITE, PROJECT_ADMIN).`;
  }
  if (problem.startsWith('A repository token takes no project permission')) return 'A repository token takes no project permission: leave out --scope PROJECT_….';
  return problem.replace(/^Give a repository permission/, 'Add a repository permission with --scope').replace('repository permission must be at least the project permission', 'REPO_ level must be at least the PROJECT_ level');
}

/** `--scope A --scope B`: the scopes Latch suggests for git on this host, as the CLI takes them. */
export function gitScopeWords(account: Account): string {
  const scopes = accountCapabilities(account).gitScopes ?? [];
  return scopes.length > 0 ? scopes.map((scope) => `--scope ${scope}`).join(' ') : '--scope SCOPE';
}

export async function tokenCreate(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const owner = ownerFrom(args);
  checkExpiryText(args);
  const given = listOption(args, 'scope');
  const scopes = given.flatMap((scope) => scope.split(',')).map((s) => s.trim()).filter(Boolean);
  // Resolved first: on a host with no token API the answer is the browser, whatever else was given.
  const account = await resolveAccount(ctx, args).catch((error: unknown) => {
    // Without --scope, a usage error says more than an unknown account.
    if (given.length === 0) throw new UsageError('latch token create needs --scope; see latch token create --help.');
    throw error;
  });
  const pages = HOST_PLUGINS[account.host].newTokenPages;
  // Where personal tokens are made only in the browser (GitHub; GitLab, which makes project and group tokens by API).
  const capabilities = accountCapabilities(account);
  const inBrowser = !capabilities.createByApi || !(capabilities.createOwners ?? capabilities.owners).includes(owner.kind);
  if (inBrowser && pages && takesBrowserTokens(account)) return createByPaste(ctx, args, account, scopes, pages);
  if (!capabilities.createByApi) throw new LatchError('unsupported', createInBrowser(account));
  if (given.length === 0) throw new UsageError(`latch token create needs --scope, e.g. ${gitScopeWords(account)}; see latch token create --help.`);
  // The core checks these too; here they are usage errors, refused before the password is asked for.
  const name = checkTokenName(stringOption(args, 'name'));
  if (!name.ok) throw new UsageError(name.problem);
  checkScopes(account, scopes, owner);
  const expiryDays = expiryDaysFrom(ctx, args, account);
  const accessLevel = accessLevelFrom(args, account, owner);
  await withPassword(ctx, args, account);
  withCode(ctx, args, account);
  const created = await ctx.core().tokens.create({
    accountId: account.id,
    name: name.name,
    scopes,
    expiryDays,
    owner,
    store: flag(args, 'store'),
    ...(accessLevel !== undefined ? { accessLevel } : {}),
  });
  if (flag(args, 'json')) ctx.out(jsonLine({ token: tokenJson(created.token), secret: created.secret }));
  else {
    // stdout carries the secret alone, so `SECRET=$(latch token create …)` works; the rest is for the person.
    ctx.out(`${created.secret}\n`);
    const t = created.token;
    ctx.err(
      `Created "${t.name}" (id ${t.id}), expires ${day(t.expiresAt, 'never')}. ` +
        (created.gitUsername ? `git username: ${created.gitUsername}. ` : 'It works only as a Bearer token (git 2.46 or later). ') +
        (t.stored ? 'Stored in the keychain for git and the CLI. ' : '') +
        'This is the only time the secret is shown.\n',
    );
  }
  if (created.storeError) {
    ctx.err(`${created.storeError}\n`);
    return 1;
  }
  return 0;
}

/**
 * `token create` where no API creates tokens but the page can be filled in (GitHub): the pages are
 * printed (the CLI opens nothing), the token the person made there is read like `token add`'s, checked
 * with the host and kept. The secret is never printed: the person already has it.
 */
async function createByPaste(
  ctx: CliContext,
  args: ParsedArgs,
  account: Account,
  scopes: string[],
  pages: (baseUrl: string, name: string, scopes: readonly string[]) => string[],
): Promise<number> {
  const capabilities = accountCapabilities(account);
  const flow = capabilities.browserToken!;
  if (scopes.length === 0) throw new UsageError('latch token create needs --scope; see latch token create --help.');
  for (const option of ['expiry-days', 'project', 'repo', 'group', 'access-level', 'password-stdin', 'otp']) {
    if (args.options[option] !== undefined) throw new UsageError(`--${option} is not for ${capabilities.label}, where you create the token in the browser; leave it out.`);
  }
  const name = checkTokenName(stringOption(args, 'name'));
  if (!name.ok) throw new UsageError(name.problem);
  const [classic, ...others] = pages(account.baseUrl, name.name, scopes);
  ctx.err(
    `${capabilities.label} has no API to create ${capabilities.createByApi ? 'personal access ' : ''}tokens. Create it in your browser at ${classic} (name and scopes are filled in)` +
      `${others.length > 0 ? `, or as a fine-grained token at ${others.join(' or ')}` : ''}; then paste it here.\n`,
  );
  const secret = await readPastedSecret(ctx, args, `${flow.tokenWords} you created (it is not shown): `, flow.tokenWords);
  const kept = await ctx.core().tokens.add(account.id, { name: name.name, expiresOn: null, secret });
  const asked = [...new Set(scopes)].sort();
  const has = [...new Set(kept.scopes)].sort();
  if (has.length === 0) {
    ctx.err(`${capabilities.label} does not report the permissions of this token (a fine-grained one): check on its page that it has what you asked for (${asked.join(', ')}).\n`);
  } else if (asked.join(',') !== has.join(',')) {
    ctx.err(`This token's scopes are ${has.join(', ')}, not ${asked.join(', ')} as asked; Latch kept it as it is.\n`);
  }
  if (flag(args, 'json')) ctx.out(jsonLine(tokenJson(kept)));
  else ctx.out(`Kept "${kept.name}" (id ${kept.id}) for ${account.username} on ${gitHost(account.baseUrl)}. ${keptSentence(account, kept)}\n`);
  return 0;
}

/** The TOKEN_ID positional, checked before it goes anywhere near a URL or a message. */
function tokenIdFrom(args: ParsedArgs): string {
  const tokenId = args.positionals[0]!;
  const problem = tokenIdProblem(tokenId);
  if (problem) throw new UsageError(problem);
  return tokenId;
}

export async function tokenRevoke(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const tokenId = tokenIdFrom(args);
  const given = ownerFrom(args);
  const named = await resolveAccount(ctx, args);
  if (!accountCapabilities(named).revokeByApi && accountCapabilities(named).revokeBySecret && takesBrowserTokens(named)) return revokeBySecret(ctx, args, named, tokenId);
  // Nothing to confirm where the host cannot revoke: the core says where to do it instead.
  if (!accountCapabilities(named).revokeByApi) {
    const account = await withPassword(ctx, args, named);
    // The core's sentence names the page; the CLI adds its own way to remove Latch's copy afterwards.
    const removeCommand = `latch token remove --account ${accountRef(account)} ${tokenId} --yes`;
    try {
      await ctx.core().tokens.revoke(account.id, given, tokenId);
    } catch (error) {
      if (error instanceof LatchError && error.code === 'unsupported') throw new LatchError('unsupported', `${error.message} In the CLI: ${removeCommand}`);
      throw error;
    }
    throw new LatchError('unsupported', `${accountCapabilities(account).label} has no API to revoke tokens; revoke it in the browser, then: ${removeCommand}`);
  }
  // Before the password is read from stdin: without a terminal, only --yes can confirm.
  if (!flag(args, 'yes') && (!ctx.stdin.isTTY || flag(args, 'password-stdin'))) {
    throw new UsageError('latch token revoke asks for confirmation; add --yes to confirm without a prompt.');
  }
  const account = await withPassword(ctx, args, named);
  withCode(ctx, args, account);
  // Without --project, a token Latch holds is revoked under the owner it was stored with.
  const held = (await ctx.core().tokens.stored(account.id)).find((token) => token.tokenId === tokenId);
  const owner = given.kind === 'user' && held ? held.owner : given;
  // The question names the token as the app does; one Latch does not hold is looked up on the host.
  const token = held ?? (flag(args, 'yes') ? undefined : await onHost(ctx, account, owner, tokenId));
  if (!flag(args, 'yes')) {
    const what = token ? tokenWords({ id: tokenId, name: token.name, owner: token.owner, scopes: token.scopes }) : `token ${tokenId}`;
    if (!(await confirm(`Revoke ${what} of ${account.username} on ${gitHost(account.baseUrl)}? Anything using it stops working.`, ctx.stdin))) {
      ctx.err('Nothing was revoked.\n');
      return 1;
    }
  }
  try {
    await ctx.core().tokens.revoke(account.id, owner, tokenId);
  } catch (error) {
    if (error instanceof LatchError && error.code === 'not-found' && owner.kind === 'user') {
      const hint = account.host === 'gitlab' ? '--project PATH or --group PATH' : '--project KEY [--repo SLUG]';
      throw new LatchError('not-found', `${error.message} If it is a project${account.host === 'gitlab' ? ' or group' : ' or repository'} token, add ${hint}.`);
    }
    throw error;
  }
  if (flag(args, 'json')) ctx.out(jsonLine({ revoked: true, id: tokenId, name: token?.name ?? null, accountId: account.id, copyRemoved: held !== undefined }));
  else ctx.out(`Revoked ${token ? tokenWords({ id: tokenId, name: token.name, owner: token.owner, scopes: token.scopes }) : `token ${tokenId}`}.\n`);
  return 0;
}

/** The token as the host lists it, for a question; undefined when the host does not list it. */
async function onHost(ctx: CliContext, account: Account, owner: TokenOwner, tokenId: string): Promise<AccessToken | undefined> {
  return (await ctx.core().tokens.list(account.id, owner)).find((token) => token.id === tokenId);
}

export async function tokenRotate(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const tokenId = tokenIdFrom(args);
  const given = ownerFrom(args);
  const account = await resolveAccount(ctx, args);
  // Without --expiry-days the host picks the new expiry (GitLab: a week where expiry is required).
  const days = stringOption(args, 'expiry-days') === undefined ? null : expiryDaysFrom(ctx, args, account);
  if (!accountCapabilities(account).rotateByApi) {
    throw new LatchError('unsupported', `${accountCapabilities(account).label} has no API to rotate tokens: create a new one, then revoke the old one.`);
  }
  // Without --project or --group, a token Latch holds is rotated under the owner it was stored with.
  const held = (await ctx.core().tokens.stored(account.id)).find((token) => token.tokenId === tokenId);
  const owner = given.kind === 'user' && held ? held.owner : given;
  const rotated = await ctx.core().tokens.rotate(account.id, owner, tokenId, days);
  if (flag(args, 'json')) ctx.out(jsonLine({ token: tokenJson(rotated.token), secret: rotated.secret }));
  else {
    // stdout carries the secret alone, as for create; the rest is for the person.
    ctx.out(`${rotated.secret}\n`);
    const t = rotated.token;
    ctx.err(
      `Rotated token ${tokenId}: its secret no longer works. The new one is "${t.name}" (id ${t.id}), expires ${day(t.expiresAt, 'never')}. ` +
        (t.stored ? 'Latch replaced its kept copy in the keychain, so git uses the new secret. ' : '') +
        'This is the only time the new secret is shown.\n',
    );
  }
  if (rotated.storeError) {
    ctx.err(`${rotated.storeError}\n`);
    return 1;
  }
  return 0;
}

/** A kept token of a host that revokes by the secret alone (GitHub): sent to the host, the copy removed once it is dead. */
async function revokeBySecret(ctx: CliContext, args: ParsedArgs, account: Account, tokenId: string): Promise<number> {
  if (flag(args, 'password-stdin')) throw new UsageError(`${accountCapabilities(account).label} accounts have no password in Latch; leave out --password-stdin.`);
  if (!flag(args, 'yes') && !ctx.stdin.isTTY) throw new UsageError('latch token revoke asks for confirmation; add --yes to confirm without a prompt.');
  const held = (await ctx.core().tokens.stored(account.id)).find((token) => token.tokenId === tokenId);
  if (!held) throw new LatchError('not-found', `Latch holds no token ${tokenId} for ${account.username}. List them with: latch token list --account ${accountRef(account)}`);
  if (!flag(args, 'yes')) {
    if (!(await confirm(`Revoke ${tokenWords({ ...held, id: tokenId })} of ${account.username} on ${gitHost(account.baseUrl)}? Anything using it stops working.`, ctx.stdin))) {
      ctx.err('Nothing was revoked.\n');
      return 1;
    }
  }
  try {
    await ctx.core().tokens.revoke(account.id, held.owner, tokenId);
  } catch (error) {
    if (error instanceof LatchError && error.code === 'unsupported') {
      throw new LatchError('unsupported', `${error.message} In the CLI: latch token remove --account ${accountRef(account)} ${tokenId} --yes`);
    }
    throw error;
  }
  if (flag(args, 'json')) ctx.out(jsonLine({ revoked: true, id: tokenId, name: held.name, accountId: account.id, copyRemoved: true }));
  else ctx.out(`Revoked ${tokenWords({ ...held, id: tokenId })}: ${accountCapabilities(account).label} confirmed it no longer works, and Latch removed its copy.\n`);
  return 0;
}

export async function tokenRemove(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const tokenId = tokenIdFrom(args);
  if (!flag(args, 'yes') && !ctx.stdin.isTTY) {
    throw new UsageError('latch token remove asks for confirmation; add --yes to confirm without a prompt.');
  }
  const core = ctx.core();
  const account = await ctx.account(stringOption(args, 'account')!);
  const stored = (await core.tokens.stored(account.id)).find((token) => token.tokenId === tokenId);
  if (!stored) throw new LatchError('not-found', `Latch holds no secret for token ${tokenId} of ${account.username}.`);
  if (!flag(args, 'yes')) {
    const question = `Delete Latch's copy of ${tokenWords({ ...stored, id: tokenId })}? git and the CLI stop using it; the token itself is not revoked.`;
    if (!(await confirm(question, ctx.stdin))) {
      ctx.err('Nothing was deleted.\n');
      return 1;
    }
  }
  await core.tokens.remove(account.id, tokenId);
  if (flag(args, 'json')) ctx.out(jsonLine({ removed: true, id: tokenId, name: stored.name, accountId: account.id }));
  else ctx.out(`Deleted Latch's copy of ${tokenWords({ ...stored, id: tokenId })}.\n`);
  return 0;
}

export async function tokenAdd(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const core = ctx.core();
  const account = await resolveAccount(ctx, args);
  const capabilities = accountCapabilities(account);
  if (!takesBrowserTokens(account)) {
    // Before the secret is read: it would only be refused.
    throw new LatchError(
      'unsupported',
      `${capabilities.label} creates tokens by API, and Latch keeps them as it creates them: latch token create --account ${accountRef(account)} --name NAME ${gitScopeWords(account)} --store`,
    );
  }
  const flow = capabilities.browserToken!;
  const question = `${flow.tokenWords} for ${account.username} (it is not shown): `;
  // GitLab names the token itself when asked with it; the name given here only stands in until then.
  const token =
    flow.manages && stringOption(args, 'name') === undefined
      ? { name: `${capabilities.label} token`, expiresOn: null, secret: await readPastedSecret(ctx, args, question, flow.tokenWords) }
      : await browserToken(ctx, args, 'name', question, flow);
  const kept = await core.tokens.add(account.id, token);
  if (flag(args, 'json')) ctx.out(jsonLine(tokenJson(kept)));
  else ctx.out(`Kept "${kept.name}" (id ${kept.id}) for ${account.username} on ${gitHost(account.baseUrl)}. ${keptSentence(account, kept)}\n`);
  return 0;
}

export async function tokenGet(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const core = ctx.core();
  return printStoredField(ctx.out, args, await core.store.read(), core.keychain, (ref) => ctx.account(ref));
}

/** `token forget`, the old spelling: still works, and says the new one. */
export async function tokenForget(ctx: CliContext, args: ParsedArgs): Promise<number> {
  ctx.err('latch token forget is now latch token remove; the old spelling still works.\n');
  return tokenRemove(ctx, args);
}
