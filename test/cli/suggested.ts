// The `latch …` commands a message suggests, as a person would copy them: found in the text, the help's
// placeholders (the capitals) filled with this test's values, and run as printed.
import { expect } from 'vitest';
import type { HostWorld } from './fixture';
import { latchInTerminal, type ProcessResult, type TerminalResult } from './run';

/** The `latch …` commands a text suggests, split into words the way a shell would. */
export function suggestedCommands(text: string): string[][] {
  const found: string[][] = [];
  // A sentence may name two in turn ("run latch A, then run latch B"): each ends before the next.
  for (const match of text.matchAll(/(?:: |\brun |\bRun |^)latch ((?:(?! run latch )[^\n])*)/gm)) {
    // The command ends where the sentence goes on: "  (", " (", "; ", ", " or a final full stop.
    const line = match[1]!.split(/ {1,2}\(|; |, (?!\S*')/)[0]!.replace(/\.$/, '');
    const words = [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
    found.push(words);
  }
  return found;
}

/** The one suggestion in a command's output matching `expected` (tested against its words joined by spaces). */
export function suggestion(from: Pick<ProcessResult, 'stdout' | 'stderr'>, expected: RegExp): string[] {
  const [command] = suggestedCommands(`${from.stdout}\n${from.stderr}`).filter((words) => expected.test(words.join(' ')));
  expect(command, `a suggestion matching ${expected} in: ${from.stderr}${from.stdout}`).toBeDefined();
  return command!;
}

/** Fills the help's placeholders: every word that is a key of `values`. */
export function filled(words: readonly string[], values: Record<string, string>): string[] {
  return words.map((word) => values[word] ?? word);
}

/**
 * Runs the suggestion matching `expected` from `from`'s output, placeholders filled, with `input` on stdin
 * (the secret a --token-stdin or --password-stdin asks for), and expects it to succeed.
 */
export async function runSuggestion(
  world: HostWorld<unknown>,
  from: Pick<ProcessResult, 'stdout' | 'stderr'>,
  expected: RegExp,
  values: Record<string, string> = {},
  input?: string,
): Promise<ProcessResult> {
  const command = filled(suggestion(from, expected), values);
  const result = await world.run(command, input);
  expect(result.code, `latch ${command.join(' ')}: ${result.stderr}`).toBe(0);
  return result;
}

/**
 * With an account added: doctor's fix (set git up for the host), setup-git's undo, and the account list a
 * `token get` for a host Latch does not know points to, each run as printed.
 */
export async function expectGitSetupSuggestionsRun(world: HostWorld<unknown>): Promise<void> {
  const setupFixes = async () => suggestedCommands(Object.values(await world.run(['doctor'])).join('\n')).filter((words) => words[0] === 'setup-git');
  const doctor = await world.run(['doctor']);
  const setup = await runSuggestion(world, doctor, new RegExp(`^setup-git --host \\S*${world.host.replace(/\./g, '\\.')}$`));
  expect(await setupFixes()).toEqual([]);
  await runSuggestion(world, setup, /--undo$/);
  expect(await setupFixes()).toHaveLength(1);
  const unknown = await world.run(['token', 'get', '--host', 'nowhere.example:1']);
  expect(unknown.code).toBe(2);
  const listed = await runSuggestion(world, unknown, /^account list$/);
  expect(listed.stdout).toContain(`@${world.host}`);
}

/**
 * A secret typed where a token id goes: the refusal points to `latch leak`, which is run as printed in a
 * terminal that asks for the secret and a yes. Answers what the terminal showed.
 */
export async function runLeakSuggestion(world: HostWorld<unknown>, account: string, secret: string): Promise<TerminalResult> {
  const refused = await world.run(['token', 'revoke', '--account', account, secret, '--yes']);
  expect(refused.code).toBe(2);
  expect(refused.stderr).not.toContain(secret);
  const command = suggestion(refused, /^leak$/);
  const leak = await latchInTerminal(command, {
    env: world.env,
    answers: [
      { after: /Paste the secret .*Enter: $/, type: secret },
      { after: /\[y\/N\] $/, type: 'y' },
    ],
  });
  expect(leak.screen).not.toContain(secret);
  return leak;
}
