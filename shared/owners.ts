// Whose a token is. Kept apart from domain.ts so the host table can name owners without importing the
// domain, which itself names the host kinds the table defines.

/**
 * Whose token it is: a user's own, or one that belongs to a project, a repository or a group.
 * `projectKey` is a Bitbucket project key (PROJ), or on GitLab the project's full path (group/sub/app);
 * `groupPath` is a GitLab group's full path (group/sub).
 */
export type TokenOwner =
  | { kind: 'user' }
  | { kind: 'project'; projectKey: string }
  | { kind: 'repository'; projectKey: string; repoSlug: string }
  | { kind: 'group'; groupPath: string };

export function ownerPath(owner: TokenOwner): string {
  switch (owner.kind) {
    case 'user':
      return 'personal';
    case 'project':
      return `project ${owner.projectKey}`;
    case 'repository':
      return `repository ${owner.projectKey}/${owner.repoSlug}`;
    case 'group':
      return `group ${owner.groupPath}`;
  }
}

/** Bitbucket's project keys: letters, digits, _ ~ - (no slash). */
export const PROJECT_KEY_PATTERN = /^[A-Za-z0-9_~-]{1,128}$/;
/** GitLab's full paths of groups and projects: segments of letters, digits, _ . - joined by '/'. */
export const NAMESPACE_PATH_PATTERN = /^(?=.{1,255}$)[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/;
