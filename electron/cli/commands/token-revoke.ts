// latch token revoke | rotate | remove (and forget, the old spelling of remove)
import type { AccessToken, Account, TokenOwner } from '../../../shared/domain';
import { accountCapabilities } from '../../../shared/hosts';
import { LatchError } from '../../../shared/result';
import { gitHost } from '../../../shared/url';
import { flag, stringOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { day, jsonLine, tokenWords } from '../format';
import { confirm } from '../io';
import { accountRef, expiryDaysFrom, ownerFrom, resolveAccount, takesBrowserTokens, tokenIdFrom, tokenJson, withCode, withPassword } from './token-options';

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

/** `token forget`, the old spelling: still works, and says the new one. */
export async function tokenForget(ctx: CliContext, args: ParsedArgs): Promise<number> {
  ctx.err('latch token forget is now latch token remove; the old spelling still works.\n');
  return tokenRemove(ctx, args);
}
