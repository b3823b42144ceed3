import { describe, expect, it } from 'vitest';
import type { AccessToken } from '../../shared/domain';
import { DEFAULT_SORT, filterTokens, nextSort, sortTokens } from '../../renderer/lib/token-table';
import { token } from './fixtures';


const tokens = [
  token('000000000003', 'renovate', { createdAt: '2026-03-01T00:00:00.000Z', expiresAt: null, lastUsedAt: '2026-05-01T00:00:00.000Z', scopes: ['PROJECT_READ', 'REPO_WRITE'] }),
  token('000000000001', 'Jenkins agent 10', { createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-02-01T00:00:00.000Z' }),
  token('000000000002', 'Jenkins agent 9', { createdAt: '2026-02-01T00:00:00.000Z', expiresAt: '2027-01-01T00:00:00.000Z', scopes: ['PROJECT_ADMIN', 'REPO_ADMIN'] }),
];
const names = (list: AccessToken[]) => list.map((item) => item.name);

describe('filtering the token table', () => {
  it('matches part of the name, ignoring case and surrounding spaces', () => {
    expect(names(filterTokens(tokens, '  JENKINS '))).toEqual(['Jenkins agent 10', 'Jenkins agent 9']);
    expect(names(filterTokens(tokens, 'novat'))).toEqual(['renovate']);
  });

  it('finds a token by its new name once the list brings it renamed', () => {
    expect(names(filterTokens(tokens, 'renovate'))).toEqual(['renovate']);
    const renamed = [{ ...tokens[0]!, name: 'Dependabot' }, ...tokens.slice(1)];
    expect(names(filterTokens(renamed, 'renovate'))).toEqual([]);
    expect(names(filterTokens(renamed, 'DEPEND'))).toEqual(['Dependabot']);
  });

  it('shows everything for an empty filter and nothing for a name no token has', () => {
    expect(filterTokens(tokens, '   ')).toHaveLength(3);
    expect(filterTokens(tokens, 'gitlab')).toEqual([]);
  });
});

describe('sorting the token table', () => {
  it('sorts names as people read them: case-insensitive, numbers by value', () => {
    expect(names(sortTokens(tokens, { column: 'name', direction: 'ascending' }))).toEqual(['Jenkins agent 9', 'Jenkins agent 10', 'renovate']);
    expect(names(sortTokens(tokens, { column: 'name', direction: 'descending' }))).toEqual(['renovate', 'Jenkins agent 10', 'Jenkins agent 9']);
  });

  it('puts tokens that never expire after every dated one when ascending', () => {
    expect(names(sortTokens(tokens, { column: 'expiresAt', direction: 'ascending' }))).toEqual(['Jenkins agent 10', 'Jenkins agent 9', 'renovate']);
    expect(names(sortTokens(tokens, { column: 'expiresAt', direction: 'descending' }))[0]).toBe('renovate');
  });

  it('puts never-used tokens first when ascending by last use, and breaks ties by name', () => {
    expect(names(sortTokens(tokens, { column: 'lastUsedAt', direction: 'ascending' }))).toEqual(['Jenkins agent 9', 'Jenkins agent 10', 'renovate']);
  });

  it('sorts by creation and by permissions', () => {
    expect(names(sortTokens(tokens, DEFAULT_SORT))).toEqual(['renovate', 'Jenkins agent 9', 'Jenkins agent 10']);
    expect(names(sortTokens(tokens, { column: 'scopes', direction: 'ascending' }))[0]).toBe('Jenkins agent 9');
  });

  it('ties tokens that both lack a date and orders them by name, whichever the direction', () => {
    const undated = [token('000000000005', 'b never'), token('000000000004', 'a never'), tokens[1]!];
    expect(names(sortTokens(undated, { column: 'expiresAt', direction: 'ascending' }))).toEqual(['Jenkins agent 10', 'a never', 'b never']);
    expect(names(sortTokens(undated, { column: 'expiresAt', direction: 'descending' }))).toEqual(['a never', 'b never', 'Jenkins agent 10']);
    // None of them was ever used: all tie, so the names decide in both directions.
    expect(names(sortTokens(undated, { column: 'lastUsedAt', direction: 'descending' }))).toEqual(['a never', 'b never', 'Jenkins agent 10']);
  });

  it('never reorders the list it was given', () => {
    const before = names(tokens);
    sortTokens(tokens, { column: 'name', direction: 'ascending' });
    expect(names(tokens)).toEqual(before);
  });

  it('flips the direction on the same column; starts dates newest first and text A to Z', () => {
    expect(nextSort({ column: 'name', direction: 'ascending' }, 'name')).toEqual({ column: 'name', direction: 'descending' });
    expect(nextSort({ column: 'name', direction: 'ascending' }, 'createdAt')).toEqual({ column: 'createdAt', direction: 'descending' });
    expect(nextSort(DEFAULT_SORT, 'expiresAt')).toEqual({ column: 'expiresAt', direction: 'ascending' });
  });
});
