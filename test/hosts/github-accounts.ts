// Who exists on the simulated GitHub and what their tokens may do: users, tokens in GitHub's formats,
// collaborators, revocation, and the answer git over HTTPS gets. No HTTP here; github.ts serves it.
import { makeGitHubSecret, type GitHubTokenKind } from './github-token-format';

export interface GitHubSimUser {
  login: string;
  id: number;
  name: string | null;
  email: string | null;
  createdAt: string;
}

export interface IssueTokenOptions {
  login: string;
  kind: GitHubTokenKind;
  /** Classic and OAuth tokens only: their scopes, as X-OAuth-Scopes reports them. Default ['repo']. */
  scopes?: string[];
  /** Fine-grained and GitHub App tokens only: the repository Contents permission. Default 'write'. */
  contents?: 'read' | 'write';
  /** When it stops working (epoch ms), or null for never. Default null. */
  expiresAt?: number | null;
}

export type GitVerdict = { ok: true; login: string } | { ok: false; status: 401 | 403 };

export interface SimToken {
  login: string;
  kind: GitHubTokenKind;
  scopes: string[];
  contents: 'read' | 'write';
  expiresAt: number | null;
  /** When a revocation takes effect; null while none was asked for. */
  diesAt: number | null;
}

/** Kinds that answer X-OAuth-Scopes and are held to scopes for git; the others have permissions. */
export const SCOPED = new Set<GitHubTokenKind>(['classic', 'oauth']);
/** The kinds POST /credentials/revoke takes; installation tokens (ghs_) are not among them. */
const REVOCABLE = new Set<GitHubTokenKind>(['classic', 'fine-grained', 'oauth', 'user-to-server', 'refresh']);

export class GitHubAccounts {
  private readonly users = new Map<string, GitHubSimUser>(); // lower-cased login -> user
  private readonly tokens = new Map<string, SimToken>(); // secret -> token
  private readonly collaborators = new Map<string, Set<string>>(); // lower-cased owner/repo -> lower-cased logins
  private nextId = 1_000_001;

  constructor(private readonly now: () => number) {}

  addUser(user: { login: string; name?: string | null; email?: string | null }): GitHubSimUser {
    const record: GitHubSimUser = {
      login: user.login,
      id: this.nextId++,
      name: user.name ?? null,
      email: user.email ?? null,
      createdAt: new Date(this.now() - 800 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    this.users.set(user.login.toLowerCase(), record);
    return { ...record };
  }

  user(login: string): GitHubSimUser | null {
    return this.users.get(login.toLowerCase()) ?? null;
  }

  /** A token as GitHub's settings page (or an app's flow) makes it: shown once, here returned. */
  issueToken(options: IssueTokenOptions): string {
    const scoped = SCOPED.has(options.kind);
    if (!scoped && options.scopes) throw new Error(`${options.kind} tokens have permissions, not scopes: use \`contents\``);
    if (scoped && options.contents) throw new Error(`${options.kind} tokens have scopes, not permissions: use \`scopes\``);
    // An installation acts as its app's bot, which needs no account here.
    if (options.kind !== 'installation' && !this.user(options.login)) throw new Error(`no simulator user ${options.login}`);
    const secret = makeGitHubSecret(options.kind);
    this.tokens.set(secret, {
      login: options.login,
      kind: options.kind,
      scopes: scoped ? [...(options.scopes ?? ['repo'])] : [],
      contents: options.contents ?? 'write',
      expiresAt: options.expiresAt ?? null,
      diesAt: null,
    });
    return secret;
  }

  /** Revoked by its owner in the web page: refused everywhere from now on. */
  revoke(secret: string): void {
    const token = this.tokens.get(secret);
    if (!token) throw new Error('no such simulator token');
    token.diesAt = Math.min(token.diesAt ?? Infinity, this.now());
  }

  /** What an accepted POST /credentials/revoke does: each known, live, revocable token dies at `at`. Unknown strings are ignored. */
  revokeBySecret(secrets: readonly string[], at: number): void {
    for (const secret of secrets) {
      const token = this.tokens.get(secret);
      if (token && REVOCABLE.has(token.kind) && this.live(token)) token.diesAt = Math.min(token.diesAt ?? Infinity, at);
    }
  }

  /** Whether GitHub would still take this secret (not expired, no revocation in effect yet). */
  isAlive(secret: string): boolean {
    const token = this.tokens.get(secret);
    return token !== undefined && this.live(token);
  }

  /** The live token this secret authenticates as; null for anything else, refresh tokens included (they only buy new tokens). */
  authenticating(secret: string): SimToken | null {
    const token = this.tokens.get(secret);
    return token && this.live(token) && token.kind !== 'refresh' ? token : null;
  }

  /** `login` may read and write `owner/repo` (its owner always may). */
  addCollaborator(repo: string, login: string): void {
    const key = repo.toLowerCase();
    const set = this.collaborators.get(key) ?? new Set<string>();
    set.add(login.toLowerCase());
    this.collaborators.set(key, set);
  }

  /**
   * What git over HTTPS is told for `owner/repo` with these Basic credentials: any non-empty username
   * with a live token as the password (hosts-next.md §3.5). Every repository here is private, so a
   * classic or OAuth token needs the `repo` scope to read or write; fine-grained and App tokens need
   * Contents read, or write to push. The token's user must own the repository or collaborate on it.
   */
  gitAccess(credentials: { username: string; password: string } | null, repo: string, access: 'read' | 'write'): GitVerdict {
    if (!credentials || credentials.username === '') return { ok: false, status: 401 };
    const token = this.authenticating(credentials.password);
    if (!token) return { ok: false, status: 401 };
    const login = token.login.toLowerCase();
    const owner = repo.split('/', 1)[0]!.toLowerCase();
    if (login !== owner && !this.collaborators.get(repo.toLowerCase())?.has(login)) return { ok: false, status: 403 };
    const allowed = SCOPED.has(token.kind) ? token.scopes.includes('repo') : access === 'read' || token.contents === 'write';
    return allowed ? { ok: true, login: token.login } : { ok: false, status: 403 };
  }

  private live(token: SimToken): boolean {
    const now = this.now();
    return (token.expiresAt === null || now < token.expiresAt) && (token.diesAt === null || now < token.diesAt);
  }
}
