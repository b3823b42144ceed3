// GitLab (gitlab.com and self-managed) through REST v4 (hosts-next.md §2). The account's credential
// is a personal access token with the api scope (read_api: look, but change nothing), sent as
// PRIVATE-TOKEN. Personal tokens are listed, revoked and rotated by API but only made in the browser;
// project tokens are made, listed, revoked and rotated by API. Any token can look itself up and
// revoke itself, whatever its scopes: that is how a leaked secret is killed without an account.
import type { TokenOwner } from '../../../../shared/domain';
import { HOSTS } from '../../../../shared/hosts';
import { LatchError } from '../../../../shared/result';
import type { HttpClient, HttpRequest, HttpResponse } from '../../http/client';
import { TransportError } from '../../http/transport-errors';
import type { HostAdapter, HostCredentials, HostIdentity, HostToken, NewTokenSpec, RevokeBySecretOutcome, TokenInspection } from '../adapter';
import { PageBudget } from '../paging';
import { askWithToken, type TokenCheck } from '../token-check';
import { errorFor, malformed, ownerWords, projectPath, signInRefusal, type Subject } from './errors';
import { complaintOf, toHostToken, wireNewToken, wireToken, wireTokenList, wireUser, type HostComplaint, type WireToken, type WireUser } from './wire';

/** GitLab's largest page. */
const PER_PAGE = 100;

/** GitLab's roles, as access_level numbers (project_access_tokens.md). */
export const GITLAB_ACCESS_LEVELS = { guest: 10, planner: 15, reporter: 20, developer: 30, maintainer: 40, owner: 50 } as const;
export type GitLabAccessLevel = (typeof GITLAB_ACCESS_LEVELS)[keyof typeof GITLAB_ACCESS_LEVELS];
const LEVELS: readonly number[] = Object.values(GITLAB_ACCESS_LEVELS);

/** A create as GitLab takes it: a project token also has a role in its project. */
export interface GitLabTokenSpec extends NewTokenSpec {
  /**
   * The token's role in its project. When not given: Reporter for tokens whose scopes only read,
   * Developer otherwise — never GitLab's own default (Maintainer), which is more than git needs.
   */
  accessLevel?: number;
}

/** Whose the sign-in token is, and whether it may change anything (read_api only: it may not). */
export interface GitLabIdentity extends HostIdentity {
  userId: number;
  /** The sign-in token has read_api but not api: tokens can be listed, not made, rotated or revoked. */
  readOnly: boolean;
  scopes: string[];
}

/**
 * A create or rotate whose answer was lost after GitLab acted: the token exists, its secret reached
 * no one. Carries the token so the caller can offer to revoke (or rotate) it.
 */
export class GitLabSecretLostError extends LatchError {
  constructor(
    readonly token: HostToken,
    message: string,
  ) {
    super('conflict', message);
    this.name = 'SecretLostError';
  }
}

const READ_ONLY_SCOPES = new Set(['read_api', 'read_repository', 'read_registry', 'read_virtual_registry', 'read_user']);
const DAY_MS = 86_400_000;

/** A header value must be one line of visible characters; anything else is not a token. */
function checkSecret(secret: string, what: string): void {
  if (secret === '' || !/^[\x21-\x7e]+$/.test(secret)) {
    throw new LatchError('validation', `${what} contains spaces, line breaks or other characters GitLab tokens never have; check what was copied.`);
  }
}

function checkTokenId(tokenId: string): void {
  if (!/^\d{1,19}$/.test(tokenId)) throw new LatchError('validation', 'GitLab token ids are numbers; this one is not.');
}

export class GitLabAdapter implements HostAdapter {
  readonly capabilities = HOSTS.gitlab;
  private readonly api: string;
  private readonly dotCom: boolean;

  constructor(
    /** Normalised base URL (e.g. https://gitlab.example.com/gitlab), without /api/v4. */
    baseUrl: string,
    private readonly http: HttpClient,
    private readonly now: () => number = Date.now,
  ) {
    const base = baseUrl.replace(/\/+$/, '').replace(/\/api\/v4$/, '');
    this.api = `${base}/api/v4`;
    this.dotCom = new URL(base).hostname.toLowerCase() === 'gitlab.com';
  }

  async verify(credentials: HostCredentials): Promise<GitLabIdentity> {
    checkSecret(credentials.password, 'The token');
    // /self answers any token, whatever its scopes, so a token without api is named as such.
    const looked = await this.selfOf(credentials.password, 'the token Latch signs in to GitLab with');
    if ('refused' in looked) throw signInRefusal(looked.refused);
    const self = looked.token;
    const scopes = self.scopes ?? [];
    const readOnly = !scopes.includes('api');
    if (readOnly && !scopes.includes('read_api')) {
      throw new LatchError(
        'forbidden',
        `This token has the scopes ${scopes.length > 0 ? scopes.join(', ') : '(none)'}, but managing tokens needs the api scope (read_api only lets Latch look). ` +
          'Make a personal access token with the api scope and sign in with it.',
      );
    }
    const user = await this.me(credentials);
    if (user.bot) {
      throw new LatchError('forbidden', 'This is a project or group access token; GitLab lets only a personal access token manage tokens. Sign in with a personal access token that has the api scope.');
    }
    return { userSlug: user.username, displayName: user.name || user.username, userId: user.id, readOnly, scopes };
  }

  /** GET /user with the token (a token without an API scope gets 403: unsure, never dead). */
  checkToken(secret: string): Promise<TokenCheck> {
    return askWithToken(this.http, { method: 'GET', url: `${this.api}/user`, headers: this.auth(secret) }, (response) => {
      const parsed = wireUser.safeParse(response.json);
      return parsed.success ? parsed.data.username : null;
    });
  }

  /**
   * `login.password`, where given, is the account's management token: a git-only token cannot ask
   * whose it is, so the management token says who its user is, and the two user ids must agree.
   */
  async inspectToken(secret: string, login?: { username: string; password?: string }): Promise<TokenInspection> {
    checkSecret(secret, 'The token');
    const looked = await this.selfOf(secret, 'this token');
    if ('refused' in looked) throw signInRefusal(looked.refused, 'this token');
    const self = looked.token;
    const identity = await this.ownerOfToken(secret, self.user_id ?? null, login?.password);
    return {
      identity,
      tokenId: String(self.id),
      name: self.name,
      scopes: self.scopes ?? null,
      expiresAt: self.expires_at ? `${self.expires_at}T00:00:00.000Z` : null,
    };
  }

  async listTokens(credentials: HostCredentials, userSlug: string, owner: TokenOwner): Promise<HostToken[]> {
    if (owner.kind === 'user') {
      const user = await this.me(credentials, userSlug);
      return this.listAll(`${this.api}/personal_access_tokens?user_id=${user.id}&state=active`, credentials, owner);
    }
    return this.listAll(`${this.resourceTokensUrl(owner)}?state=active`, credentials, owner);
  }

  async createToken(credentials: HostCredentials, userSlug: string, spec: GitLabTokenSpec): Promise<{ token: HostToken; secret: string }> {
    const owner = spec.owner;
    if (owner.kind === 'user') {
      throw new LatchError(
        'unsupported',
        `GitLab makes personal access tokens only in the browser: open ${HOSTS.gitlab.manageUrl?.(this.api.slice(0, -'/api/v4'.length)) ?? 'User settings → Access tokens'}, make it there, and give it to Latch.`,
      );
    }
    const body = {
      name: spec.name,
      scopes: spec.scopes,
      expires_at: this.expiryDay(spec.expiryDays),
      access_level: this.accessLevel(spec),
    };
    const subject: Subject = { owner, action: `create a ${owner.kind === 'group' ? 'group' : 'project'} access token`, dotCom: this.dotCom };
    // What exists before, so that after a lost answer a new token of this name can be told from an old one.
    const before = new Set((await this.listTokens(credentials, userSlug, owner)).map((token) => token.id));
    let response: HttpResponse;
    try {
      // POST is never retried by the client: a second create would orphan the first.
      response = await this.send({ method: 'POST', url: this.resourceTokensUrl(owner), json: body }, credentials, subject);
    } catch (error) {
      if (error instanceof TransportError && error.mayHaveReachedServer) throw await this.reconcileCreate(credentials, userSlug, spec, before, error);
      throw error;
    }
    const parsed = wireNewToken.safeParse(response.json);
    if (!parsed.success) throw malformed('the new token');
    return { token: toHostToken(parsed.data, owner), secret: parsed.data.token };
  }

  async revokeToken(credentials: HostCredentials, _userSlug: string, owner: TokenOwner, tokenId: string): Promise<void> {
    checkTokenId(tokenId);
    const url = owner.kind === 'user' ? `${this.api}/personal_access_tokens/${tokenId}` : `${this.resourceTokensUrl(owner)}/${tokenId}`;
    const response = await this.http.request({ method: 'DELETE', url, headers: this.auth(credentials.password) });
    if (response.status === 204 || response.status === 200) return;
    // 404 on a repeated DELETE: an earlier try removed it and only its answer was lost.
    if (response.status === 404 && response.attempts > 1) return;
    throw errorFor(response, { owner, tokenId, action: 'revoke' });
  }

  /**
   * Never retried, by the client or here: rotating a token GitLab already revoked revokes its whole
   * family (reuse detection). After a lost answer the adapter lists and says what happened instead.
   */
  async rotateToken(
    credentials: HostCredentials,
    userSlug: string,
    owner: TokenOwner,
    tokenId: string,
    expiresOn: string | null,
  ): Promise<{ token: HostToken; secret: string }> {
    checkTokenId(tokenId);
    if (expiresOn !== null && !/^\d{4}-\d{2}-\d{2}$/.test(expiresOn)) {
      throw new LatchError('validation', 'The new expiry date must be a day, written YYYY-MM-DD.');
    }
    let url = owner.kind === 'user' ? `${this.api}/personal_access_tokens/${tokenId}/rotate` : `${this.resourceTokensUrl(owner)}/${tokenId}/rotate`;
    if (owner.kind === 'user') {
      // GitLab refuses a token rotating itself by its id (403); the sign-in token goes through /self/rotate.
      const own = await this.selfOf(credentials.password, 'the token Latch signs in to GitLab with');
      if ('refused' in own) throw signInRefusal(own.refused);
      if (String(own.token.id) === tokenId) url = `${this.api}/personal_access_tokens/self/rotate`;
    }
    const listed = await this.listTokens(credentials, userSlug, owner);
    const old = listed.find((token) => token.id === tokenId);
    if (!old) {
      // Not sent at all: rotating a token GitLab already revoked would revoke its replacement too.
      throw new LatchError(
        'not-found',
        `GitLab lists no active token ${tokenId} of ${ownerWords(owner)}: it was revoked, has expired or was rotated already, so Latch did not rotate it.`,
      );
    }
    const before = new Set(listed.map((token) => token.id));
    let response: HttpResponse;
    try {
      response = await this.send({ method: 'POST', url, json: expiresOn === null ? {} : { expires_at: expiresOn } }, credentials, {
        owner,
        tokenId,
        action: 'rotate',
        dotCom: this.dotCom,
      });
    } catch (error) {
      if (error instanceof TransportError && error.mayHaveReachedServer) throw await this.reconcileRotate(credentials, userSlug, owner, tokenId, old, before, error);
      throw error;
    }
    const parsed = wireNewToken.safeParse(response.json);
    if (!parsed.success) throw malformed('the rotated token');
    return { token: toHostToken(parsed.data, owner), secret: parsed.data.token };
  }

  async revokeBySecret(secret: string): Promise<RevokeBySecretOutcome> {
    checkSecret(secret, 'The secret');
    // Looked up first: a 401 here means the token was already dead, so nothing is revoked twice.
    if ('refused' in (await this.selfOf(secret, 'this token'))) return 'already-dead';
    const url = `${this.api}/personal_access_tokens/self`;
    let response: HttpResponse;
    try {
      response = await this.http.request({ method: 'DELETE', url, headers: this.auth(secret) });
    } catch (error) {
      if (!(error instanceof TransportError) || !error.mayHaveReachedServer) throw error;
      // The answer was lost; whether the token still works says whether it happened.
      const still = await this.selfOf(secret, 'this token').catch(() => undefined);
      if (still && 'refused' in still) return 'revoked';
      throw new LatchError(error.code, `${error.message} GitLab may not have revoked the token: try again.`);
    }
    if (response.status === 204 || response.status === 200) return 'revoked';
    // A retried DELETE after the first one worked: the token is dead now either way.
    if (response.status === 401) return response.attempts > 1 ? 'revoked' : 'already-dead';
    throw errorFor(response, { action: 'revoke' });
  }

  // ---- helpers ----

  /** GET /personal_access_tokens/self with the token itself; `refused` (with GitLab's reason) when it answers 401. */
  private async selfOf(secret: string, whose: string): Promise<{ token: WireToken } | { refused: HostComplaint }> {
    const response = await this.http.request({ method: 'GET', url: `${this.api}/personal_access_tokens/self`, headers: this.auth(secret) });
    if (response.status === 401) return { refused: complaintOf(response.json) };
    if (response.status === 400 || response.status === 404) {
      // 400: not a personal, project or group token (an OAuth or CI job token); 404: GitLab older than 15.5.
      throw new LatchError(
        'unsupported',
        response.status === 400
          ? `GitLab says ${whose} is not a personal, project or group access token, so Latch cannot look it up or revoke it by itself.`
          : 'This GitLab server cannot look a token up by the token itself (that needs GitLab 15.5 or later).',
      );
    }
    if (response.status < 200 || response.status >= 300) throw errorFor(response, {});
    const parsed = wireToken.safeParse(response.json);
    if (!parsed.success) throw malformed('the token lookup');
    return { token: parsed.data };
  }

  /** GET /user: who the credential is; when `expected` is given, it must be that user. */
  private async me(credentials: HostCredentials, expected?: string): Promise<WireUser> {
    checkSecret(credentials.password, 'The token');
    const response = await this.send({ method: 'GET', url: `${this.api}/user` }, credentials, {});
    const parsed = wireUser.safeParse(response.json);
    if (!parsed.success) throw malformed('the sign-in check');
    if (expected !== undefined && parsed.data.username.toLowerCase() !== expected.toLowerCase()) {
      throw new LatchError('auth', `The token Latch signs in with belongs to "${parsed.data.username}", not "${expected}". Sign in to this account again.`);
    }
    return parsed.data;
  }

  /** The user a token belongs to, asked with that token; a token without an API scope asks the public profile. */
  private async ownerOfToken(secret: string, userId: number | null, management?: string): Promise<HostIdentity> {
    const asked = await this.http.request({ method: 'GET', url: `${this.api}/user`, headers: this.auth(secret) });
    if (asked.status === 403 && userId !== null && management !== undefined) {
      const account = await this.me({ username: '', password: management });
      if (account.id !== userId) {
        throw new LatchError('conflict', `This token belongs to another GitLab user (id ${userId}), not to ${account.username}; Latch keeps it only for its own account.`);
      }
      return { userSlug: account.username, displayName: account.name || account.username };
    }
    let response = asked;
    if (asked.status === 403 && userId !== null) {
      // read_repository and friends cannot call /user; a public profile names the user without a credential.
      response = await this.http.request({ method: 'GET', url: `${this.api}/users/${userId}` });
    }
    const parsed = response.status === 200 ? wireUser.safeParse(response.json) : null;
    if (parsed?.success) return { userSlug: parsed.data.username, displayName: parsed.data.name || parsed.data.username };
    if (response.status === 200) throw malformed('the user lookup');
    if (response.status === 429 || response.status >= 500) throw errorFor(response, {});
    throw new LatchError(
      'forbidden',
      `GitLab knows this token (it belongs to user ${userId ?? 'unknown'}), but its scopes do not let Latch see whose it is, and that profile is not public.`,
    );
  }

  /** Every page of a list, following x-next-page (totals vanish past 10,000 rows, so never rely on them). */
  private async listAll(url: string, credentials: HostCredentials, owner: TokenOwner): Promise<HostToken[]> {
    const tokens: HostToken[] = [];
    let page = 1;
    const budget = new PageBudget('GitLab', `the tokens of ${ownerWords(owner)}`);
    for (;;) {
      const response = await this.send({ method: 'GET', url: `${url}&per_page=${PER_PAGE}&page=${page}` }, credentials, { owner });
      const parsed = wireTokenList.safeParse(response.json);
      if (!parsed.success) throw malformed('the token list');
      for (const wire of parsed.data) tokens.push(toHostToken(wire, owner));
      const next = nextPage(response);
      if (next === null) return tokens;
      budget.took(parsed.data.length);
      page = budget.forward(page, next);
    }
  }

  private async reconcileCreate(credentials: HostCredentials, userSlug: string, spec: NewTokenSpec, before: Set<string>, cause: TransportError): Promise<LatchError> {
    let after: HostToken[];
    try {
      after = await this.listTokens(credentials, userSlug, spec.owner);
    } catch {
      return new LatchError(cause.code, `${cause.message} Latch could not check whether the token "${spec.name}" was created: look at the token list before creating it again.`);
    }
    const created = after.find((token) => token.name === spec.name && !before.has(token.id));
    if (created) {
      return new GitLabSecretLostError(
        created,
        `The token "${created.name}" (id ${created.id}) was created, but its secret was lost in transit because GitLab's answer never arrived. Revoke it and create another.`,
      );
    }
    return new LatchError(cause.code, `${cause.message} The token "${spec.name}" was not created; it is safe to try again.`);
  }

  /** After a rotate whose answer never came: list, and say whether the old secret still works and which token replaced it. */
  private async reconcileRotate(
    credentials: HostCredentials,
    userSlug: string,
    owner: TokenOwner,
    tokenId: string,
    old: HostToken,
    before: Set<string>,
    cause: TransportError,
  ): Promise<LatchError> {
    const name = `"${old.name}"`;
    let after: HostToken[];
    try {
      after = await this.listTokens(credentials, userSlug, owner);
    } catch {
      return new LatchError(
        cause.code,
        `${cause.message} Latch could not check whether the token ${name} was rotated. Do not rotate it again yet: look at the token list first (rotating a token GitLab already replaced revokes its replacement too).`,
      );
    }
    // The list holds active tokens only: the old one gone means GitLab rotated (or revoked) it.
    if (after.some((token) => token.id === tokenId)) {
      return new LatchError(cause.code, `${cause.message} The token ${name} was not rotated and its secret still works; it is safe to try again.`);
    }
    const replacement = after
      .filter((token) => !before.has(token.id) && token.name === old.name)
      .sort((a, b) => Number(b.id) - Number(a.id))[0];
    if (replacement) {
      return new GitLabSecretLostError(
        replacement,
        `The token ${name} was rotated: its old secret no longer works, and the new one (id ${replacement.id}) was lost in transit because GitLab's answer never arrived. ` +
          `Rotate token ${replacement.id} to get a secret you can see; never rotate the old one again.`,
      );
    }
    return new LatchError(cause.code, `${cause.message} The token ${name} no longer works and GitLab lists no replacement for it; make a new token.`);
  }

  /** expires_at for a create: GitLab requires one, at most 365 days ahead, ending at 00:00 UTC on that day. */
  private expiryDay(expiryDays: number | null): string {
    const limit = this.capabilities.maxTokenDays ?? 365;
    const days = expiryDays ?? limit;
    if (!Number.isInteger(days) || days < 1 || days > limit) {
      throw new LatchError('validation', `GitLab tokens must expire within 1 to ${limit} days.`);
    }
    return new Date(this.now() + days * DAY_MS).toISOString().slice(0, 10);
  }

  private accessLevel(spec: GitLabTokenSpec): number {
    if (spec.accessLevel !== undefined) {
      if (!LEVELS.includes(spec.accessLevel)) {
        throw new LatchError('validation', 'The role must be one of GitLab\'s: Guest, Planner, Reporter, Developer, Maintainer or Owner.');
      }
      return spec.accessLevel;
    }
    return spec.scopes.every((scope) => READ_ONLY_SCOPES.has(scope)) ? GITLAB_ACCESS_LEVELS.reporter : GITLAB_ACCESS_LEVELS.developer;
  }

  private resourceTokensUrl(owner: Exclude<TokenOwner, { kind: 'user' }>): string {
    const kind = owner.kind === 'group' ? 'groups' : 'projects';
    return `${this.api}/${kind}/${encodeURIComponent(projectPath(owner))}/access_tokens`;
  }

  private auth(secret: string): Record<string, string> {
    return { 'private-token': secret };
  }

  /** One authenticated request; any non-2xx status becomes a LatchError. */
  private async send(req: HttpRequest, credentials: HostCredentials, subject: Subject): Promise<HttpResponse> {
    checkSecret(credentials.password, 'The token');
    const response = await this.http.request({ ...req, headers: { ...req.headers, ...this.auth(credentials.password) } });
    if (response.status >= 200 && response.status < 300) return response;
    throw errorFor(response, subject);
  }
}

/** x-next-page as a number; null when empty (the last page). Falls back on Link rel="next". */
function nextPage(response: HttpResponse): number | null {
  const header = response.headers['x-next-page'];
  const text = (Array.isArray(header) ? header[0] : header)?.trim();
  if (text !== undefined) {
    if (text === '') return null;
    const page = Number(text);
    if (!Number.isInteger(page)) throw malformed('the token list');
    return page;
  }
  const link = response.headers.link;
  const next = /<([^>]+)>;\s*rel="next"/.exec(Array.isArray(link) ? link.join(', ') : (link ?? ''));
  if (!next) return null;
  const page = Number(new URL(next[1]!).searchParams.get('page'));
  if (!Number.isInteger(page)) throw malformed('the token list');
  return page;
}
