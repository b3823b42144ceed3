// Text on its way to a terminal. Strings from outside (token names, a host's error words, display
// names, hosts read from files) may hold control sequences: an OSC 52 sets the clipboard, others
// move the cursor, rewrite earlier lines or retitle the window. None may reach the terminal.

/* eslint-disable no-control-regex */
/** C0 (line breaks and tabs included), DEL, C1, and the characters that reorder text on screen. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gu;
/** The same, less the line break the program itself writes. */
const UNSAFE_KEEPING_LINES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gu;
/* eslint-enable no-control-regex */

/** One string from outside, on one line: every control character becomes a space. */
export function printable(text: string): string {
  return text.replace(UNSAFE, ' ');
}

/**
 * A whole piece of output the program composed: its own line breaks stay, every other control
 * character goes. The last guard before stdout and stderr.
 */
export function terminalText(text: string): string {
  return text.replace(UNSAFE_KEEPING_LINES, ' ');
}

/** Characters JSON.stringify leaves raw that a terminal would act on. */
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** JSON text with those characters written as \u escapes: the same value, nothing a terminal acts on. */
export function escapeUnsafe(json: string): string {
  return json.replace(RAW_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
