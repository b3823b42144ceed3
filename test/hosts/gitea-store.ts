// What a Gitea or Forgejo server keeps about users, repositories and access tokens, for the simulator.
// Token ids count up across the whole instance from 1, as the database's autoincrement does; a
// secret is 20 random bytes in lowercase hex, and the server finds a token by its last eight
// characters (token_last_eight). Secrets stay in this store's private map and nowhere else.
import { randomBytes } from 'node:crypto';
import { newTotpSecret } from './gitea-totp';

export interface GiteaUser {
  id: number;
  username: string;
  password: string;
  email: string;
  fullName: string;
  /** The TOTP secret when two-factor authentication is on. */
  totpSecret: Buffer | null;
  /** The last TOTP code the server accepted, which it refuses to take again. */
  lastOtp: string | null;
  /** A security key or passkey is enrolled: Basic with the password is refused everywhere. */
  webauthn: boolean;
  createdAt: number;
}

export interface GiteaRepo {
  id: number;
  owner: string;
  name: string;
}

export interface GiteaToken {
  id: number;
  userId: number;
  name: string;
  /** As the server stores them, normalised; empty only for tokens made by servers before Gitea 1.22.3. */
  scopes: string[];
  lastEight: string;
  createdAt: number;
  lastUsedAt: number | null;
  /** Forgejo ≥ 15: the repositories a repository-specific token is limited to; null when not limited. */
  repositories: GiteaRepo[] | null;
}

export class GiteaStore {
  private readonly users: GiteaUser[] = [];
  private readonly repos: GiteaRepo[] = [];
  private readonly tokenList: GiteaToken[] = [];
  private readonly secrets = new Map<string, number>(); // secret -> token id
  private nextTokenId = 1;

  constructor(private readonly now: () => number) {}

  addUser(input: { username: string; password: string; totp?: boolean; webauthn?: boolean; email?: string; fullName?: string }): GiteaUser {
    if (this.findUser(input.username)) throw new Error(`simulator user ${input.username} exists already`);
    const user: GiteaUser = {
      id: this.users.length + 1,
      username: input.username,
      password: input.password,
      email: input.email ?? `${input.username.toLowerCase()}@example.com`,
      fullName: input.fullName ?? '',
      totpSecret: input.totp ? newTotpSecret() : null,
      lastOtp: null,
      webauthn: input.webauthn ?? false,
      createdAt: this.now(),
    };
    this.users.push(user);
    return user;
  }

  /** Usernames are matched without regard to case, as the servers do. */
  findUser(username: string): GiteaUser | undefined {
    const wanted = username.toLowerCase();
    return this.users.find((user) => user.username.toLowerCase() === wanted);
  }

  userById(id: number): GiteaUser | undefined {
    return this.users.find((user) => user.id === id);
  }

  addRepo(owner: string, name: string): GiteaRepo {
    const repo = { id: this.repos.length + 1, owner, name };
    this.repos.push(repo);
    return { ...repo };
  }

  findRepo(owner: string, name: string): GiteaRepo | undefined {
    return this.repos.find((repo) => repo.owner.toLowerCase() === owner.toLowerCase() && repo.name.toLowerCase() === name.toLowerCase());
  }

  issue(user: GiteaUser, name: string, scopes: string[], repositories: GiteaRepo[] | null): { token: GiteaToken; secret: string } {
    const secret = randomBytes(20).toString('hex');
    const token: GiteaToken = {
      id: this.nextTokenId,
      userId: user.id,
      name,
      scopes: [...scopes],
      lastEight: secret.slice(-8),
      createdAt: this.now(),
      lastUsedAt: null,
      repositories: repositories ? repositories.map((repo) => ({ ...repo })) : null,
    };
    this.nextTokenId += 1;
    this.tokenList.push(token);
    this.secrets.set(secret, token.id);
    return { token, secret };
  }

  /** The live token a secret belongs to. Anything but 40 lowercase hex is no token at all. */
  tokenBySecret(secret: string): GiteaToken | undefined {
    if (!/^[0-9a-f]{40}$/.test(secret)) return undefined;
    const id = this.secrets.get(secret);
    return id === undefined ? undefined : this.tokenList.find((token) => token.id === id);
  }

  tokenById(id: number): GiteaToken | undefined {
    return this.tokenList.find((token) => token.id === id);
  }

  /** A user's tokens, newest first, as the list endpoint orders them (created_unix DESC). */
  tokensOf(userId: number): GiteaToken[] {
    return this.tokenList.filter((token) => token.userId === userId).sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  }

  remove(id: number): boolean {
    const index = this.tokenList.findIndex((token) => token.id === id);
    if (index < 0) return false;
    this.tokenList.splice(index, 1);
    for (const [secret, tokenId] of this.secrets) if (tokenId === id) this.secrets.delete(secret);
    return true;
  }
}
