// A host adapter speaks one host's token API and answers in domain types. Wire formats
// (epoch-ms dates, string ids, error envelopes) never leave the adapter.
import type { AccessToken, Account, TokenOwner } from '../../../shared/domain';
import type { HostEntry } from '../../../shared/hosts';
import { LatchError } from '../../../shared/result';
import type { TokenCheck, TokenCheckAccount } from './token-check';

/**
 * A 401 that says nothing about the password: the host wants the person to sign in once in a browser
 * (a CAPTCHA after failed sign-ins) before it checks any password again. A saved password stays saved.
 */
export class SignInChallengeError extends LatchError {
  constructor(message: string) {
    super('auth', message);
    this.name = 'SignInChallengeError';
  }
}

/**
 * The host takes the password of this account from no program, because it has a security key or
 * passkey (Gitea, Forgejo): the account can be kept only with tokens made in the browser.
 */
export class SecurityKeyError extends LatchError {
  constructor(message: string) {
    super('unsupported', message);
    this.name = 'SecurityKeyError';
  }
}

/**
 * A create whose answer was lost after the host made the token: it exists, its secret reaches no one.
 * Carries the token so the caller can offer to revoke it. `product` names the host in the sentence.
 */
export class SecretLostError extends LatchError {
  constructor(
    readonly token: HostToken,
    product: string,
  ) {
    super(
      'conflict',
      `The token "${token.name}" (id ${token.id}) was created, but its secret was lost in transit because ${product}'s answer never arrived. ` +
        'Revoke it and create another.',
    );
    this.name = 'SecretLostError';
  }
}

/** The account's own credentials: token management on these hosts needs the real password. */
export interface HostCredentials {
  username: string;
  password: string;
  /** A one-time code for hosts with two-factor sign-in (Gitea, Forgejo); sent only on the call that needs it. */
  otp?: string;
}

export interface HostIdentity {
  /** The host's URL-safe user name; git's username for personal tokens. */
  userSlug: string;
  displayName: string;
  /** Which product and version answered, where one host kind covers several (Gitea or Forgejo): "Forgejo 16.0.1". */
  server?: string;
}

/** A token as the host reports it; `stored` and `rejected` are added from the local index. */
export type HostToken = Omit<AccessToken, 'stored' | 'rejected' | 'onHost'>;

/**
 * What the host says about a token when asked with the token itself: whose it is and, where the host
 * tells, its id, name, scopes and expiry (null where it does not say: then Latch does not know).
 */
export interface TokenInspection {
  identity: HostIdentity;
  tokenId: string | null;
  name: string | null;
  /** null: the host does not report them (e.g. GitHub fine-grained tokens). */
  scopes: string[] | null;
  expiresAt: string | null;
}

/** How revoking by the secret alone ended: confirmed dead, already dead before, or accepted but not yet confirmed. */
export type RevokeBySecretOutcome = 'revoked' | 'already-dead' | 'pending';

export interface NewTokenSpec {
  name: string;
  scopes: string[];
  expiryDays: number | null;
  owner: TokenOwner;
}

export interface HostAdapter {
  readonly capabilities: HostEntry;
  /** Checks the credentials against the server and says who they belong to. */
  verify(credentials: HostCredentials): Promise<HostIdentity>;
  /** Every token of the owner, all pages fetched. */
  listTokens(credentials: HostCredentials, userSlug: string, owner: TokenOwner): Promise<HostToken[]>;
  /**
   * Creates a token and returns its one and only sight of the secret. Never retried: after a timeout
   * the adapter reconciles by listing (a token of that name created in this call is reported as
   * created-but-secret-lost) before anything else is tried.
   */
  createToken(credentials: HostCredentials, userSlug: string, spec: NewTokenSpec): Promise<{ token: HostToken; secret: string }>;
  revokeToken(credentials: HostCredentials, userSlug: string, owner: TokenOwner, tokenId: string): Promise<void>;

  /**
   * Asks the host, with the token itself as the credential, whose it is and what it may do. Declared
   * by hosts whose tokens are made in the browser and given to Latch.
   */
  inspectToken?(secret: string, login?: { username: string; password?: string }): Promise<TokenInspection>;
  /**
   * The host's identity call with the token itself as the credential: does the token still work, and
   * whose is it? Never throws for the host's answer; offline or unclear is 'unsure'.
   */
  checkToken?(secret: string, account: TokenCheckAccount): Promise<TokenCheck>;
  /** Rotates a token: the old secret dies and a new one is returned once. Never retried: after a timeout, list and reconcile. */
  rotateToken?(credentials: HostCredentials, userSlug: string, owner: TokenOwner, tokenId: string, expiresOn: string | null): Promise<{ token: HostToken; secret: string }>;
  /**
   * Revokes with the secret alone, where the host allows anyone holding it to (`revokeBySecret` in the
   * host table; Gitea from 1.27 only, so its adapter throws 'unsupported' before sending anything elsewhere).
   */
  revokeBySecret?(secret: string): Promise<RevokeBySecretOutcome>;
  /**
   * The user's own token that a secret is, found by what the host lists of every secret (Gitea and
   * Forgejo: its last eight characters) without sending the secret anywhere; null when none matches.
   */
  findTokenBySecret?(credentials: HostCredentials, userSlug: string, secret: string): Promise<HostToken | null>;
}

/** The adapter that speaks to an account's host (the services are given it, so tests can point it at a simulator). */
export type AdapterFor = (account: Pick<Account, 'host' | 'baseUrl'>) => HostAdapter;
