// Plain-text output: aligned columns and short dates for people; --json output is built elsewhere.
import { escapeUnsafe, printable } from '../../shared/terminal-text';
import { ownerPath, type TokenOwner } from '../../shared/owners';

/** Columns padded to the widest cell; the last column is not padded. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  // Cells hold names from hosts and files: one line each, no control sequence.
  const all = [header, ...rows].map((row) => row.map(printable));
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  return `${all.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n')}\n`;
}

/** 2026-11-27, or the given word for null. */
export function day(iso: string | null, none = '-'): string {
  return iso === null ? none : iso.slice(0, 10);
}

/** JSON for scripts; the control characters JSON leaves raw (DEL, C1, text reordering) are escaped, so the value survives the terminal guard whole. */
export function jsonLine(value: unknown): string {
  return `${escapeUnsafe(JSON.stringify(value, null, 2))}\n`;
}

/**
 * A token as a confirmation names it, as the app does: `"laptop" (token 000000000001, personal,
 * PROJECT_READ and REPO_WRITE)`. Names come from the host, so control characters are taken out.
 */
export function tokenWords(token: { id: string; name: string; owner: TokenOwner; scopes: readonly string[] }): string {
  const scopes = token.scopes.length > 0 ? `, ${token.scopes.map(printable).join(' and ')}` : '';
  return `"${printable(token.name)}" (token ${token.id}, ${ownerPath(token.owner)}${scopes})`;
}
