import { describe, expect, it } from 'vitest';
import { checkPermissions, fromScopes, toScopes } from '../../shared/permissions';

describe('Bitbucket Data Center permission rule', () => {
  it('accepts a repository level at least the project level', () => {
    expect(checkPermissions({ project: 'READ', repository: 'WRITE' }, { kind: 'user' })).toBeNull();
    expect(checkPermissions({ project: 'WRITE', repository: 'WRITE' }, { kind: 'user' })).toBeNull();
  });
  it('refuses a repository level below the project level, naming the floor', () => {
    expect(checkPermissions({ project: 'ADMIN', repository: 'WRITE' }, { kind: 'user' })).toMatch(/at least the project permission \(admin\)/);
  });
  it('refuses a project permission on a repository token', () => {
    const owner = { kind: 'repository', projectKey: 'P', repoSlug: 'r' } as const;
    expect(checkPermissions({ project: 'READ', repository: 'READ' }, owner)).toMatch(/no project permission/);
    expect(checkPermissions({ project: null, repository: 'READ' }, owner)).toBeNull();
  });
  it('needs a project permission on personal and project tokens', () => {
    expect(checkPermissions({ project: null, repository: 'READ' }, { kind: 'user' })).toMatch(/project permission/);
  });
  it('round-trips scopes', () => {
    expect(toScopes({ project: 'READ', repository: 'ADMIN' })).toEqual(['PROJECT_READ', 'REPO_ADMIN']);
    expect(fromScopes(['project_read', 'REPO_ADMIN'])).toEqual({ choice: { project: 'READ', repository: 'ADMIN' } });
    expect(fromScopes(['REPO_ROOT'])).toHaveProperty('error');
    expect(fromScopes(['PROJECT_READ'])).toHaveProperty('error');
    expect(fromScopes(['REPO_READ', 'REPO_WRITE'])).toHaveProperty('error');
  });
});
