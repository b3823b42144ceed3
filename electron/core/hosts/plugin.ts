// What each host folder gives the core: its adapter, and the words for what a person does by hand
// where Latch cannot act at the host itself. The registry in index.ts lists one plug-in per host kind.
import type { Account } from '../../../shared/domain';
import type { SecretRecognition } from '../../../shared/secret-formats';
import type { HttpClient } from '../http/client';
import type { HostAdapter } from './adapter';
import type { ErrorCode } from '../../../shared/result';

/** What a person does by hand about a secret, and where. */
export interface ByHand {
  outcome: 'dead' | 'by-hand' | 'unknown';
  sentence: string;
  manageUrl: string | null;
}

/** A server a leaked secret may be revoked at by the secret alone; `api` points it at a stand-in (tests). */
export interface UnheldServer {
  baseUrl: string;
  api?: { base: string; enterprise: boolean };
}

/** How revoking a secret Latch may never have held went, over every server tried. */
export interface UnheldRevoke {
  outcome: 'revoked' | 'dead' | 'by-hand' | 'failed';
  sentence: string;
  manageUrl: string | null;
  code: ErrorCode | null;
}

export interface HostPlugin {
  /** The adapter for one server of this host; hosts Latch cannot speak to yet throw 'unsupported'. */
  createAdapter(baseUrl: string, http: HttpClient): HostAdapter;
  /**
   * A leaked secret of this host that Latch cannot revoke itself. `seenAt` are the servers git's
   * credential-store files would have sent it to (e.g. https://gitlab.example.com): the best hint of
   * where it works; `seen` is the sentence saying so, or ''.
   */
  byHand(recognition: SecretRecognition, secret: string, seenAt: readonly string[], seen: string): ByHand;
  /**
   * The pages where a person makes a token of this host in the browser, with the name and scopes filled
   * in where the page takes them (GitHub: the classic page, then the fine-grained one).
   */
  newTokenPages?(baseUrl: string, name: string, scopes: readonly string[]): string[];
  /**
   * The servers anyone may have revoke a secret of this host, account or not (GitHub: github.com). The
   * leak response adds the servers of the person's own accounts of this host kind.
   */
  publicServers?: readonly UnheldServer[];
  /**
   * Has a leaked secret revoked by the secret alone at each of `servers`, whether Latch held it or not
   * (a secret does not say which server issued it). Servers that cannot be reached are named, not fatal.
   */
  revokeUnheld?(secret: string, servers: readonly UnheldServer[], http: HttpClient): Promise<UnheldRevoke>;
  /** A token Latch holds on this host, which has no API to revoke it: where and how to do it in the browser. */
  revokeHeldByHand?(name: string, account: Account, manageUrl: string | null): string;
  /**
   * A secret that names its token id (Bitbucket Data Center) but is none of the tokens Latch could
   * look through: who can revoke it. `searched` are the accounts of this host Latch looked in.
   */
  notFoundByHand?(tokenId: string, searched: readonly Account[], seen: string): string;
  /**
   * A secret that names no token id (Gitea, Forgejo), looked for among the tokens of every account
   * `searched` on this host and found in none: who can revoke it, and where.
   */
  notFoundBySecret?(searched: readonly Account[], seen: string): string;
}
