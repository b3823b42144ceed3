// Bitbucket Data Center's permission rule: one project level and one repository level, the repository
// level at least as high as the project level; repository-owned tokens take no project permission.
import type { TokenOwner } from './domain';

export const LEVELS = ['READ', 'WRITE', 'ADMIN'] as const;
export type Level = (typeof LEVELS)[number];
export type ProjectPermission = `PROJECT_${Level}`;
export type RepoPermission = `REPO_${Level}`;
export const PROJECT_PERMISSIONS: ProjectPermission[] = ['PROJECT_READ', 'PROJECT_WRITE', 'PROJECT_ADMIN'];
export const REPO_PERMISSIONS: RepoPermission[] = ['REPO_READ', 'REPO_WRITE', 'REPO_ADMIN'];

const rank = (level: Level): number => LEVELS.indexOf(level);

export interface PermissionChoice {
  project: Level | null;
  repository: Level;
}

/** Returns a sentence for a person when the choice breaks the host's rule, else null. */
export function checkPermissions(choice: PermissionChoice, owner: TokenOwner): string | null {
  if (owner.kind === 'repository' && choice.project !== null) {
    return 'A repository token takes no project permission: choose only a repository permission.';
  }
  if (owner.kind !== 'repository' && choice.project === null) {
    return 'Choose a project permission.';
  }
  if (choice.project !== null && rank(choice.repository) < rank(choice.project)) {
    return `The repository permission must be at least the project permission (${choice.project.toLowerCase()}).`;
  }
  return null;
}

export function toScopes(choice: PermissionChoice): string[] {
  const scopes: string[] = [];
  if (choice.project) scopes.push(`PROJECT_${choice.project}`);
  scopes.push(`REPO_${choice.repository}`);
  return scopes;
}

/** Reads `--scope` values or stored scopes back into a choice; null with a reason when they make no sense. */
export function fromScopes(scopes: readonly string[]): { choice: PermissionChoice } | { error: string } {
  let project: Level | null = null;
  let repository: Level | null = null;
  for (const scope of scopes) {
    const match = /^(PROJECT|REPO)_(READ|WRITE|ADMIN)$/.exec(scope.trim().toUpperCase());
    if (!match) {
      return { error: `"${scope}" is not a Bitbucket Data Center permission. Use one of ${[...PROJECT_PERMISSIONS, ...REPO_PERMISSIONS].join(', ')}.` };
    }
    const [, kind, level] = match as unknown as [string, 'PROJECT' | 'REPO', Level];
    if (kind === 'PROJECT') {
      if (project) return { error: 'Give one project permission only.' };
      project = level;
    } else {
      if (repository) return { error: 'Give one repository permission only.' };
      repository = level;
    }
  }
  if (!repository) return { error: 'Give a repository permission (REPO_READ, REPO_WRITE or REPO_ADMIN).' };
  return { choice: { project, repository } };
}
