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

/** Tokens whose name contains the filter text, ignoring case and surrounding spaces. */
export function filterTokens(tokens: readonly AccessToken[], filter: string): AccessToken[] {
  const wanted = filter.trim().toLocaleLowerCase();
  if (!wanted) return [...tokens];
  return tokens.filter((token) => token.name.toLocaleLowerCase().includes(wanted));
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compareDates(a: string | null, b: string | null, missingLast: number): number {
  if (a === b) return 0;
  if (a === null) return missingLast;
  if (b === null) return -missingLast;
  return Date.parse(a) - Date.parse(b);
}

/**
 * Sorts a copy. Missing dates count as "never": a token that never expires sorts after every dated
 * one when ascending; one never used sorts before every used one. Ties fall back to the name, then the id.
 */
export function sortTokens(tokens: readonly AccessToken[], order: SortOrder): AccessToken[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  const byColumn = (a: AccessToken, b: AccessToken): number => {
    switch (order.column) {
      case 'name':
        return collator.compare(a.name, b.name);
      case 'scopes':
        return collator.compare(a.scopes.join(' '), b.scopes.join(' '));
      case 'createdAt':
        return compareDates(a.createdAt, b.createdAt, -1);
      case 'expiresAt':
        return compareDates(a.expiresAt, b.expiresAt, 1);
      case 'lastUsedAt':
        return compareDates(a.lastUsedAt, b.lastUsedAt, -1);
    }
  };
  return [...tokens].sort(
    (a, b) => sign * byColumn(a, b) || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Clicking a column: the same column flips; a new one starts ascending (dates start newest first). */
export function nextSort(current: SortOrder, column: SortColumn): SortOrder {
  if (current.column === column) {
    return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  const newestFirst = column === 'createdAt' || column === 'lastUsedAt';
  return { column, direction: newestFirst ? 'descending' : 'ascending' };
}
