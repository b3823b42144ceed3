// A small in-process host for the services' unit tests: it keeps tokens in memory, checks the
// password like Bitbucket Data Center does and can be told to fail. The HTTP adapter itself is
// tested against the simulator over real sockets elsewhere.
import type { TokenOwner } from '../../../shared/domain';
import { HOSTS } from '../../../shared/hosts';
import { LatchError } from '../../../shared/result';
import type { HostAdapter, HostCredentials, HostIdentity, HostToken, NewTokenSpec } from '../../../electron/core/hosts/adapter';

interface User {
  username: string;
  password: string;
  slug: string;
  displayName: string;
}

const ownerKey = (userSlug: string, owner: TokenOwner) =>
  owner.kind === 'user' ? `user/${userSlug}` : owner.kind === 'project' ? `project/${owner.projectKey}` : owner.kind === 'group' ? `group/${owner.groupPath}` : `repo/${owner.projectKey}/${owner.repoSlug}`;

export class FakeHost implements HostAdapter {
  readonly capabilities = HOSTS['bitbucket-datacenter'];
  readonly users: User[] = [];
  readonly tokens = new Map<string, { token: HostToken; key: string; secret: string }>();
  readonly calls: string[] = [];
  private failures: LatchError[] = [];
  private nextId = 1;

  addUser(username: string, password: string, slug = username.toLowerCase()): User {
    const user = { username, password, slug, displayName: `${username} (display)` };
    this.users.push(user);
    return user;
  }

  /** The next host call fails with this error. */
  failNext(error: LatchError): void {
    this.failures.push(error);
  }

  private check(name: string, credentials: HostCredentials): User {
    this.calls.push(name);
    const failure = this.failures.shift();
    if (failure) throw failure;
    const user = this.users.find((candidate) => candidate.username === credentials.username && candidate.password === credentials.password);
    if (!user) throw new LatchError('auth', 'Bitbucket rejected the username or password.');
    return user;
  }

  async verify(credentials: HostCredentials): Promise<HostIdentity> {
    const user = this.check('verify', credentials);
    return { userSlug: user.slug, displayName: user.displayName };
  }

  async listTokens(credentials: HostCredentials, userSlug: string, owner: TokenOwner): Promise<HostToken[]> {
    this.check('list', credentials);
    const key = ownerKey(userSlug, owner);
    return [...this.tokens.values()].filter((entry) => entry.key === key).map((entry) => ({ ...entry.token }));
  }

  async createToken(credentials: HostCredentials, userSlug: string, spec: NewTokenSpec): Promise<{ token: HostToken; secret: string }> {
    this.check('create', credentials);
    const id = String(this.nextId++).padStart(12, '0');
    const token: HostToken = {
      id,
      name: spec.name,
      scopes: spec.scopes,
      createdAt: new Date(Date.UTC(2026, 0, 2)).toISOString(),
      expiresAt: null,
      lastUsedAt: null,
      owner: spec.owner,
    };
    const secret = `BBDC-${Buffer.from(`${id}:${Math.random().toString(36).slice(2)}`).toString('base64')}`;
    this.tokens.set(id, { token, key: ownerKey(userSlug, spec.owner), secret });
    return { token: { ...token }, secret };
  }

  async revokeToken(credentials: HostCredentials, userSlug: string, owner: TokenOwner, tokenId: string): Promise<void> {
    this.check('revoke', credentials);
    // As on the real server, the id is looked up under the owner's path only.
    if (this.tokens.get(tokenId)?.key !== ownerKey(userSlug, owner)) throw new LatchError('not-found', `Bitbucket could not find the token ${tokenId}.`);
    this.tokens.delete(tokenId);
  }
}
