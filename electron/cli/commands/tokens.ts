// latch token list | create | add | get
import type { Account, TokenOwner } from '../../../shared/domain';
import { accountCapabilities } from '../../../shared/hosts';
import { gitlabRoleName } from '../../../shared/hosts/gitlab';
import { LatchError } from '../../../shared/result';
import { checkPermissions, fromScopes } from '../../../shared/permissions';
import { checkTokenName } from '../../../shared/schemas';
import { scopeValues } from '../../../shared/scopes';
import { gitHost } from '../../../shared/url';
import { flag, listOption, stringOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { printable } from '../../../shared/terminal-text';
import { day, jsonLine, table } from '../format';
import { browserToken, readPastedSecret } from '../browser-token';
import { HOST_PLUGINS } from '../../core/hosts';
import { keptSentence } from './account-options';
import { printStoredField } from './token-get';
import { closest } from '../suggest';
import { accessLevelFrom, accountFor, accountRef, checkExpiryText, expired, expiryDaysFrom, ownerFrom, refusalWords, resolveAccount, takesBrowserTokens, tokenJson, withCode, withPassword } from './token-options';

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
