// A login from the server becomes the account's username and is printed by the CLI: only a login's
// characters pass, so no control character reaches a terminal.
import { describe, expect, it } from 'vitest';
import { wireGitHubUser } from '../../../../electron/core/hosts/github/wire';

describe('GET /user login', () => {
  it('takes github.com logins and Enterprise managed users, and refuses control characters and spaces', () => {
    for (const login of ['octocat', 'Octo-Cat', 'octocat_acme']) expect(wireGitHubUser.safeParse({ login, id: 1 }).success).toBe(true);
    for (const login of ['', 'octo\u001b[31mcat', 'octo cat', 'octo\ncat', '-octocat']) expect(wireGitHubUser.safeParse({ login, id: 1 }).success).toBe(false);
  });
});
