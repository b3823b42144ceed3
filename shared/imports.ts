// Import: the credentials git already uses in plain text (credential-store files, .netrc, passwords in
// remote URLs), what each one is, and moving the live ones into the keychain. A finding never holds
// the secret; `--json` prints exactly IMPORT_JSON_FIELDS of each.

export type ImportStatus =
  /** Found; nobody asked the host. */
  | 'unchecked'
  /** Its host accepted it just now. */
  | 'works'
  /** Its host refused it. */
  | 'refused'
  /** Latch has no way to ask its host, or the host did not answer. */
  | 'unknown'
  /** Its shape says it no longer works anywhere (Bitbucket Cloud app passwords since 2026-06-09). */
  | 'dead'
  /** Now in the keychain, and gone from where it was found. */
  | 'moved'
  /** A dead one, removed from where it was found without keeping it. */
  | 'removed'
  /** Left where it was; `reason` says why. */
  | 'left';

export interface ImportFinding {
  /** Stable across scans of the same place (no secret in it): what the app's Import button names. */
  id: string;
  /** The file, or `REPO_PATH:remote.NAME.url` for a remote URL. */
  source: string;
  /** 1-based line in the file; null for a remote URL. */
  line: number | null;
  protocol: string | null;
  /** host[:port]; null for a `.netrc` default entry, which answers every host. */
  host: string | null;
  path: string | null;
  username: string | null;
  /** The secret's shape (a host table secret format's kind), or 'unknown'. */
  kind: string;
  /** The kind in words: "a Bitbucket Cloud app password". */
  description: string;
  status: ImportStatus;
  /** Why it was left, refused or is dead, and what to do; null when there is nothing to say. */
  reason: string | null;
}

export interface ImportScan {
  findings: ImportFinding[];
  /** Places Latch could not look in, as sentences; not fatal. */
  problems: string[];
  /** Hosts git now asks Latch for, after a move. */
  gitSetUp: string[];
}

/** The fields `latch import --json` prints, in this order. */
export const IMPORT_JSON_FIELDS = ['source', 'line', 'protocol', 'host', 'path', 'username', 'kind', 'status'] as const;

export type ImportJson = Pick<ImportFinding, (typeof IMPORT_JSON_FIELDS)[number]>;

export function importJson(finding: ImportFinding): ImportJson {
  return Object.fromEntries(IMPORT_JSON_FIELDS.map((field) => [field, finding[field]])) as ImportJson;
}

/** Why a Bitbucket Cloud app password is dead, and what replaces it; each surface ends it with its own way to add one. */
export const DEAD_APP_PASSWORD =
  'Bitbucket Cloud app passwords stopped working on 2026-06-09. Create an API token at https://id.atlassian.com/manage-profile/security/api-tokens';

/** The way out for a dead Bitbucket Cloud app password, in the words of the command line. */
export const DEAD_APP_PASSWORD_WAY_OUT = `${DEAD_APP_PASSWORD} and add it with: latch account add --host bitbucket-cloud --email EMAIL --token-name NAME --expires-on YYYY-MM-DD`;
