// The search across every account and the keyboard shortcuts, as pure rules: what matches, and which
// key press means what on each platform (and nothing while typing in a field).
import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/domain';
import { searchEverything } from '../../renderer/lib/search';
import { keyLabel, SHORTCUTS, shortcutFor } from '../../renderer/lib/shortcuts';
import { token } from './fixtures';

const account = (id: string, host: AccountView['host'], baseUrl: string, username: string): AccountView => ({
  id,
  host,
  baseUrl,
  username,
  userSlug: username,
  displayName: username,
  rememberPassword: false,
  isDefault: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  lock: { state: 'no-password' },
});

const dc = account('a', 'bitbucket-datacenter', 'https://bitbucket.example.com', 'alice');
const cloud = account('b', 'bitbucket-cloud', 'https://bitbucket.org', 'alice@example.com');
const tokens: Record<string, ReturnType<typeof token>[]> = {
  a: [token('012345678901', 'Jenkins', { scopes: ['PROJECT_READ', 'REPO_WRITE'] }), token('012345678902', 'laptop')],
  b: [token('pasted-1', 'Sourcetree', { scopes: [] })],
};
const search = (query: string) =>
  searchEverything(query, [dc, cloud], (id) => tokens[id] ?? []).map((hit) => (hit.kind === 'account' ? `account ${hit.account.id}` : `${hit.account.id} ${hit.token.name}`));

describe('searching every account', () => {
  it('finds tokens by name, id and permission (as the host writes it or as the window says it), and accounts by host', () => {
    expect(search('jenk')).toEqual(['a Jenkins']);
    expect(search('012345678902')).toEqual(['a laptop']);
    expect(search('REPO_WRITE')).toEqual(['a Jenkins']);
    expect(search('repository write')).toEqual(['a Jenkins']);
    expect(search('bitbucket.org')).toEqual(['account b', 'b Sourcetree']);
    expect(search('Bitbucket Cloud sourcetree')).toEqual(['b Sourcetree']);
  });

  it('finds nothing for an empty query or one that matches nothing', () => {
    expect(search('   ')).toEqual([]);
    expect(search('nothing like it')).toEqual([]);
  });
});

describe('keyboard shortcuts', () => {
  const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; alt?: boolean } = {}, inField = false) => ({
    key,
    ctrlKey: mods.ctrl ?? false,
    metaKey: mods.meta ?? false,
    altKey: mods.alt ?? false,
    inField,
  });

  it('uses Ctrl elsewhere and ⌘ on macOS, never both, and no plain key while typing', () => {
    expect(shortcutFor(press('k', { ctrl: true }), false)).toBe('search');
    expect(shortcutFor(press('K', { ctrl: true }), false)).toBe('search');
    expect(shortcutFor(press('k', { meta: true }), false)).toBeNull();
    expect(shortcutFor(press('k', { meta: true }), true)).toBe('search');
    expect(shortcutFor(press('n', { ctrl: true, alt: true }), false)).toBeNull();
    expect(shortcutFor(press(',', { ctrl: true }), false)).toBe('settings');
    expect(shortcutFor(press('?'), false)).toBe('help');
    expect(shortcutFor(press('?', {}, true), false)).toBeNull();
    // Mod shortcuts work from a field too: Ctrl+K from the filter opens the search.
    expect(shortcutFor(press('k', { ctrl: true }, true), false)).toBe('search');
    expect(shortcutFor(press('x', { ctrl: true }), false)).toBeNull();
  });

  it('lists each shortcut the way the platform writes it', () => {
    const search = SHORTCUTS.find((shortcut) => shortcut.action === 'search')!;
    expect([keyLabel(search, false), keyLabel(search, true)]).toEqual(['Ctrl+K', '⌘K']);
    expect(new Set(SHORTCUTS.map((shortcut) => `${shortcut.mod}${shortcut.key}`)).size).toBe(SHORTCUTS.length);
  });
});
