import { describe, expect, it } from 'vitest';
import { tokenIdProblem } from '../../shared/token-id';

describe('token ids', () => {
  it('takes ids as hosts write them, leading zeros included', () => {
    for (const id of ['012345678901', '42', 'deploy_key-1']) expect(tokenIdProblem(id)).toBeNull();
  });

  it('refuses a secret in the id\'s place without quoting it, and points to the leak response', () => {
    const secret = `BBDC-${Buffer.from('012345678901:abcdefghijklmnop').toString('base64')}`;
    for (const text of [secret, 'ATATT3xFfGF0abc', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'glpat-abcdefghijklmnopqrst']) {
      const problem = tokenIdProblem(text);
      expect(problem).toMatch(/run: latch leak$/);
      expect(problem).not.toContain(text);
    }
  });

  it('refuses anything that could not be an id, such as a path or a URL', () => {
    for (const text of ['', '../1', '1/2', 'https://x', 'a'.repeat(65)]) expect(tokenIdProblem(text)).toMatch(/TOKEN_ID is the id/);
  });
});
