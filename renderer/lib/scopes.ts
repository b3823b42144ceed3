// A host's named scopes (its table entry) as the create form offers them: scopes written `read:x` and
// `write:x` become one choice per x, none, read, or read and write; any other scope is a choice of its own.
// Pure, so the grouping is tested without a browser.

export type ScopeLevel = 'none' | 'read' | 'write';

export interface ScopeCategory {
  /** `repository` for read:repository and write:repository. */
  name: string;
  /** The host's scope for each level it has. */
  read: string | null;
  write: string | null;
}

export function scopeCategories(scopes: readonly string[]): ScopeCategory[] {
  const byName = new Map<string, ScopeCategory>();
  for (const scope of scopes) {
    // Gitea writes read:repository, GitLab read_repository; GitLab's api is the write level of read_api.
    const match = /^(read|write)[:_](.+)$/.exec(scope);
    const name = match ? match[2]! : scope;
    const category = byName.get(name) ?? { name, read: null, write: null };
    if (match?.[1] === 'write' || (!match && scopes.includes(`read_${scope}`))) category.write = scope;
    else category.read = scope;
    byName.set(name, category);
  }
  return [...byName.values()];
}

/** The scopes to ask the host for: the chosen level's scope of each category (write implies read on the host). */
export function chosenScopes(categories: readonly ScopeCategory[], levels: Readonly<Record<string, ScopeLevel>>): string[] {
  const scopes: string[] = [];
  for (const category of categories) {
    const level = levels[category.name] ?? 'none';
    const scope = level === 'write' ? category.write : level === 'read' ? category.read : null;
    if (scope) scopes.push(scope);
  }
  return scopes;
}
