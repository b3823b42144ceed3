// What a GitLab instance knows, for the GitLab simulator: users (people and the bot users that
// project and group tokens act as), groups with subgroups, projects, memberships, and tokens with the
// chain each rotation leaves behind. No HTTP here; gitlab.ts answers requests from it and
// gitlab-git.ts asks it who may fetch or push.
import { randomBytes } from 'node:crypto';
import { ACCESS, isExpired, type AccessLevel } from './gitlab-rules';
import { legacySecret, PERSONAL_PREFIX, routableSecret } from './gitlab-secrets';

export interface GitLabUser {
  id: number;
  username: string;
  name: string;
  email: string;
  createdAt: number;
  /** Set for the bot user a project or group token acts as. */
  bot: { kind: 'project' | 'group'; resourceId: number } | null;
}

export interface GitLabGroup {
  id: number;
  fullPath: string;
  name: string;
  parentId: number | null;
  members: Map<number, AccessLevel>;
}

export interface GitLabProject {
  id: number;
  fullPath: string;
  name: string;
  /** A group, or the personal namespace of a user (who then owns the project). */
  namespace: { kind: 'group'; id: number } | { kind: 'user'; id: number };
  members: Map<number, AccessLevel>;
}

export type Resource = { kind: 'project'; project: GitLabProject } | { kind: 'group'; group: GitLabGroup };

export interface GitLabToken {
  id: number;
  userId: number;
  name: string;
  description: string | null;
  scopes: string[];
  createdAt: number;
  /** YYYY-MM-DD; the token stops working at 00:00 UTC that day. */
  expiresAt: string | null;
  revoked: boolean;
  lastUsedAt: number | null;
  lastUsedIps: string[];
  /** The token this one was rotated from. */
  previousId: number | null;
}

export type SecretFormat = 'routable' | 'legacy';

export type Authentication =
  | { ok: true; user: GitLabUser; token: GitLabToken }
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'revoked' | 'expired'; token: GitLabToken };

export class GitLabState {
  readonly users = new Map<number, GitLabUser>();
  readonly groups = new Map<number, GitLabGroup>();
  readonly projects = new Map<number, GitLabProject>();
  readonly tokens = new Map<number, GitLabToken>();
  private readonly secrets = new Map<string, number>(); // secret -> token id
  private nextUserId = 1001;
  private nextNamespaceId = 201;
  private nextProjectId = 301;
  private nextTokenId = 5001;

  constructor(
    readonly now: () => number,
    private readonly organizationId = 1,
  ) {}

  addUser(input: { username: string; name?: string; email?: string }): GitLabUser {
    if (this.userByName(input.username)) throw new Error(`simulator user ${input.username} exists`);
    const user: GitLabUser = {
      id: this.nextUserId++,
      username: input.username,
      name: input.name ?? input.username,
      email: input.email ?? `${input.username}@example.com`,
      createdAt: this.now() - 400 * 86_400_000,
      bot: null,
    };
    this.users.set(user.id, user);
    return user;
  }

  userByName(username: string): GitLabUser | undefined {
    const wanted = username.toLowerCase();
    return [...this.users.values()].find((user) => user.username.toLowerCase() === wanted);
  }

  /** A group at `fullPath`, with any missing parent groups; members by username. */
  addGroup(fullPath: string, members: Record<string, AccessLevel> = {}): GitLabGroup {
    const parts = fullPath.split('/');
    let parentId: number | null = null;
    let group: GitLabGroup | undefined;
    for (let i = 1; i <= parts.length; i += 1) {
      const path = parts.slice(0, i).join('/');
      group = this.groupByPath(path);
      if (!group) {
        group = { id: this.nextNamespaceId++, fullPath: path, name: parts[i - 1]!, parentId, members: new Map() };
        this.groups.set(group.id, group);
      }
      parentId = group.id;
    }
    for (const [username, level] of Object.entries(members)) group!.members.set(this.mustUser(username).id, level);
    return group!;
  }

  /** A project at `namespace/name`: a user's personal project when the namespace is a username, else in groups made as needed. */
  addProject(fullPath: string, members: Record<string, AccessLevel> = {}): GitLabProject {
    const slash = fullPath.lastIndexOf('/');
    if (slash < 1) throw new Error('a project path needs a namespace: group/project or user/project');
    const namespacePath = fullPath.slice(0, slash);
    const owner = namespacePath.includes('/') ? undefined : this.userByName(namespacePath);
    const namespace: GitLabProject['namespace'] = owner ? { kind: 'user', id: owner.id } : { kind: 'group', id: this.addGroup(namespacePath).id };
    const project: GitLabProject = { id: this.nextProjectId++, fullPath, name: fullPath.slice(slash + 1), namespace, members: new Map() };
    for (const [username, level] of Object.entries(members)) project.members.set(this.mustUser(username).id, level);
    this.projects.set(project.id, project);
    return project;
  }

  groupByPath(path: string): GitLabGroup | undefined {
    const wanted = path.toLowerCase();
    return [...this.groups.values()].find((group) => group.fullPath.toLowerCase() === wanted);
  }

  projectByPath(path: string): GitLabProject | undefined {
    const wanted = path.toLowerCase();
    return [...this.projects.values()].find((project) => project.fullPath.toLowerCase() === wanted);
  }

  /** `:id` in a route: a number, or the full path (already URL-decoded). */
  findResource(kind: 'project' | 'group', idOrPath: string): Resource | undefined {
    const byId = /^\d+$/.test(idOrPath) ? Number(idOrPath) : null;
    if (kind === 'project') {
      const project = byId !== null ? this.projects.get(byId) : this.projectByPath(idOrPath);
      return project ? { kind, project } : undefined;
    }
    const group = byId !== null ? this.groups.get(byId) : this.groupByPath(idOrPath);
    return group ? { kind, group } : undefined;
  }

  /** A user's effective role: direct membership or one inherited from any group above. 0 when none. */
  accessLevel(user: GitLabUser, resource: Resource): number {
    let level = 0;
    let groupId: number | null;
    if (resource.kind === 'project') {
      const project = resource.project;
      level = project.members.get(user.id) ?? 0;
      if (project.namespace.kind === 'user') return project.namespace.id === user.id ? ACCESS.owner : level;
      groupId = project.namespace.id;
    } else groupId = resource.group.id;
    while (groupId !== null) {
      const group: GitLabGroup = this.groups.get(groupId)!;
      level = Math.max(level, group.members.get(user.id) ?? 0);
      groupId = group.parentId;
    }
    return level;
  }

  /**
   * Whether the user can see a private project or group at all. A group is also visible to members of
   * any project inside it (GroupPolicy's has_projects), though they hold no role in the group.
   */
  canSee(user: GitLabUser, resource: Resource): boolean {
    if (this.accessLevel(user, resource) > 0) return true;
    if (resource.kind === 'project') return false;
    const prefix = `${resource.group.fullPath.toLowerCase()}/`;
    return [...this.projects.values()].some((project) => project.fullPath.toLowerCase().startsWith(prefix) && project.members.has(user.id));
  }

  /** The bot users of a project or group, one per access token ever made there. */
  botsOf(resource: Resource): GitLabUser[] {
    const id = resource.kind === 'project' ? resource.project.id : resource.group.id;
    return [...this.users.values()].filter((user) => user.bot?.kind === resource.kind && user.bot.resourceId === id);
  }

  resourceOfBot(user: GitLabUser): Resource | undefined {
    if (!user.bot) return undefined;
    if (user.bot.kind === 'project') {
      const project = this.projects.get(user.bot.resourceId);
      return project ? { kind: 'project', project } : undefined;
    }
    const group = this.groups.get(user.bot.resourceId);
    return group ? { kind: 'group', group } : undefined;
  }

  issueToken(
    user: GitLabUser,
    fields: { name: string; description?: string | null; scopes: string[]; expiresAt: string | null; previousId?: number | null },
    format: SecretFormat,
  ): { token: GitLabToken; secret: string } {
    const token: GitLabToken = {
      id: this.nextTokenId++,
      userId: user.id,
      name: fields.name,
      description: fields.description ?? null,
      scopes: [...fields.scopes],
      createdAt: this.now(),
      expiresAt: fields.expiresAt,
      revoked: false,
      lastUsedAt: null,
      lastUsedIps: [],
      previousId: fields.previousId ?? null,
    };
    const secret = format === 'routable' ? routableSecret(PERSONAL_PREFIX, { o: this.organizationId, u: user.id }) : legacySecret(PERSONAL_PREFIX);
    this.tokens.set(token.id, token);
    this.secrets.set(secret, token.id);
    return { token, secret };
  }

  /** A token without a secret anyone holds, for lists long enough to page through. */
  seedToken(user: GitLabUser, name: string, scopes: string[], expiresAt: string | null): GitLabToken {
    const token: GitLabToken = {
      id: this.nextTokenId++,
      userId: user.id,
      name,
      description: null,
      scopes,
      createdAt: this.now(),
      expiresAt,
      revoked: false,
      lastUsedAt: null,
      lastUsedIps: [],
      previousId: null,
    };
    this.tokens.set(token.id, token);
    return token;
  }

  /** The bot user, its membership and its token: what POST …/access_tokens makes. */
  createResourceToken(
    resource: Resource,
    fields: { name: string; description: string | null; scopes: string[]; expiresAt: string; accessLevel: AccessLevel },
    format: SecretFormat,
  ): { token: GitLabToken; secret: string } {
    const resourceId = resource.kind === 'project' ? resource.project.id : resource.group.id;
    // Users::AuthorizedCreateService names bots "<type>_<id>_bot_<32 hex>" with a noreply address.
    const username = `${resource.kind}_${resourceId}_bot_${randomBytes(16).toString('hex')}`;
    const bot: GitLabUser = {
      id: this.nextUserId++,
      username,
      name: fields.name,
      email: `${username}@noreply.gitlab.example.com`,
      createdAt: this.now(),
      bot: { kind: resource.kind, resourceId },
    };
    this.users.set(bot.id, bot);
    (resource.kind === 'project' ? resource.project.members : resource.group.members).set(bot.id, fields.accessLevel);
    return this.issueToken(bot, fields, format);
  }

  /** Who a secret belongs to, or why it is refused. */
  authenticate(secret: string): Authentication {
    const id = this.secrets.get(secret);
    const token = id === undefined ? undefined : this.tokens.get(id);
    if (!token) return { ok: false, reason: 'unknown' };
    // AccessTokenValidationService looks at expiry before revocation.
    if (isExpired(token.expiresAt, this.now())) return { ok: false, reason: 'expired', token };
    if (token.revoked) return { ok: false, reason: 'revoked', token };
    return { ok: true, user: this.users.get(token.userId)!, token };
  }

  markUsed(token: GitLabToken, ip: string): void {
    token.lastUsedAt = this.now();
    if (!token.lastUsedIps.includes(ip)) token.lastUsedIps.push(ip);
  }

  isActive(token: GitLabToken): boolean {
    return !token.revoked && !isExpired(token.expiresAt, this.now());
  }

  /** Revokes the old token and makes its successor with the same name, description and scopes. */
  rotate(token: GitLabToken, expiresAt: string, format: SecretFormat): { token: GitLabToken; secret: string } {
    token.revoked = true;
    const user = this.users.get(token.userId)!;
    return this.issueToken(user, { name: token.name, description: token.description, scopes: token.scopes, expiresAt, previousId: token.id }, format);
  }

  /**
   * Reuse detection (PersonalAccessTokens::RevokeTokenFamilyService): every active token rotated,
   * directly or further down the chain, from `token`. GitLab runs it when a revoked token is
   * presented to a rotate endpoint, since only a stolen copy would still be trying.
   */
  revokeDescendants(token: GitLabToken): GitLabToken[] {
    const revoked: GitLabToken[] = [];
    let generation = [token.id];
    while (generation.length > 0) {
      const children = [...this.tokens.values()].filter((candidate) => candidate.previousId !== null && generation.includes(candidate.previousId));
      for (const child of children) {
        if (this.isActive(child)) {
          child.revoked = true;
          revoked.push(child);
        }
      }
      generation = children.map((child) => child.id);
    }
    return revoked;
  }

  private mustUser(username: string): GitLabUser {
    const user = this.userByName(username);
    if (!user) throw new Error(`no simulator user ${username}`);
    return user;
  }
}
