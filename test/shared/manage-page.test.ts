import { describe, expect, it } from 'vitest';
import { managePageUrl } from '../../shared/hosts';
import { LatchError } from '../../shared/result';

const refusal = (run: () => unknown): LatchError => {
  try {
    run();
  } catch (error) {
    if (error instanceof LatchError) return error;
  }
  throw new Error('expected a LatchError');
};

describe("a host's token page, for the system browser", () => {
  it('is built from the host and a checked server address', () => {
    expect(managePageUrl('bitbucket-cloud', null)).toBe('https://id.atlassian.com/manage-profile/security/api-tokens');
    expect(managePageUrl('bitbucket-datacenter', 'https://git.example.com/bitbucket/')).toBe(
      'https://git.example.com/bitbucket/plugins/servlet/access-tokens/manage',
    );
    expect(managePageUrl('gitea', 'http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000/user/settings/applications');
  });

  it('never opens a page without a server, over plain http elsewhere, or from anything but a web address', () => {
    expect(refusal(() => managePageUrl('gitlab', null))).toMatchObject({ code: 'validation', message: 'Enter the GitLab server address first.' });
    expect(refusal(() => managePageUrl('gitea', 'http://git.example.com')).code).toBe('insecure-url');
    for (const address of ['javascript:alert(1)', 'file:///etc/passwd', 'latch://app/index.html']) {
      expect(['validation', 'insecure-url']).toContain(refusal(() => managePageUrl('bitbucket-datacenter', address)).code);
    }
  });
});
