// Every `latch` command the README shows is one the CLI takes as written: its words name a command, its
// options exist for that command with a value where they need one, and nothing is missing that the
// command requires. Placeholders in capitals (ACCOUNT, NAME) and the brackets of optional parts ([--json])
// are the README's way to show a choice, so an optional part is read as given.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../electron/cli/args';
import { COMMANDS } from '../../electron/cli/specs';

const readme = readFileSync(join(resolve(__dirname, '../..'), 'README.md'), 'utf8');

/** The `latch …` commands in the README's code: code blocks line by line, and inline code. */
function readmeCommands(text: string): string[] {
  const code: string[] = [];
  for (const block of text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) code.push(...block[1]!.split('\n'));
  const prose = text.replace(/```[a-z]*\n[\s\S]*?```/g, '');
  for (const inline of prose.matchAll(/`([^`\n]+)`/g)) code.push(inline[1]!);
  const commands: string[] = [];
  for (const line of code) {
    // A synopsis line may hold several commands, set apart by wide spaces; a shell line chains them with
    // a pipe, `&&` or `;` (outside the brackets, where `|` is a choice) and may end in a comment.
    const shell = line.replace(/^\s*\$\s*/, '');
    const parts = (/^latch\b/.test(shell) ? shell.split(/ {2,}(?=latch\b)/) : [shell]).flatMap((part) => splitOutsideBrackets(part));
    for (const part of parts) {
      const command = part.replace(/\s+#.*$/, '').replace(/\s{2,}\(.*\)$/, '').trim();
      if (/^latch(\s|$)/.test(command)) commands.push(command);
    }
  }
  return commands;
}

function splitOutsideBrackets(line: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (char === '[') depth += 1;
    if (char === ']') depth -= 1;
    const chain = depth === 0 && (char === '|' || char === ';' || (char === '&' && line[i + 1] === '&'));
    if (!chain) current += char;
    else {
      parts.push(current);
      current = '';
      if (char === '&') i += 1;
    }
  }
  return [...parts, current];
}

/** A command as a shell would split it, each optional part taken as given with its first choice. */
function words(command: string): string[] {
  // `--account …` stands for a value; `--scope PERMISSION ...` for the option given again.
  let plain = command.replace(/(--[a-z-]+) …/g, '$1 VALUE').replace(/\s*(?:\.\.\.|…)(?=[\s\]]|$)/g, ' ');
  // Innermost brackets first: `[--project KEY [--repo SLUG] | --group PATH]` is `--project KEY --repo SLUG`.
  for (let before = ''; before !== plain; ) {
    before = plain;
    plain = plain.replace(/\[([^[\]]*)\]/g, (_, inner: string) => inner.split(' | ')[0]!);
  }
  return [...plain.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!).slice(1);
}

describe('the commands the README shows', () => {
  const commands = readmeCommands(readme);

  it('are many, from code blocks and inline code alike', () => {
    expect(commands.length).toBeGreaterThan(30);
  });

  // A placeholder for any command (latch COMMAND --help) is not one to check.
  it.each(commands.filter((command) => !/^latch (help )?\[?COMMAND\b/.test(command)))('%s', (command) => {
    const argv = words(command);
    // Named in a sentence without its options (`latch token get`): the words name a command.
    const named = argv.length > 0 && argv[0] !== 'help' && argv.every((word) => /^[a-z][a-z-]*$/.test(word));
    expect(() => parseArgs(named ? [...argv, '--help'] : argv, COMMANDS)).not.toThrow();
  });
});
