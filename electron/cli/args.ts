// A small argument parser for `latch`: commands of one or two words, `--name value` or `--name=value`
// options, boolean flags, repeatable options, positionals and, for `exec`, everything after `--`.
// Anything it does not understand is a usage error: exit 2 with a one-line hint, and "did you mean"
// where a command or option is close to one that exists. Help (`--help`, `help WORDS`, a group's
// help), the version and those hints all come from the command list, so a command added there
// gets them without more code.
import { closest } from './suggest';

export type OptionKind = 'string' | 'boolean' | 'list';

export interface OptionSpec {
  kind: OptionKind;
  required?: boolean;
  /** Shown in usage, e.g. URL. */
  value?: string;
}

export interface CommandSpec {
  /** e.g. ['token', 'create']. */
  words: readonly string[];
  options: Readonly<Record<string, OptionSpec>>;
  /** Names of required positionals, in order. */
  positionals?: readonly string[];
  /** Takes a command line after `--` (exec). */
  rest?: string;
  /**
   * The usage lines to show instead of the one built from `options`, for a command whose options
   * depend on the host (account add); the command itself then checks which ones it needs.
   */
  usage?: readonly string[];
  summary: string;
  /** More lines for the command's help: what values mean, defaults (shown under the usage). */
  details?: () => readonly string[];
}

export interface ParsedArgs {
  command: CommandSpec;
  options: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  rest: string[];
}

export type ParseOutcome = { kind: 'run'; args: ParsedArgs } | { kind: 'help'; text: string } | { kind: 'version' };

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function usageLines(spec: CommandSpec): string[] {
  return spec.usage ? [...spec.usage] : [usageLine(spec)];
}

function usageLine(spec: CommandSpec): string {
  const parts = ['latch', ...spec.words];
  for (const name of spec.positionals ?? []) parts.push(name);
  for (const [name, option] of Object.entries(spec.options)) {
    const word = option.kind === 'boolean' ? `--${name}` : `--${name} ${option.value ?? name.toUpperCase()}`;
    const shown = option.kind === 'list' ? `${word} [${word} ...]` : word;
    parts.push(option.required ? shown : `[${shown}]`);
  }
  if (spec.rest) parts.push(`-- ${spec.rest}`);
  return parts.join(' ');
}

function commandHelp(spec: CommandSpec): string[] {
  const lines = usageLines(spec).map((line) => `  ${line}`);
  lines.push(`      ${spec.summary}`);
  for (const line of spec.details?.() ?? []) lines.push(`      ${line}`);
  return lines;
}

function helpText(specs: readonly CommandSpec[], all: readonly CommandSpec[]): string {
  const lines = ['Usage:'];
  for (const spec of specs) lines.push(...commandHelp(spec));
  if (specs.length < all.length) lines.push('', 'latch --help lists every command.');
  lines.push('', 'Exit codes: 0 success; 1 the host, network, keychain or you refused it (one sentence on stderr); 2 a usage error (a one-line hint).');
  lines.push('latch -v prints the version. LATCH_HOME sets where Latch keeps its non-secret data.');
  return lines.join('\n');
}

/** One command's help: its usage lines, what it does, and its details. */
function oneCommandHelp(spec: CommandSpec): string {
  const [first, ...more] = usageLines(spec);
  const lines = [`Usage: ${first}`, ...more.map((line) => `       ${line}`), `  ${spec.summary}`];
  for (const line of spec.details?.() ?? []) lines.push(`  ${line}`);
  return lines.join('\n');
}

const didYouMean = (given: string, choices: readonly string[], show = (choice: string) => choice) => {
  const near = closest(given, choices);
  return near === null ? '' : ` Did you mean ${show(near)}?`;
};

const commandName = (words: readonly string[]) => `latch ${words.join(' ')}`;

function findCommand(argv: readonly string[], specs: readonly CommandSpec[]): { spec: CommandSpec; used: number } {
  const words: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) break;
    words.push(arg);
    if (words.length === 2) break;
  }
  // The longest command that matches the leading words.
  const found = [...specs]
    .sort((a, b) => b.words.length - a.words.length)
    .find((spec) => spec.words.every((word, i) => words[i] === word));
  if (found) return { spec: found, used: found.words.length };
  const first = words[0];
  const group = first ? specs.filter((spec) => spec.words[0] === first) : [];
  if (group.length > 0) {
    const subcommands = group.map((spec) => spec.words[1]).filter((word): word is string => word !== undefined);
    const choices = subcommands.join(', ');
    const given = words[1];
    throw new UsageError(
      given
        ? `"${commandName([first!, given])}" is not a command; try one of: ${choices}.${didYouMean(given, subcommands, (near) => commandName([first!, near]))}`
        : `"${commandName([first!])}" needs a subcommand: ${choices}.`,
    );
  }
  if (!first) throw new UsageError('Give a command; run latch --help for the list.');
  const firstWords = [...new Set(specs.map((spec) => spec.words[0]!))];
  throw new UsageError(`"${first}" is not a latch command; run latch --help for the list.${didYouMean(first, firstWords, (near) => commandName([near]))}`);
}

/** The commands whose leading words are these (a group such as `token`, or one command), or null. */
function commandsUnder(words: readonly string[], specs: readonly CommandSpec[]): CommandSpec[] | null {
  const found = specs.filter((spec) => words.every((word, i) => spec.words[i] === word));
  return words.length > 0 && found.length > 0 ? found : null;
}

const HELP_WORDS = new Set(['--help', '-h']);
const VERSION_WORDS = new Set(['--version', '-v', '-V']);

export function parseArgs(argv: readonly string[], specs: readonly CommandSpec[]): ParseOutcome {
  if (argv.length === 0 || HELP_WORDS.has(argv[0]!)) return { kind: 'help', text: helpText(specs, specs) };
  if (VERSION_WORDS.has(argv[0]!)) return { kind: 'version' };
  // `latch help token`, `latch help token create`, as git and gh take it.
  if (argv[0] === 'help') {
    const words = argv.slice(1);
    if (words.length === 0) return { kind: 'help', text: helpText(specs, specs) };
    const found = commandsUnder(words, specs);
    if (!found) {
      findCommand(words, specs); // says what is wrong with the words, with a suggestion
      throw new UsageError(`latch help takes a command's words, e.g. latch help token create.`);
    }
    const one = found!.length === 1 && found![0]!.words.length === words.length ? found![0]! : null;
    return { kind: 'help', text: one ? oneCommandHelp(one) : helpText(found!, specs) };
  }
  // `latch token --help`: the group's help, not an error about a missing subcommand.
  const group = commandsUnder(argv.slice(0, 1), specs);
  if (group && argv.length > 1 && HELP_WORDS.has(argv[1]!) && !group.some((spec) => spec.words.length === 1)) {
    return { kind: 'help', text: helpText(group, specs) };
  }

  const { spec, used } = findCommand(argv, specs);
  const name = commandName(spec.words);
  const hint = `see latch ${spec.words.join(' ')} --help`;
  const options: ParsedArgs['options'] = {};
  const positionals: string[] = [];
  let rest: string[] = [];

  for (let i = used; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') {
      if (spec.rest) {
        rest = argv.slice(i + 1);
        break;
      }
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (HELP_WORDS.has(arg)) return { kind: 'help', text: oneCommandHelp(spec) };
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    // Only the option letter: `-pSECRET` is how some tools take a password, and stderr ends up in logs.
    if (!arg.startsWith('--')) throw new UsageError(`${name} has no option ${arg.slice(0, 2)}; ${hint}.`);
    const eq = arg.indexOf('=');
    const optionName = arg.slice(2, eq === -1 ? undefined : eq);
    const option = Object.hasOwn(spec.options, optionName) ? spec.options[optionName] : undefined;
    if (!option) {
      throw new UsageError(`${name} has no option --${optionName}; ${hint}.${didYouMean(optionName, Object.keys(spec.options), (near) => `--${near}`)}`);
    }
    if (option.kind === 'boolean') {
      if (eq !== -1) throw new UsageError(`--${optionName} takes no value; ${hint}.`);
      options[optionName] = true;
      continue;
    }
    let value: string;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      // `--name --json` is almost always a forgotten value; `--name=--json` says it on purpose.
      if (next === undefined || next.startsWith('--')) throw new UsageError(`--${optionName} needs a value; ${hint}.`);
      value = next;
      i += 1;
    }
    if (option.kind === 'list') options[optionName] = [...((options[optionName] as string[] | undefined) ?? []), value];
    else if (options[optionName] !== undefined) throw new UsageError(`--${optionName} was given twice; ${hint}.`);
    else options[optionName] = value;
  }

  for (const [optionName, option] of Object.entries(spec.options)) {
    if (option.required && options[optionName] === undefined) throw new UsageError(`${name} needs --${optionName}; ${hint}.`);
  }
  const wanted = spec.positionals ?? [];
  if (positionals.length < wanted.length) throw new UsageError(`${name} needs ${wanted.slice(positionals.length).join(' ')}; ${hint}.`);
  // The stray argument is not quoted back: it may be a password typed where a flag was meant.
  if (positionals.length > wanted.length) {
    const extra = positionals.length - wanted.length;
    throw new UsageError(`${name} was given ${extra} argument${extra === 1 ? '' : 's'} more than it takes; ${hint}.`);
  }
  if (spec.rest && rest.length === 0) throw new UsageError(`${name} needs a command after --; ${hint}.`);
  return { kind: 'run', args: { command: spec, options, positionals, rest } };
}

/** Typed access to parsed options for command code. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.options[name] === true;
}

export function listOption(args: ParsedArgs, name: string): string[] {
  const value = args.options[name];
  return Array.isArray(value) ? value : [];
}

/**
 * A string option the command needs in this case although the spec cannot say so (it depends on
 * another option, e.g. the host); the same usage error the parser gives for a required one.
 */
export function neededOption(args: ParsedArgs, name: string, when = ''): string {
  const value = stringOption(args, name);
  if (value === undefined) {
    const words = args.command.words.join(' ');
    throw new UsageError(`latch ${words} needs --${name}${when ? ` ${when}` : ''}; see latch ${words} --help.`);
  }
  return value;
}

/** Refuses options that mean nothing in this case (e.g. a password for an account that has none). */
export function refuseOptions(args: ParsedArgs, names: readonly string[], why: string): void {
  const given = names.filter((name) => args.options[name] !== undefined);
  if (given.length > 0) throw new UsageError(`${given.map((name) => `--${name}`).join(' and ')} ${given.length === 1 ? 'is' : 'are'} not for ${why}; see latch ${args.command.words.join(' ')} --help.`);
}
