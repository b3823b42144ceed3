// The JSON the simulator answers, field for field as the Go structs of each flavour marshal them
// (modules/structs; hosts-next.md §1.4): token fields by flavour and version, the current user, the
// API settings and the error bodies. Dates are RFC 3339 in UTC, as Go writes time.Time.
import { createHash } from 'node:crypto';
import type { GiteaRepo, GiteaToken, GiteaUser } from './gitea-store';

export interface WireOptions {
  flavor: 'gitea' | 'forgejo';
  baseUrl: string;
  /** Answer as servers before Gitea 1.27 / Forgejo 16 did: no created_at or last_used_at. */
  legacyTokenFields: boolean;
  /** Forgejo ≥ 15 has repository-specific tokens and the `repositories` field. */
  repositoryTokens: boolean;
  /** Gitea before 1.22.3 answered a create with `scopes: null`. */
  legacyCreate: boolean;
}

export const goTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Go marshals an empty slice that was never made as null; the servers' StringSlice of "" is such a slice. */
const scopeSlice = (scopes: string[]): string[] | null => (scopes.length === 0 ? null : [...scopes]);

function repositoryMeta(repo: GiteaRepo): Record<string, unknown> {
  return { id: repo.id, name: repo.name, owner: repo.owner, full_name: `${repo.owner}/${repo.name}` };
}

/** A token as the list shows it: the secret is never there (`sha1` is empty). */
export function listedToken(token: GiteaToken, options: WireOptions): Record<string, unknown> {
  return {
    id: token.id,
    name: token.name,
    sha1: '',
    token_last_eight: token.lastEight,
    scopes: scopeSlice(token.scopes),
    ...(options.legacyTokenFields ? {} : { created_at: goTime(token.createdAt) }),
    // Gitea reports the row's update time, which is the creation time until the token is used.
    ...(options.legacyTokenFields || options.flavor === 'forgejo' ? {} : { last_used_at: goTime(token.lastUsedAt ?? token.createdAt) }),
    ...(options.repositoryTokens ? { repositories: token.repositories ? token.repositories.map(repositoryMeta) : null } : {}),
  };
}

/** The create answer: the only time the secret is shown, in `sha1`. */
export function createdToken(token: GiteaToken, secret: string, options: WireOptions): Record<string, unknown> {
  return {
    id: token.id,
    name: token.name,
    sha1: secret,
    token_last_eight: token.lastEight,
    scopes: options.legacyCreate ? null : scopeSlice(token.scopes),
    ...(options.repositoryTokens ? { repositories: token.repositories ? token.repositories.map(repositoryMeta) : null } : {}),
  };
}

/** Gitea ≥ 1.27, GET /token: the calling token's metadata and owner. */
export function currentToken(token: GiteaToken, user: GiteaUser): Record<string, unknown> {
  return {
    id: token.id,
    name: token.name,
    scopes: scopeSlice(token.scopes),
    created_at: goTime(token.createdAt),
    last_used_at: goTime(token.lastUsedAt ?? token.createdAt),
    user: { id: user.id, login: user.username },
  };
}

export function wireUser(user: GiteaUser, options: WireOptions): Record<string, unknown> {
  const gravatar = createHash('md5').update(user.email.toLowerCase()).digest('hex');
  return {
    id: user.id,
    login: user.username,
    login_name: '',
    source_id: 0,
    full_name: user.fullName,
    email: user.email,
    avatar_url: `${options.baseUrl}/avatars/${gravatar}`,
    html_url: `${options.baseUrl}/${user.username}`,
    language: '',
    is_admin: false,
    last_login: goTime(user.createdAt),
    created: goTime(user.createdAt),
    restricted: false,
    active: true,
    prohibit_login: false,
    location: '',
    website: '',
    description: '',
    visibility: 'public',
    followers_count: 0,
    following_count: 0,
    starred_repos_count: 0,
    ...(options.flavor === 'forgejo' ? { pronouns: '' } : {}),
  };
}

export function apiSettings(flavor: 'gitea' | 'forgejo', maxResponseItems: number, defaultPagingNum: number): Record<string, unknown> {
  return {
    max_response_items: maxResponseItems,
    default_paging_num: defaultPagingNum,
    default_git_trees_per_page: 1000,
    default_max_blob_size: 10485760,
    ...(flavor === 'gitea' ? { default_max_response_size: 104857600 } : {}),
  };
}
