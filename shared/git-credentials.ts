// Git credentials as the window and `latch credentials list` show them: what git saved in Latch for a
// host or user without an account (or an import moved in). Never the secret.

export interface SavedGitCredential {
  /** Names the credential for Remove; made of its address, not its secret. */
  id: string;
  protocol: string;
  host: string;
  path: string | null;
  username: string;
  lastUsedAt: string | null;
  /** `git`, or the file and line or remote it was imported from. */
  source: string;
}
