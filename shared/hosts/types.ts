// The shape of one host's entry in the host table: what its API can and cannot do, how Latch signs
// in to it, what git expects, where its token pages are and what its secrets look like. Data, not
// branches: the core, the CLI, the credential helper and the renderer all read these fields.
import type { TokenOwner } from '../owners';

export type RestAuth = 'basic' | 'bearer' | 'token-header' | 'private-token';

/** One shape of secret a host issues, recognised offline by its text. */
export interface SecretFormat {
  /** Stable name, reported in leak reports (e.g. 'bitbucket-datacenter', 'atlassian-api-token'). */
  kind: string;
  /** True when the text has this shape. Prefix formats are tried before shape-only ones. */
  matches(secret: string): boolean;
  /** Only a shape (no prefix): tried after every prefix format, since other secrets can look alike. */
  shapeOnly?: boolean;
  /** What it is, in words safe to show: "a GitHub personal access token (classic)". */
  describe(secret: string, tokenId: string | null): string;
  /** The host's token id, where the secret carries it (Bitbucket Data Center). */
  tokenId?(secret: string): string | null;
  /** It no longer opens anything anywhere (Bitbucket Cloud app passwords since 2026-06-09). */
  dead?: boolean;
}

/**
 * "Create it in the browser and give it to Latch": for hosts (or token kinds) with no create API. The
 * person makes the token on the host's page; Latch asks the host whose it is before keeping it.
 */
export interface BrowserTokenFlow {
  /** Where the page is, in words: "id.atlassian.com (Account settings, Security, API tokens)". */
  pageWords: string;
  /** The account's email is asked for, since the host's REST API takes it with the token (Bitbucket Cloud). */
  email: boolean;
  /** Whether the person types the expiry date the page showed, or the host reports it. */
  expiry: 'typed' | 'reported';
  /** The word the host's page uses for the secret: "API token", "personal access token". */
  tokenWords: string;
  /** The account's username is given too, and the token must be that user's (Gitea, Forgejo). */
  username?: boolean;
  /**
   * The pasted token of `account add` also signs Latch in to manage tokens by API (GitLab: a personal
   * token with the api scope). It is kept as the account's management token; absent elsewhere.
   */
  manages?: boolean;
}

/**
 * What changes for an account Latch keeps without a password on a host that normally signs in with one
 * (Gitea and Forgejo accounts with a security key or passkey, whose password no program may use): the
 * person makes tokens in the browser and gives them to Latch.
 */
export type TokenOnlyEntry = Pick<HostEntry, 'createByApi' | 'listByApi' | 'revokeByApi' | 'revokeBySecret' | 'revokeBySecretOn' | 'managementAuth' | 'limitation'> & {
  browserToken: BrowserTokenFlow;
};

export interface HostEntry {
  label: string;
  /** Two letters on a coloured tile (never the host's trademarked logo), light and dark backgrounds. */
  glyph: { letters: string; light: string; dark: string };
  createByApi: boolean;
  listByApi: boolean;
  revokeByApi: boolean;
  rotateByApi: boolean;
  /** Anyone holding the secret can have the host revoke it, with no account (GitHub, GitLab, Gitea ≥ 1.27). */
  revokeBySecret: boolean;
  /** Where `revokeBySecret` holds only from some version on: whether it does on the server as Latch recorded it ("Gitea 1.27.1"). */
  revokeBySecretOn?: (server: string | null) => boolean;
  /** Token owners the API can manage. */
  owners: TokenOwner['kind'][];
  /** The owners whose tokens the API creates, where fewer than `owners` (GitLab: no API makes personal tokens). */
  createOwners?: TokenOwner['kind'][];
  /** The roles a project or group token may have there, by name, as the host numbers them (GitLab's access_level). */
  roles?: Readonly<Record<string, number>>;
  /**
   * How projects and groups are named: Bitbucket's project keys (absent), or GitLab's full paths
   * (`group/sub/project`), which may hold slashes and dots.
   */
  ownerPaths?: 'namespace';
  /** How token management authenticates, in words. */
  managementAuth: string;
  /**
   * How Latch checks an account: with its password (which also manages tokens), or with a token the
   * person made in the browser and gives to Latch (no password kept).
   */
  signIn: 'password' | 'api-token';
  /** The host may ask for a one-time code with the password. */
  twoFactor: boolean;
  /** Declared by hosts where tokens are made in the browser and given to Latch; null elsewhere. */
  browserToken: BrowserTokenFlow | null;
  /** The one server of a hosted service (git's host for it); null where each company runs its own. */
  fixedBaseUrl: string | null;
  /** The server an account is on when none is named (GitHub: github.com, beside Enterprise Servers). */
  defaultBaseUrl?: string;
  /** How long the host lets a token live, in days; null when it may never expire. */
  maxTokenDays: number | null;
  /** How scopes are chosen when creating a token. */
  scopeModel: 'bitbucket-datacenter-levels' | 'named-scopes' | 'none';
  /**
   * With 'named-scopes': the scopes a token may be made with, as the host writes them. Scopes written
   * `read:x` / `write:x` are offered as one choice per x (none, read, or read and write).
   */
  namedScopes?: readonly string[];
  /** The scopes Latch suggests for a token git pushes and pulls with (in hints such as `--scope …`). */
  gitScopes?: readonly string[];
  /** False where a token made by API can have no expiry at all (Gitea, Forgejo: tokens never expire); absent means it can. */
  expiryByApi?: boolean;
  /**
   * What each scope lets git do with a repository (1 read, 2 write, 3 admin), as the host's documentation
   * says. Of several stored tokens, git gets the one whose scopes reach highest (a write token before a
   * read-only one, so a push is not refused); scopes not listed count for nothing.
   */
  repoAccess: Readonly<Record<string, 1 | 2 | 3>>;
  /** Which username git sends with a token of this owner kind; null = Bearer only. */
  gitUsername: (owner: TokenOwner, account: { userSlug: string }) => string | null;
  restAuth: RestAuth;
  /** Shown in the UI where the API stops. */
  limitation: string | null;
  /** Where a person creates or revokes tokens by hand. */
  manageUrl: ((baseUrl: string) => string) | null;
  /** The secrets this host issues, in the order they are tried. */
  secretFormats: readonly SecretFormat[];
  /**
   * The products one host kind serves, by the name a person may give for it (`--host forgejo`), with the
   * name its servers report; absent where the kind is one product.
   */
  products?: Readonly<Record<string, string>>;
  /**
   * The host's pages where a token is made with its name (and scopes) filled in: GitHub's classic and
   * fine-grained token pages. Pure, so the window and the core build the same address.
   */
  newTokenPages?: (baseUrl: string, name: string, scopes?: readonly string[]) => { classic: string; fineGrained: string };
  /** Where accounts may be kept without a password: what the host can then do for them. */
  tokenOnly?: TokenOnlyEntry;
  /** Has Latch an adapter for it yet. */
  implemented: boolean;
}
