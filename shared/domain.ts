// The domain, in the words the UI uses. Host wire formats stop at the host adapters.
import type { HostKind } from './hosts';
import type { TokenOwner } from './owners';
import { gitHost } from './url';

export { HOST_KINDS, type HostKind } from './hosts';
export { ownerPath, type TokenOwner } from './owners';

/** A login on one host. Never holds a password or token. */
export interface Account {
  id: string;
  host: HostKind;
  /** Base URL of the server, normalised: scheme, host, optional port and context path, no trailing slash. */
  baseUrl: string;
  /** What the person typed to sign in (Bitbucket Cloud: the Atlassian account email). */
  username: string;
  /**
   * The host's URL-safe name for the user (Data Center: the user slug; Cloud: the Bitbucket username,
   * which its clone URLs carry). It picks the account when a remote URL names a user.
   */
  userSlug: string;
  displayName: string;
  /** What the server said it is when the account was added, where one host kind covers several products: "Forgejo 16.0.1". */
  server?: string;
  /**
   * 'api-token': kept without a password on a host that normally signs in with one (a Gitea or Forgejo
   * account with a security key or passkey); only tokens made in the browser. Absent: as the host signs in.
   */
  signIn?: 'api-token';
  /** True when the account password is kept in the OS keychain rather than only in memory (always false without a password). */
  rememberPassword: boolean;
  /** The account git uses on this host when the remote URL names no user. */
  isDefault: boolean;
  createdAt: string;
  /** Its management token may look but change nothing (GitLab: read_api without api); absent when it may. */
  readOnly?: boolean;
}

/**
 * The last time git reported (through `erase`) that the host refused a stored token, and what the host
 * said when Latch then asked it with the token itself: 'dead' (it no longer works: not offered again),
 * 'alive' (it works; the refusal was about that repository) or 'unsure' (the host could not be asked:
 * still offered).
 */
export interface TokenRefusal {
  at: string;
  /** The repository path git was refused for, as git sent it; null when it sent none. */
  path: string | null;
  check: 'dead' | 'alive' | 'unsure';
}

/** An access token as the host describes it, plus what Latch knows locally. Never holds the secret. */
export interface AccessToken {
  /** Exactly as the host wrote it (Data Center: a 12-digit string that may begin with 0). */
  id: string;
  name: string;
  scopes: string[];
  /** ISO 8601, or null where the host does not say. */
  createdAt: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  owner: TokenOwner;
  /** A GitLab project or group token's role there, as GitLab numbers it (10 guest … 50 owner); absent elsewhere. */
  accessLevel?: number;
  /** Latch holds this token's secret in the OS keychain. */
  stored: boolean;
  /** git reported (through `erase`) that the host refused the stored secret, and the host confirmed it dead. */
  rejected: boolean;
  /** git's last report of a refusal and what the host said about it; absent or null when there is none. */
  refusal?: TokenRefusal | null;
  /**
   * False for a token Latch still holds a secret for but the host no longer lists: revoked or deleted
   * outside Latch. Its secret is dead; only the local copy is left to remove.
   */
  onHost: boolean;
  /**
   * git gets this token for the account when the remote names no other: 'pinned' when the person chose it
   * ("Use for git"), 'chosen' when Latch did (the stored token reaching highest on repositories); absent otherwise.
   */
  git?: 'pinned' | 'chosen';
  /** Latch signs in to the host with this token to manage the others (GitLab's api token); absent otherwise. */
  signsIn?: true;
}

/** What a person asks for when creating a token. */
export interface CreateTokenRequest {
  accountId: string;
  name: string;
  scopes: string[];
  /** Days until expiry, or null for no expiry. */
  expiryDays: number | null;
  owner: TokenOwner;
  /** Keep the secret in the OS keychain for git and the CLI. */
  store: boolean;
  /** A one-time code for this one call, for a host with two-factor sign-in (Gitea, Forgejo). */
  otp?: string;
  /** A GitLab project or group token's role there (access_level: 10 guest … 50 owner); Latch picks one when absent. */
  accessLevel?: number;
}

/** The only object that ever carries a new secret, once, from the host to the person. */
export interface CreatedToken {
  token: AccessToken;
  secret: string;
  /** The username git should send with this secret (or null when the token is Bearer-only). */
  gitUsername: string | null;
  /** Set when the person asked to store the secret and the keychain refused: a sentence saying why. */
  storeError?: string;
}

export type LockState =
  | { state: 'remembered' }
  | { state: 'unlocked'; until: string }
  /** `reason`: why a remembered account needs its password again (its keychain copy was refused or is missing). */
  | { state: 'locked'; reason?: string }
  /** An account checked with an API token instead of a password (Bitbucket Cloud): nothing to unlock. */
  | { state: 'no-password' };

export interface AccountView extends Account {
  lock: LockState;
}

/** An account on a host whose token API takes the account password (Bitbucket Data Center). */
export interface PasswordAccountInput {
  host: HostKind;
  baseUrl: string;
  username: string;
  password: string;
  rememberPassword: boolean;
  /** The one-time code from the person's authenticator app, for a host with two-factor sign-in (Gitea, Forgejo). */
  otp?: string;
}

/**
 * A token the person made in the host's web page, pasted into Latch to be kept for git. The host is
 * asked whose it is before anything is saved. `expiresOn` is the date the host's page showed
 * (YYYY-MM-DD); the token is no longer offered to git after that day (UTC).
 */
export interface BrowserToken {
  name: string;
  secret: string;
  expiresOn: string | null;
}

/**
 * An account on a host with no token API (Bitbucket Cloud): it has no password in Latch; the first
 * pasted API token proves it, and is kept with it.
 */
export interface BrowserTokenAccountInput {
  /** A host whose table entry declares the browser-token flow. */
  host: HostKind;
  baseUrl: string;
  /**
   * Where the host's flow asks for it (Bitbucket Cloud: the Atlassian account email, which its REST API
   * takes with an API token instead of the username); null elsewhere.
   */
  email: string | null;
  /** Where the host's flow asks for it (Gitea, Forgejo): the username the token must belong to. */
  username?: string;
  token: BrowserToken;
}

export type AddAccountInput = PasswordAccountInput | BrowserTokenAccountInput;

/** A token replaced by a new one with its name and permissions (hosts with no rotate API). */
export interface ReplacedToken extends CreatedToken {
  /** The old token was revoked at the host (and Latch's copy of it removed). */
  oldRevoked: boolean;
  /** Why the old token still works, in a sentence, when it does. */
  oldProblem?: string;
}

export interface RevealedToken extends CreatedToken {
  /** Names the secret held by the main process until the reveal closes; copy goes through it. */
  revealId: string;
}

export interface GitSetup {
  /** host[:port] as git writes it. */
  host: string;
  configured: boolean;
  /** The exact lines Latch writes (or wrote) to the global git configuration. */
  lines: string[];
}

/** `latch` and `git-credential-latch` on the PATH of terminals, as the app's "Install command line tools" puts them. */
export interface CommandLineTools {
  /** False from a source checkout or an AppImage, which have no fixed place to point a terminal at. */
  available: boolean;
  installed: boolean;
  /** Where they go: ~/.local/bin on Linux, /usr/local/bin on macOS, the user's PATH on Windows. */
  location: string;
  /** A sentence for the person, or null: why they are unavailable, or what else a terminal needs. */
  note: string | null;
}

export interface Settings {
  /** Let `git-credential-latch store` keep credentials git hands it (off by default). */
  keepCredentialsFromGit: boolean;
  unlockMinutes: number;
}

/** What a new installation starts with; also what the window shows until the real settings are read. */
export const DEFAULT_SETTINGS: Settings = { keepCredentialsFromGit: false, unlockMinutes: 10 };

/** `alice on bitbucket.example.com`, for sentences. */
export const describeAccount = (account: Pick<Account, 'username' | 'baseUrl'>): string =>
  `${account.username} on ${gitHost(account.baseUrl)}`;
