// What a person does by hand about a GitLab token.
import { HOSTS } from '../../../../shared/hosts';
import type { ByHand } from '../plugin';

export function byHand(_recognition: unknown, _secret: string, seenAt: readonly string[], seen: string): ByHand {
  const url = HOSTS.gitlab.manageUrl?.(seenAt[0] ?? 'https://gitlab.com') ?? null;
  return {
    outcome: 'by-hand',
    sentence:
      `Latch could not revoke this GitLab token itself, so revoke it yourself now: a personal token under User settings → Access tokens (${url}), ` +
      "a project or group token under that project's or group's Settings → Access tokens." +
      seen,
    manageUrl: url,
  };
}
