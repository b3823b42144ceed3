// Leak response: what Latch did after a person pasted a secret they believe leaked. The report is a
// plain object the app, the CLI and scripts read step by step. It never holds the secret itself.
import type { TokenOwner } from './domain';
import type { ErrorCode } from './result';
import { recognizeSecret, type SecretKind } from './secret-formats';

/** What happened at the host that issued the secret. */
export type LeakHostOutcome =
  /** The host confirmed: the secret no longer works. */
  | 'revoked'
  /** It had already stopped working everywhere (Bitbucket Cloud app passwords). */
  | 'dead'
  /** The host has no API for it: the person revokes it in a browser, `manageUrl` says where. */
  | 'by-hand'
  /** It is an account password: only the person can change it. */
  | 'change-password'
  /** A Data Center token none of Latch's accounts owns: its owner or an administrator has to revoke it. */
  | 'not-found'
  /** Neither a format Latch knows nor a secret Latch holds. */
  | 'unknown'
  /** The account password is needed first; nothing was changed. */
  | 'needs-password'
  /** The host refused or could not be reached; nothing was changed. */
  | 'failed';

/** A token Latch found the secret to be, by its keychain copy or by the id the secret embeds. */
export interface LeakTokenRef {
  accountId: string;
  /** `alice on bitbucket.example.com` */
  account: string;
  tokenId: string;
  name: string;
  owner: TokenOwner;
}

/** Lines removed from one of git's credential-store files. */
export interface LeakFileCleanup {
  file: string;
  /** 1-based line numbers in the file as it was. */
  lines: number[];
  /** Where git would have sent the secret, e.g. `https://bitbucket.example.com` (never the password). */
  hosts: string[];
}

/**
 * A one-time code for running the leak response again, for the account the last report named. `token`:
 * the token that report found by its last eight characters, revoked with this code without listing the
 * tokens again, since a code works only once.
 */
export interface LeakCode {
  accountId: string;
  code: string;
  token?: { id: string; name: string };
}

export interface LeakReport {
  recognized: {
    kind: SecretKind;
    /** e.g. "a Bitbucket Data Center HTTP access token (token id 012345678901)". */
    description: string;
    tokenId: string | null;
    dead: boolean;
  };
  found: {
    where: 'keychain' | 'host' | 'account-password' | 'nowhere';
    tokens: LeakTokenRef[];
    sentence: string;
  };
  host: {
    outcome: LeakHostOutcome;
    sentence: string;
    /** Where to do it by hand, when that is what is left. */
    manageUrl: string | null;
    /** The error's code when the host step failed. */
    code: ErrorCode | null;
    /** With 'needs-password' (or a refused password): the account to unlock before running again. */
    unlockAccountId: string | null;
    /** That account in words, e.g. `alice on bitbucket.example.com`. */
    unlockAccount: string | null;
    /** With code 'otp-required': the account whose one-time code lets Latch go on (Gitea, Forgejo with two-factor sign-in). */
    codeAccountId?: string;
    /** That account in words. */
    codeAccount?: string;
  };
  local: {
    /** False when Latch left this computer alone because the host step did not finish. */
    attempted: boolean;
    /** Keychain copies of tokens that were removed (with their index entries). */
    keychain: LeakTokenRef[];
    /** Accounts whose remembered password Latch forgot because it is the leaked secret. */
    passwordsForgotten: string[];
    gitCredentials: LeakFileCleanup[];
    /** Credentials git saved in Latch for a host without an account (or an import moved in) that were the secret: `bob at https://git.example.com`. */
    savedByGit: string[];
    /** Copies Latch found but could not remove, as sentences. */
    problems: string[];
    sentence: string;
  };
  /** The verdict in one or two sentences. */
  summary: string;
  /** True when the secret is dead and no copy Latch knows of is left on this computer. */
  complete: boolean;
}

/**
 * What the secret is, in words, e.g. for "Latch recognises this as …". Pure and safe to show: the
 * token id a Data Center secret embeds is an identifier, not a credential.
 */
export function describeSecret(secret: string): string {
  return recognizeSecret(secret).description;
}
