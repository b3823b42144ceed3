// latch token list | create | add | revoke | forget | get
import type { AccessToken, Account, TokenOwner } from '../../../shared/domain';
import { HOSTS } from '../../../shared/hosts';
import { LatchError } from '../../../shared/result';
import { checkTokenName, expiryDaysProblem, EXPIRY_DAYS_WORDS } from '../../../shared/schemas';
import { tokenIdProblem } from '../../../shared/token-id';
import { gitHost } from '../../../shared/url';
import { defaultAccount } from '../../core/credential/match';
import { shellQuote } from '../../core/git/helper-command';
import { flag, listOption, stringOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { day, jsonLine, table } from '../format';
import { confirm } from '../io';
import { browserToken, readPastedSecret } from '../browser-token';
import { HOST_PLUGINS } from '../../core/hosts';
import { keptSentence } from './accounts';
import { storedSecret } from '../stored-secret';

function ownerFrom(args: ParsedArgs): TokenOwner {
  const project = stringOption(args, 'project');
  const repo = stringOption(args, 'repo');
  if (repo !== undefined && project === undefined) throw new UsageError('--repo needs --project KEY as well.');
  if (project === undefined) return { kind: 'user' };
  return repo === undefined ? { kind: 'project', projectKey: project } : { kind: 'repository', projectKey: project, repoSlug: repo };
}

/** The fields `--json` shows for a token, exactly these (issue: ids as the host wrote them, ISO dates or null). */
function tokenJson(token: AccessToken) {
  return {
    id: token.id,
    name: token.name,
    scopes: token.scopes,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    stored: token.stored,
    git: token.git !== undefined,
  };
}

/** Accounts checked with an API token (Bitbucket Cloud): no password, no token API; Latch keeps pasted tokens. */
function takesBrowserTokens(account: Account): boolean {
  return HOSTS[account.host].signIn === 'api-token';
}

const accountRef = (account: Account) => shellQuote(`${account.username}@${gitHost(account.baseUrl)}`);

async function resolveAccount(ctx: CliContext, args: ParsedArgs): Promise<Account> {
  return ctx.core().accounts.resolve(stringOption(args, 'account')!);
}

/** The account, with the password from stdin held for this command when asked for. */
async function withPassword(ctx: CliContext, args: ParsedArgs, account: Account): Promise<Account> {
  if (!flag(args, 'password-stdin')) return account;
  if (takesBrowserTokens(account)) {
    throw new UsageError(`${HOSTS[account.host].label} accounts have no password in Latch; leave out --password-stdin.`);
  }
  await ctx.usePasswordFromStdin(account);
  return account;
}

/** The code from --otp, for the one call to the server this command makes (Gitea, Forgejo with two-factor sign-in). */
function withCode(ctx: CliContext, args: ParsedArgs, account: Account): void {
  const code = stringOption(args, 'otp');
  if (code === undefined) return;
  if (!HOSTS[account.host].twoFactor) throw new UsageError(`${HOSTS[account.host].label} accounts sign in without a one-time code; leave out --otp.`);
  ctx.core().session.giveCode(account.id, code);
}

async function accountFor(ctx: CliContext, args: ParsedArgs): Promise<Account> {
  const account = await withPassword(ctx, args, await resolveAccount(ctx, args));
  withCode(ctx, args, account);
  return account;
}

/** Where a Cloud token is made, and how Latch is then given it. */
function createInBrowser(account: Account): string {
  const capabilities = HOSTS[account.host];
  const page = capabilities.manageUrl?.(account.baseUrl) ?? 'the host\'s web page';
  return (
    `${capabilities.label} has no API to create tokens: create an API token with scopes in your browser at ${page} ` +
    '(read:user:bitbucket, read:repository:bitbucket, and write:repository:bitbucket to push), then give it to Latch with: ' +
    addCommand(account)
  );
}

/** The command that gives Latch a token made in the browser: with the expiry date where the person types it. */
function addCommand(account: Account): string {
  const typed = HOSTS[account.host].browserToken?.expiry === 'typed';
  return `latch token add --account ${accountRef(account)} --name NAME${typed ? ' --expires-on YYYY-MM-DD' : ''} --token-stdin`;
}

function expired(token: AccessToken, now: number): boolean {
  return token.expiresAt !== null && Date.parse(token.expiresAt) <= now;
}

export async function tokenList(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const owner = ownerFrom(args);
  const account = await accountFor(ctx, args);
  if (takesBrowserTokens(account) && owner.kind !== 'user') {
    throw new UsageError(`Latch keeps personal API tokens for ${HOSTS[account.host].label}; leave out --project and --repo.`);
  }
  const all = await ctx.core().tokens.list(account.id, owner);
  const tokens = all.filter((token) => token.onHost);
  const gone = all.filter((token) => !token.onHost);
  // stderr, so --json stays the host's list and a script piping it is not misled.
  for (const token of gone) {
    ctx.err(
      `Token ${token.id} ("${token.name}") is no longer on the host (revoked or deleted outside Latch), but Latch still holds its secret. ` +
        `Remove that copy with: latch token remove --account ${shellQuote(`${account.username}@${gitHost(account.baseUrl)}`)} ${token.id}\n`,
    );
  }
  if (flag(args, 'json')) {
    ctx.out(jsonLine(tokens.map(tokenJson)));
    return 0;
  }
  if (tokens.length === 0) {
    ctx.err(
      takesBrowserTokens(account)
        ? `Latch keeps no ${HOSTS[account.host].browserToken?.tokenWords ?? 'token'} for ${account.username} on ${gitHost(account.baseUrl)}. Add one with: ` +
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
        t.scopes.length > 0 ? t.scopes.join(',') : '-',
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
                : 'yes',
      ]),
    ),
  );
  return 0;
}

/** --expiry-days N, held to the same rule as the form and the core; null when not given (never expires). */
function expiryDaysFrom(args: ParsedArgs): number | null {
  const text = stringOption(args, 'expiry-days');
  if (text === undefined) return null;
  const days = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (expiryDaysProblem(days) !== null) throw new UsageError(`--expiry-days takes ${EXPIRY_DAYS_WORDS}.`);
  return days;
}

export async function tokenCreate(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const owner = ownerFrom(args);
  const expiryDays = expiryDaysFrom(args);
  const given = listOption(args, 'scope');
  const scopes = given.flatMap((scope) => scope.split(',')).map((s) => s.trim()).filter(Boolean);
  // Resolved first: on a host with no token API the answer is the browser, whatever else was given.
  const account = await resolveAccount(ctx, args).catch((error: unknown) => {
    // Without --scope, a usage error says more than an unknown account.
    if (given.length === 0) throw new UsageError('latch token create needs --scope; see latch token create --help.');
    throw error;
  });
  const pages = HOST_PLUGINS[account.host].newTokenPages;
  if (!HOSTS[account.host].createByApi && pages && takesBrowserTokens(account)) return createByPaste(ctx, args, account, scopes, pages);
  if (!HOSTS[account.host].createByApi) throw new LatchError('unsupported', createInBrowser(account));
  if (given.length === 0) throw new UsageError('latch token create needs --scope; see latch token create --help.');
  // The core checks the name too; here it is refused before the password is asked for.
  const name = checkTokenName(stringOption(args, 'name'));
  if (!name.ok) throw new LatchError('validation', name.problem);
  await withPassword(ctx, args, account);
  withCode(ctx, args, account);
  const created = await ctx.core().tokens.create({
    accountId: account.id,
    name: name.name,
    scopes,
    expiryDays,
    owner,
    store: flag(args, 'store'),
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
  const capabilities = HOSTS[account.host];
  const flow = capabilities.browserToken!;
  if (scopes.length === 0) throw new UsageError('latch token create needs --scope; see latch token create --help.');
  for (const option of ['expiry-days', 'project', 'repo', 'password-stdin', 'otp']) {
    if (args.options[option] !== undefined) throw new UsageError(`--${option} is not for ${capabilities.label}, where you create the token in the browser; leave it out.`);
  }
  const name = checkTokenName(stringOption(args, 'name'));
  if (!name.ok) throw new LatchError('validation', name.problem);
  const [classic, ...others] = pages(account.baseUrl, name.name, scopes);
  ctx.err(
    `${capabilities.label} has no API to create tokens. Create it in your browser at ${classic} (name and scopes are filled in)` +
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
  if (!HOSTS[named.host].revokeByApi && HOSTS[named.host].revokeBySecret && takesBrowserTokens(named)) return revokeBySecret(ctx, args, named, tokenId);
  // Nothing to confirm where the host cannot revoke: the core says where to do it instead.
  if (!HOSTS[named.host].revokeByApi) {
    const account = await withPassword(ctx, args, named);
    // The core's sentence names the page; the CLI adds its own way to remove Latch's copy afterwards.
    const removeCommand = `latch token remove --account ${accountRef(account)} ${tokenId} --yes`;
    try {
      await ctx.core().tokens.revoke(account.id, given, tokenId);
    } catch (error) {
      if (error instanceof LatchError && error.code === 'unsupported') throw new LatchError('unsupported', `${error.message} In the CLI: ${removeCommand}`);
      throw error;
    }
    throw new LatchError('unsupported', `${HOSTS[account.host].label} has no API to revoke tokens; revoke it in the browser, then: ${removeCommand}`);
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
  if (!flag(args, 'yes')) {
    if (!(await confirm(`Revoke token ${tokenId} of ${account.username} on ${gitHost(account.baseUrl)}? Anything using it stops working.`, ctx.stdin))) {
      ctx.err('Nothing was revoked.\n');
      return 1;
    }
  }
  try {
    await ctx.core().tokens.revoke(account.id, owner, tokenId);
  } catch (error) {
    if (error instanceof LatchError && error.code === 'not-found' && owner.kind === 'user') {
      throw new LatchError('not-found', `${error.message} If it is a project or repository token, add --project KEY [--repo SLUG].`);
    }
    throw error;
  }
  ctx.out(`Revoked token ${tokenId}.\n`);
  return 0;
}

/** A kept token of a host that revokes by the secret alone (GitHub): sent to the host, the copy removed once it is dead. */
async function revokeBySecret(ctx: CliContext, args: ParsedArgs, account: Account, tokenId: string): Promise<number> {
  if (flag(args, 'password-stdin')) throw new UsageError(`${HOSTS[account.host].label} accounts have no password in Latch; leave out --password-stdin.`);
  if (!flag(args, 'yes') && !ctx.stdin.isTTY) throw new UsageError('latch token revoke asks for confirmation; add --yes to confirm without a prompt.');
  const held = (await ctx.core().tokens.stored(account.id)).find((token) => token.tokenId === tokenId);
  if (!held) throw new LatchError('not-found', `Latch holds no token ${tokenId} for ${account.username}. List them with: latch token list --account ${accountRef(account)}`);
  if (!flag(args, 'yes')) {
    if (!(await confirm(`Revoke "${held.name}" (token ${tokenId}) of ${account.username} on ${gitHost(account.baseUrl)}? Anything using it stops working.`, ctx.stdin))) {
      ctx.err('Nothing was revoked.\n');
      return 1;
    }
  }
  try {
    await ctx.core().tokens.revoke(account.id, held.owner, tokenId);
  } catch (error) {
    if (error instanceof LatchError && error.code === 'unsupported') {
      throw new LatchError('unsupported', `${error.message} Then remove Latch's copy with: latch token remove --account ${accountRef(account)} ${tokenId} --yes`);
    }
    throw error;
  }
  ctx.out(`Revoked "${held.name}" (token ${tokenId}): ${HOSTS[account.host].label} confirmed it no longer works, and Latch removed its copy.\n`);
  return 0;
}

export async function tokenRemove(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const tokenId = tokenIdFrom(args);
  if (!flag(args, 'yes') && !ctx.stdin.isTTY) {
    throw new UsageError('latch token remove asks for confirmation; add --yes to confirm without a prompt.');
  }
  const core = ctx.core();
  const account = await core.accounts.resolve(stringOption(args, 'account')!);
  const stored = (await core.tokens.stored(account.id)).find((token) => token.tokenId === tokenId);
  if (!stored) throw new LatchError('not-found', `Latch holds no secret for token ${tokenId} of ${account.username}.`);
  if (!flag(args, 'yes')) {
    const question = `Delete Latch's copy of "${stored.name}" (token ${tokenId})? git and the CLI stop using it; the token itself is not revoked.`;
    if (!(await confirm(question, ctx.stdin))) {
      ctx.err('Nothing was deleted.\n');
      return 1;
    }
  }
  await core.tokens.remove(account.id, tokenId);
  ctx.out(`Deleted Latch's copy of token ${tokenId}.\n`);
  return 0;
}

export async function tokenAdd(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const core = ctx.core();
  const account = await resolveAccount(ctx, args);
  const capabilities = HOSTS[account.host];
  if (!takesBrowserTokens(account)) {
    // Before the secret is read: it would only be refused.
    throw new LatchError(
      'unsupported',
      `${capabilities.label} creates tokens by API, and Latch keeps them as it creates them: latch token create --account ${accountRef(account)} --name NAME --scope PERMISSION --store`,
    );
  }
  const flow = capabilities.browserToken!;
  const token = await browserToken(ctx, args, 'name', `${flow.tokenWords} for ${account.username} (it is not shown): `, flow);
  const kept = await core.tokens.add(account.id, token);
  if (flag(args, 'json')) ctx.out(jsonLine(tokenJson(kept)));
  else ctx.out(`Kept "${kept.name}" (id ${kept.id}) for ${account.username} on ${gitHost(account.baseUrl)}. ${keptSentence(account, kept)}\n`);
  return 0;
}

const FIELDS = ['secret', 'username', 'authorization'] as const;

export async function tokenGet(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const field = stringOption(args, 'field') ?? 'secret';
  if (!(FIELDS as readonly string[]).includes(field)) throw new UsageError(`--field must be one of: ${FIELDS.join(', ')}.`);
  const host = stringOption(args, 'host')!.toLowerCase();
  const core = ctx.core();
  const data = await core.store.read();
  const onHost = data.accounts.filter((a) => gitHost(a.baseUrl) === host);
  const ref = stringOption(args, 'account');
  let account: Account | undefined;
  if (ref !== undefined) {
    account = await core.accounts.resolve(ref);
    if (gitHost(account.baseUrl) !== host) throw new LatchError('validation', `${account.username} is an account on ${gitHost(account.baseUrl)}, not on ${host}.`);
  } else {
    account = defaultAccount(onHost) ?? undefined;
    if (!account && onHost.length > 1) throw new LatchError('validation', `Latch has several accounts on ${host} and none is the default; name one with --account.`);
  }
  if (!account) throw new LatchError('not-found', `Latch has no account on ${host}. List them with: latch account list`);
  const { token, secret } = await storedSecret(core, account, data);
  let value: string;
  if (field === 'secret') value = secret;
  else if (field === 'username') {
    if (token.gitUsername === null) throw new LatchError('validation', `"${token.name}" is a Bearer-only token; it has no username.`);
    value = token.gitUsername;
  } else {
    const restAuth = HOSTS[account.host].restAuth;
    if (restAuth === 'basic') {
      // Bitbucket Cloud's REST API takes an API token only with the Atlassian email (hosts.md);
      // git's x-bitbucket-api-token-auth is refused there.
      const restUser = HOSTS[account.host].signIn === 'api-token' ? account.username : token.gitUsername;
      if (restUser === null) throw new LatchError('validation', `"${token.name}" has no username to send with Basic authentication.`);
      value = `Basic ${Buffer.from(`${restUser}:${secret}`).toString('base64')}`;
    } else value = restAuth === 'token-header' ? `token ${secret}` : `Bearer ${secret}`;
  }
  if (/[\r\n\0]/.test(value)) throw new LatchError('validation', `The stored secret of "${token.name}" contains a line break, so it was not printed.`);
  ctx.out(`${value}\n`);
  return 0;
}

/** `token forget`, the old spelling: still works, and says the new one. */
export async function tokenForget(ctx: CliContext, args: ParsedArgs): Promise<number> {
  ctx.err('latch token forget is now latch token remove; the old spelling still works.\n');
  return tokenRemove(ctx, args);
}
