// The checks a real Bitbucket Data Center makes on a token request body, as the simulator's 400s.
// Kept apart from the server so the rules read as a list.

export type SimOwner =
  | { kind: 'user'; userSlug: string }
  | { kind: 'project'; projectKey: string }
  | { kind: 'repository'; projectKey: string; repoSlug: string };

const LEVELS = ['READ', 'WRITE', 'ADMIN'];
const PERMISSION = /^(PROJECT|REPO)_(READ|WRITE|ADMIN)$/;

export interface TokenFields {
  name: string;
  permissions: string[];
  expiryDays: number | null;
}

/** A 400's message, or the fields when the body is acceptable. `partial` is an update (POST): absent fields stay. */
export function checkTokenBody(body: unknown, owner: SimOwner, partial: boolean): { error: string } | { fields: Partial<TokenFields> } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { error: 'The request body must be a JSON object.' };
  const input = body as Record<string, unknown>;
  const fields: Partial<TokenFields> = {};

  if (input.name !== undefined || !partial) {
    if (typeof input.name !== 'string' || input.name.trim() === '') return { error: 'A token name is required.' };
    if (input.name.length > 255) return { error: 'The token name must be 255 characters or fewer.' };
    fields.name = input.name;
  }

  if (input.permissions !== undefined || !partial) {
    if (!Array.isArray(input.permissions) || input.permissions.length === 0) {
      return { error: 'At least one permission is required.' };
    }
    let project: number | null = null;
    let repo: number | null = null;
    for (const permission of input.permissions) {
      const match = typeof permission === 'string' ? PERMISSION.exec(permission) : null;
      if (!match) return { error: `${JSON.stringify(permission)} is not a valid permission.` };
      const rank = LEVELS.indexOf(match[2]!);
      if (match[1] === 'PROJECT') {
        if (owner.kind === 'repository') return { error: 'Repository tokens cannot be granted project permissions.' };
        if (project !== null) return { error: 'Only one project permission may be given.' };
        project = rank;
      } else {
        if (repo !== null) return { error: 'Only one repository permission may be given.' };
        repo = rank;
      }
    }
    if (repo === null) return { error: 'A repository permission is required.' };
    if (owner.kind !== 'repository' && project === null) return { error: 'A project permission is required.' };
    if (project !== null && repo < project) {
      return { error: 'The repository permission must be at least as high as the project permission.' };
    }
    fields.permissions = input.permissions as string[];
  }

  if (!partial && input.expiryDays !== undefined && input.expiryDays !== null) {
    const days = input.expiryDays;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) return { error: 'expiryDays must be a positive whole number of days.' };
    fields.expiryDays = days;
  }
  return { fields };
}
