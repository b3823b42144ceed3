// Whose a token is. Kept apart from domain.ts so the host table can name owners without importing the
// domain, which itself names the host kinds the table defines.

/** Whose token it is: a user's own, or one that belongs to a project or a repository. */
export type TokenOwner =
  | { kind: 'user' }
  | { kind: 'project'; projectKey: string }
  | { kind: 'repository'; projectKey: string; repoSlug: string };

export function ownerPath(owner: TokenOwner): string {
  switch (owner.kind) {
    case 'user':
      return 'personal';
    case 'project':
      return `project ${owner.projectKey}`;
    case 'repository':
      return `repository ${owner.projectKey}/${owner.repoSlug}`;
  }
}
