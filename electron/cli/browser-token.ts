// A token the person created in the host's web page and hands to the CLI (`account add` for Bitbucket
// Cloud, `token add`): its secret from stdin or a prompt with echo off, never from an argument, where
// shell history and the process list would keep it.
import type { BrowserToken } from '../../shared/domain';
import type { BrowserTokenFlow } from '../../shared/hosts';
import { isCalendarDay } from '../../shared/browser-token';
import { LatchError } from '../../shared/result';
import { flag, neededOption, stringOption, UsageError, type ParsedArgs } from './args';
import type { CliContext } from './context';
import { canPrompt, promptHidden, readStdinText } from './io';

/** The expiry date the host's page showed, checked as a real calendar day; a usage error otherwise. */
export function expiresOnFrom(args: ParsedArgs): string {
  const text = stringOption(args, 'expires-on')!;
  if (!isCalendarDay(text)) {
    throw new UsageError('--expires-on takes the expiry date the token page showed, as YYYY-MM-DD (e.g. 2027-01-31).');
  }
  return text;
}

/** The secret: all of stdin with --token-stdin, else typed at a hidden prompt, else a clear failure. */
export async function readPastedSecret(ctx: CliContext, args: ParsedArgs, question: string, words = 'API token'): Promise<string> {
  let secret: string | null;
  if (flag(args, 'token-stdin')) secret = await readStdinText(ctx.stdin);
  else if (canPrompt(ctx.stdin)) secret = await promptHidden(question, ctx.stdin);
  else {
    throw new UsageError(`Latch needs the ${words}: pass it on stdin with --token-stdin, or run this in a terminal to paste it.`);
  }
  // Copied from a web page, a token often comes with a space or line break around it; never inside.
  const trimmed = secret?.trim() ?? '';
  if (trimmed === '') throw new LatchError('validation', `No ${words} was given.`);
  return trimmed;
}

/**
 * The name, the expiry date where the host's page shows one the person types (Bitbucket Cloud), and the
 * secret. Where the host reports the expiry itself (GitHub), --expires-on is refused: it would be ignored.
 */
export async function browserToken(ctx: CliContext, args: ParsedArgs, nameOption: string, question: string, flow: BrowserTokenFlow): Promise<BrowserToken> {
  const name = stringOption(args, nameOption);
  if (name === undefined) neededOption(args, nameOption, `(the name you gave the ${flow.tokenWords})`);
  let expiresOn: string | null = null;
  if (flow.expiry === 'typed') {
    neededOption(args, 'expires-on', '(the expiry date the token page showed)');
    expiresOn = expiresOnFrom(args);
  } else if (stringOption(args, 'expires-on') !== undefined) {
    throw new UsageError(`Leave out --expires-on: Latch asks the host when the ${flow.tokenWords} expires.`);
  }
  return { name: name!, expiresOn, secret: await readPastedSecret(ctx, args, question, flow.tokenWords) };
}
