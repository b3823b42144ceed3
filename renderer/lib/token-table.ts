// Filtering and sorting the token table. Pure, so the rules are tested without a browser.
import type { AccessToken } from '../../shared/domain';

export const SORT_COLUMNS = ['name', 'scopes', 'createdAt', 'expiresAt', 'lastUsedAt'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = 'ascending' | 'descending';
export interface SortOrder {
  column: SortColumn;
  direction: SortDirection;
}

export const DEFAULT_SORT: SortOrder = { column: 'createdAt', direction: 'descending' };

// Each token's name in lower case, made once per token rather than once per token and keystroke. A token
// is replaced, never changed, when the list is read again, so the key cannot go stale.
const searchKeys = new WeakMap<AccessToken, string>();

function searchKey(token: AccessToken): string {
  let key = searchKeys.get(token);
  if (key === undefined) {
    key = token.name.toLocaleLowerCase();
    searchKeys.set(token, key);
  }
  return key;
}

/** Tokens whose name contains the filter text, ignoring case and surrounding spaces. */
export function filterTokens(tokens: readonly AccessToken[], filter: string): AccessToken[] {
  const wanted = filter.trim().toLocaleLowerCase();
  if (!wanted) return [...tokens];
  return tokens.filter((token) => searchKey(token).includes(wanted));
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** A date as a number to compare; a missing one as `missing` (±Infinity), so it sorts before or after every date. */
function dateKey(iso: string | null, missing: number): number {
  return iso === null ? missing : Date.parse(iso);
}

/** What a column sorts by, worked out once per token rather than in every comparison. */
function sortKey(token: AccessToken, column: SortColumn): number | string {
  switch (column) {
    case 'name':
      return token.name;
    case 'scopes':
      return token.scopes.join(' ');
    case 'createdAt':
      return dateKey(token.createdAt, -Infinity);
    case 'expiresAt':
      return dateKey(token.expiresAt, Infinity);
    case 'lastUsedAt':
      return dateKey(token.lastUsedAt, -Infinity);
  }
}

function compareKeys(a: number | string, b: number | string): number {
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  // Both numbers: equal infinities (two missing dates) tie rather than give NaN.
  return a === b ? 0 : (a as number) - (b as number);
}

/**
 * Sorts a copy. Missing dates count as "never": a token that never expires sorts after every dated
 * one when ascending; one never used sorts before every used one. Ties fall back to the name, then the id.
 */
export function sortTokens(tokens: readonly AccessToken[], order: SortOrder): AccessToken[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  const keyed = tokens.map((token) => ({ token, key: sortKey(token, order.column) }));
  keyed.sort(
    (a, b) =>
      sign * compareKeys(a.key, b.key) ||
      collator.compare(a.token.name, b.token.name) ||
      (a.token.id < b.token.id ? -1 : a.token.id > b.token.id ? 1 : 0),
  );
  return keyed.map((item) => item.token);
}

/** Clicking a column: the same column flips; a new one starts ascending (dates start newest first). */
export function nextSort(current: SortOrder, column: SortColumn): SortOrder {
  if (current.column === column) {
    return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  const newestFirst = column === 'createdAt' || column === 'lastUsedAt';
  return { column, direction: newestFirst ? 'descending' : 'ascending' };
}
