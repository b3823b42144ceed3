import type { AccessToken } from '../../shared/domain';

/** A personal Data Center token as the renderer receives it; `extra` overrides any field. */
export const token = (id: string, name: string, extra: Partial<AccessToken> = {}): AccessToken => ({
  id,
  name,
  scopes: ['PROJECT_READ', 'REPO_READ'],
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: null,
  lastUsedAt: null,
  owner: { kind: 'user' },
  stored: false,
  rejected: false,
  onHost: true,
  ...extra,
});
