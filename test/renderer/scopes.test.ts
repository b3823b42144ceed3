import { describe, expect, it } from 'vitest';
import { HOSTS } from '../../shared/hosts';
import { chosenScopes, scopeCategories } from '../../renderer/lib/scopes';
import { formatAge, isOldToken } from '../../renderer/lib/format';

const DAY = 86_400_000;

describe('named scopes as the create form offers them', () => {
  it('groups Gitea’s read and write scopes by what they touch, in the host table’s order', () => {
    const categories = scopeCategories(HOSTS.gitea.namedScopes ?? []);
    expect(categories.map((category) => category.name)).toEqual([
      'repository',
      'user',
      'organization',
      'issue',
      'package',
      'notification',
      'misc',
      'activitypub',
      'admin',
    ]);
    expect(categories[0]).toEqual({ name: 'repository', read: 'read:repository', write: 'write:repository' });
  });

  it('asks for the chosen level’s scope only, and nothing for "No access"', () => {
    const categories = scopeCategories(HOSTS.gitea.namedScopes ?? []);
    expect(chosenScopes(categories, { repository: 'write', issue: 'read', user: 'none' })).toEqual(['write:repository', 'read:issue']);
    expect(chosenScopes(categories, {})).toEqual([]);
  });

  it('keeps a scope without read or write as a choice of its own', () => {
    expect(scopeCategories(['repo', 'read:user'])).toEqual([
      { name: 'repo', read: 'repo', write: null },
      { name: 'user', read: 'read:user', write: null },
    ]);
  });
});

describe('a token’s age, where tokens never expire', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');
  const ago = (days: number) => new Date(now - days * DAY).toISOString();

  it('says how old it is in words', () => {
    expect(formatAge(null, now)).toBeNull();
    expect(formatAge(ago(0), now)).toBe('made today');
    expect(formatAge(ago(1), now)).toBe('1 day old');
    expect(formatAge(ago(45), now)).toBe('45 days old');
    expect(formatAge(ago(100), now)).toBe('3 months old');
    expect(formatAge(ago(366), now)).toBe('1 year old');
    expect(formatAge(ago(400), now)).toBe('1 year and 1 month old');
    expect(formatAge(ago(800), now)).toBe('2 years and 2 months old');
  });

  it('calls a token old past a year', () => {
    expect(isOldToken(ago(365), now)).toBe(false);
    expect(isOldToken(ago(366), now)).toBe(true);
    expect(isOldToken(null, now)).toBe(false);
  });
});

describe("GitLab's scopes", () => {
  it('pairs read_x with write_x, makes api the write level of read_api, and leaves the others on their own', () => {
    const categories = scopeCategories(HOSTS.gitlab.namedScopes ?? []);
    expect(categories.find((category) => category.name === 'repository')).toEqual({ name: 'repository', read: 'read_repository', write: 'write_repository' });
    expect(categories.find((category) => category.name === 'api')).toEqual({ name: 'api', read: 'read_api', write: 'api' });
    expect(categories.find((category) => category.name === 'create_runner')).toEqual({ name: 'create_runner', read: 'create_runner', write: null });
    expect(chosenScopes(categories, { repository: 'write', api: 'read', create_runner: 'read' })).toEqual(['write_repository', 'read_api', 'create_runner']);
  });
});
