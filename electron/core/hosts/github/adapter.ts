// GitHub and GitHub Enterprise Server through the REST API (hosts-next.md §3). No API creates, lists or
// lets the owner revoke a personal access token, so this adapter asks whose a pasted token is
// (GET /user with the token) and has a leaked token revoked by its secret alone
// (POST /credentials/revoke, sent without credentials), then watches it die. Every call names API
// version 2022-11-28 and GitHub's media type; the HTTP client sends the User-Agent GitHub requires.
import { HOSTS, serviceBaseUrl } from '../../../../shared/hosts';
import { DEFAULT_CLASSIC_SCOPES, GITHUB_WEB, githubNewTokenPages, githubWebBase } from '../../../../shared/hosts/github';
import { LatchError } from '../../../../shared/result';
import type { HttpClient, HttpResponse } from '../../http/client';
import type { HostAdapter, HostCredentials, HostIdentity, HostToken, NewTokenSpec, RevokeBySecretOutcome, TokenInspection } from '../adapter';
import { askWithToken, type TokenCheck } from '../token-check';
import { githubMalformed, installationTokenRefused, revokeEndpointMissing, revokeErrorFor, userErrorFor } from './errors';
import { githubSecretKind, githubSecretProblem } from './secret-format';
import { isRateLimited, wireExpiry, wireGitHubUser, wireScopes } from './wire';

export const GITHUB_API = 'https://api.github.com';
export const GITHUB_API_VERSION = '2022-11-28';
export { DEFAULT_CLASSIC_SCOPES, GITHUB_WEB };

/** How long, in all, Latch watches a revoked token before calling it pending; and the first and longest pause. */
export const CONFIRM_BUDGET_MS = 30_000;
const FIRST_PAUSE_MS = 500;
const LONGEST_PAUSE_MS = 8_000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The server's web address, from an address the host table accepts. */
function webBase(baseUrl: string): string {
  return githubWebBase(serviceBaseUrl(baseUrl, HOSTS.github));
}

/**
 * Where the REST API of the GitHub at `baseUrl` lives: api.github.com for github.com, and
 * `<server>/api/v3` for an Enterprise Server, or a stand-in on this machine (tests).
 */
export function githubApiBase(baseUrl: string): string {
  const web = webBase(baseUrl);
  return web === GITHUB_WEB ? GITHUB_API : `${web}/api/v3`;
}

/** The classic-token page with the name and scopes filled in: github.com's, or the Enterprise Server's. */
export function newTokenPageUrl(baseUrl: string, name: string, scopes: readonly string[] = DEFAULT_CLASSIC_SCOPES): string {
  return githubNewTokenPages(webBase(baseUrl), name, scopes).classic;
}

export interface GitHubAdapterOptions {
  /** Where the API is and whether it is an Enterprise Server, instead of working it out from the base URL (tests: a github.com stand-in on this machine). */
  api?: { base: string; enterprise: boolean };
  /** How long, in all, to watch a revoked token before answering 'pending'. Default 30 s. */
  confirmBudgetMs?: number;
  /** Waits between checks; tests pass one that moves a clock instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export class GitHubAdapter implements HostAdapter {
  readonly capabilities = HOSTS.github;
  private readonly api: string;
  private readonly web: string;
  private readonly enterprise: boolean;
  /** The server in words, for sentences. */
  private readonly server: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly confirmBudgetMs: number;

  constructor(
    baseUrl: string,
    private readonly http: HttpClient,
    options: GitHubAdapterOptions = {},
  ) {
    this.web = webBase(baseUrl);
    this.api = options.api?.base.replace(/\/+$/, '') ?? githubApiBase(baseUrl);
    this.enterprise = options.api?.enterprise ?? this.web !== GITHUB_WEB;
    this.server = this.enterprise ? `the GitHub Enterprise Server at ${new URL(this.web).host}` : 'GitHub';
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.confirmBudgetMs = options.confirmBudgetMs ?? CONFIRM_BUDGET_MS;
  }

  /** `username` is the GitHub login and `password` the token; only the token is sent. */
  async verify(credentials: HostCredentials): Promise<HostIdentity> {
    return (await this.inspectToken(credentials.password)).identity;
  }

  checkToken(secret: string): Promise<TokenCheck> {
    const request = { method: 'GET' as const, url: `${this.api}/user`, headers: { ...this.headers(), authorization: `Bearer ${secret}` } };
    return askWithToken(this.http, request, (response) => {
      const parsed = wireGitHubUser.safeParse(response.json);
      return parsed.success ? parsed.data.login : null;
    });
  }

  async inspectToken(secret: string): Promise<TokenInspection> {
    const token = this.checkedOffline(secret);
    const kind = githubSecretKind(token);
    if (kind === 'installation') {
      throw new LatchError(
        'validation',
        "That is a GitHub App installation token (ghs_): it is an app's, not a person's, and stops working within an hour. Give Latch a personal access token instead.",
      );
    }
    if (kind === 'refresh') {
      throw new LatchError(
        'validation',
        'That is a GitHub App refresh token (ghr_): it only buys new tokens and opens nothing itself. Give Latch a personal access token instead.',
      );
    }
    const response = await this.getUser(token);
    if (response.status !== 200) throw userErrorFor(response, this.server, token, this.now());
    const parsed = wireGitHubUser.safeParse(response.json);
    if (!parsed.success) throw githubMalformed(this.server);
    const user = parsed.data;
    // Only classic and OAuth tokens have scopes; an empty header on the others means "not reported".
    const scoped = kind === 'classic' || kind === 'oauth';
    return {
      // The display name is the person's own text: control characters go before it is shown anywhere.
      identity: { userSlug: user.login, displayName: user.name?.replace(/\p{Cc}+/gu, ' ').trim() || user.login },
      tokenId: null,
      name: null,
      scopes: scoped ? wireScopes(response.headers) : null,
      expiresAt: wireExpiry(response.headers),
    };
  }

  listTokens(): Promise<HostToken[]> {
    return Promise.reject(
      new LatchError(
        'unsupported',
        `GitHub has no API to list personal access tokens: see yours at ${this.web}/settings/tokens (classic) and ${this.web}/settings/personal-access-tokens (fine-grained).`,
      ),
    );
  }

  createToken(_credentials: HostCredentials, _userSlug: string, spec: NewTokenSpec): Promise<{ token: HostToken; secret: string }> {
    const scopes = spec.scopes.length > 0 ? spec.scopes : DEFAULT_CLASSIC_SCOPES;
    return Promise.reject(
      new LatchError(
        'unsupported',
        `GitHub has no API to create personal access tokens: create it in your browser at ${newTokenPageUrl(this.web, spec.name, scopes)} ` +
          '(name and scopes are filled in), then give it to Latch.',
      ),
    );
  }

  revokeToken(): Promise<void> {
    return Promise.reject(
      new LatchError(
        'unsupported',
        `GitHub has no API for revoking your own token by its name: delete it at ${this.web}/settings/tokens, or give Latch its secret to have GitHub revoke it.`,
      ),
    );
  }

  /**
   * Has GitHub revoke a token anyone may hold: checked offline first (nothing is sent for a typo or an
   * installation token), then asked about once (already dead: nothing to do), sent without credentials,
   * and watched with GET /user until GitHub refuses it, for `confirmBudgetMs` at most.
   */
  async revokeBySecret(secret: string): Promise<RevokeBySecretOutcome> {
    const token = this.checkedOffline(secret);
    const kind = githubSecretKind(token);
    if (kind === 'installation') throw installationTokenRefused();
    // A refresh token opens nothing, so GET /user cannot tell whether it still works.
    const observable = kind !== 'refresh';
    if (observable && (await this.isDead(token))) return 'already-dead';

    let response = await this.postRevoke(token, false);
    const refusedAnonymous = (response.status === 401 || response.status === 403) && !isRateLimited(response.status, response.headers);
    if (this.enterprise && refusedAnonymous) response = await this.postRevoke(token, true);
    if (response.status === 404 && this.enterprise) throw revokeEndpointMissing(this.server, `${this.web}/settings/tokens`);
    if (response.status < 200 || response.status >= 300) throw revokeErrorFor(response, this.server, token, this.now());

    if (!observable) return 'pending';
    return (await this.watchUntilDead(token)) ? 'revoked' : 'pending';
  }

  /** The secret as sent (copy whitespace trimmed), or a validation error before anything is sent. */
  private checkedOffline(secret: string): string {
    const problem = githubSecretProblem(secret);
    if (problem !== null) throw new LatchError('validation', problem);
    return secret.trim();
  }

  private headers(): Record<string, string> {
    return { accept: 'application/vnd.github+json', 'x-github-api-version': GITHUB_API_VERSION };
  }

  private getUser(token: string): Promise<HttpResponse> {
    // A GET: the client retries it on 429/5xx, never on 401.
    return this.http.request({ method: 'GET', url: `${this.api}/user`, headers: { ...this.headers(), authorization: `Bearer ${token}` } });
  }

  /** github.com answers an authenticated call with 403, so credentials go only on an Enterprise Server's second try. */
  private postRevoke(token: string, authenticated: boolean): Promise<HttpResponse> {
    const headers = authenticated ? { ...this.headers(), authorization: `Bearer ${token}` } : this.headers();
    // A POST: the client never repeats it, so a rate limit is not hammered.
    return this.http.request({ method: 'POST', url: `${this.api}/credentials/revoke`, headers, json: { credentials: [token] } });
  }

  /** Whether GitHub refuses the token now. Anything but a 401 (a glitch, a timeout) is not proof of death. */
  private async isDead(token: string): Promise<boolean> {
    try {
      return (await this.getUser(token)).status === 401;
    } catch (error) {
      if (error instanceof LatchError) return false;
      throw error;
    }
  }

  private async watchUntilDead(token: string): Promise<boolean> {
    let waited = 0;
    let pause = FIRST_PAUSE_MS;
    while (waited < this.confirmBudgetMs) {
      const step = Math.min(pause, this.confirmBudgetMs - waited);
      await this.sleep(step);
      waited += step;
      if (await this.isDead(token)) return true;
      pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
    }
    return false;
  }
}
