// Bitbucket Data Center's HTTP access tokens (personal, project, repository) through its REST API.
// Token management needs the account's real password: a token cannot manage tokens.
import type { TokenOwner } from '../../../../shared/domain';
import { HOSTS } from '../../../../shared/hosts';
import { bitbucketDataCenterTokenId } from '../../../../shared/hosts/bitbucket-datacenter';
import { LatchError } from '../../../../shared/result';
import type { HttpClient, HttpRequest, HttpResponse } from '../../http/client';
import { TransportError } from '../../http/transport-errors';
import { SecretLostError, type HostAdapter, type HostCredentials, type HostIdentity, type HostToken, type NewTokenSpec, type TokenInspection } from '../adapter';
import { errorFor, malformed, type Subject } from './errors';
import { toHostToken, wireRawToken, wireTokenPage, wireUserPage } from './wire';

/** Servers cap the page size (often at 25 or 100); asking for more costs nothing and saves round trips. */
const PAGE_LIMIT = 100;
/** A guard against a server whose paging never ends: 1000 pages is far beyond any real token list. */
const MAX_PAGES = 1000;

const segment = encodeURIComponent;

function basicAuth(credentials: HostCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
}

export class BitbucketDataCenterAdapter implements HostAdapter {
  readonly capabilities = HOSTS['bitbucket-datacenter'];

  constructor(
    /** Normalised base URL, context path included (e.g. https://git.example.com/bitbucket). */
    private readonly baseUrl: string,
    private readonly http: HttpClient,
  ) {}

  async verify(credentials: HostCredentials): Promise<HostIdentity> {
    const wanted = credentials.username.trim().toLowerCase();
    const subject: Subject = { userSlug: credentials.username };
    let start = 0;
    let fallbackName: string | null = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query = `filter=${segment(credentials.username)}&start=${start}&limit=${PAGE_LIMIT}`;
      const response = await this.send({ method: 'GET', url: `${this.baseUrl}/rest/api/latest/users?${query}` }, credentials, subject);
      // Data Center names the signed-in user in a header on every authenticated answer.
      const header = response.headers['x-ausername'];
      if (typeof header === 'string') fallbackName = header.toLowerCase();
      const parsed = wireUserPage.safeParse(response.json);
      if (!parsed.success) throw malformed('the sign-in check');
      // The filter matches parts of names and e-mail addresses; only the exact name is the person.
      const match = parsed.data.values.find(
        (user) =>
          user.name.toLowerCase() === wanted ||
          user.emailAddress?.toLowerCase() === wanted ||
          (fallbackName !== null && user.name.toLowerCase() === fallbackName),
      );
      if (match) {
        await this.checkCanManageTokens(credentials, match.slug);
        return { userSlug: match.slug, displayName: match.displayName || match.name };
      }
      if (parsed.data.isLastPage || parsed.data.nextPageStart == null) break;
      start = parsed.data.nextPageStart;
    }
    throw new LatchError('host-error', 'Bitbucket accepted the sign-in but did not say which user it belongs to. Sign in with your username rather than another name.');
  }

  /**
   * Whether a personal token still signs its user in, as git would send it (Basic with the user slug).
   * One GET; unlike verify it does not ask to manage tokens, which no token may.
   */
  async inspectToken(secret: string, login?: { username: string }): Promise<TokenInspection> {
    const username = login?.username ?? '';
    if (username === '') throw new LatchError('validation', 'Bitbucket Data Center checks a personal token only with the username it belongs to.');
    const credentials = { username, password: secret };
    const query = `filter=${segment(username)}&limit=1`;
    const response = await this.send({ method: 'GET', url: `${this.baseUrl}/rest/api/latest/users?${query}` }, credentials, { userSlug: username });
    const header = response.headers['x-ausername'];
    const userSlug = typeof header === 'string' ? header.toLowerCase() : username;
    const tokenId = bitbucketDataCenterTokenId(secret);
    return { identity: { userSlug, displayName: userSlug }, tokenId, name: null, scopes: null, expiresAt: null };
  }

  async listTokens(credentials: HostCredentials, userSlug: string, owner: TokenOwner): Promise<HostToken[]> {
    const subject: Subject = { userSlug, owner };
    const tokens: HostToken[] = [];
    let start = 0;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const url = `${this.tokensUrl(userSlug, owner)}?start=${start}&limit=${PAGE_LIMIT}`;
      const response = await this.send({ method: 'GET', url }, credentials, subject);
      const parsed = wireTokenPage.safeParse(response.json);
      if (!parsed.success) throw malformed('the token list');
      for (const wire of parsed.data.values) tokens.push(toHostToken(wire, owner));
      if (parsed.data.isLastPage) return tokens;
      const next = parsed.data.nextPageStart;
      // A next page that does not move forward would loop for ever.
      if (next == null || next <= start) throw malformed('the token list');
      start = next;
    }
    throw malformed('the token list');
  }

  async createToken(credentials: HostCredentials, userSlug: string, spec: NewTokenSpec): Promise<{ token: HostToken; secret: string }> {
    const subject: Subject = { userSlug, owner: spec.owner };
    // What exists before, so that after a lost answer a new token of this name can be told from an old one.
    const before = new Set((await this.listTokens(credentials, userSlug, spec.owner)).map((token) => token.id));
    const body: Record<string, unknown> = { name: spec.name, permissions: spec.scopes };
    if (spec.expiryDays !== null) body.expiryDays = spec.expiryDays;
    let response: HttpResponse;
    try {
      // PUT is never retried by the client (see http/retry.ts): a second create would orphan the first.
      response = await this.send({ method: 'PUT', url: this.tokensUrl(userSlug, spec.owner), json: body }, credentials, subject);
    } catch (error) {
      if (error instanceof TransportError && error.mayHaveReachedServer) {
        throw await this.reconcile(credentials, userSlug, spec, before, error);
      }
      throw error;
    }
    const parsed = wireRawToken.safeParse(response.json);
    if (!parsed.success) throw malformed('the new token');
    return { token: toHostToken(parsed.data, spec.owner), secret: parsed.data.token };
  }

  async revokeToken(credentials: HostCredentials, userSlug: string, owner: TokenOwner, tokenId: string): Promise<void> {
    const url = `${this.tokensUrl(userSlug, owner)}/${segment(tokenId)}`;
    const subject: Subject = { userSlug, owner, tokenId };
    const response = await this.http.request({ method: 'DELETE', url, headers: { authorization: basicAuth(credentials) } });
    if (response.status === 204 || response.status === 200) return;
    // 404 on a repeated DELETE: an earlier try removed it and only its answer was lost.
    if (response.status === 404 && response.attempts > 1) return;
    throw errorFor(response, subject);
  }

  /**
   * An access token signs in to the user search as well as a password does, but cannot manage tokens;
   * saving it as the account password would only fail later, so ask the token endpoint now.
   */
  private async checkCanManageTokens(credentials: HostCredentials, userSlug: string): Promise<void> {
    const url = `${this.tokensUrl(userSlug, { kind: 'user' })}?limit=1`;
    const response = await this.http.request({ method: 'GET', url, headers: { authorization: basicAuth(credentials) } });
    if (response.status === 401) {
      throw new LatchError(
        'auth',
        'Bitbucket accepted these credentials but not for managing tokens. Sign in with your account password, not an access token.',
      );
    }
    if (response.status < 200 || response.status >= 300) throw errorFor(response, { userSlug, owner: { kind: 'user' } });
  }

  /** After a create whose answer never came: find out whether it happened, and say which. */
  private async reconcile(
    credentials: HostCredentials,
    userSlug: string,
    spec: NewTokenSpec,
    before: Set<string>,
    cause: TransportError,
  ): Promise<LatchError> {
    let after: HostToken[];
    try {
      after = await this.listTokens(credentials, userSlug, spec.owner);
    } catch {
      return new LatchError(
        cause.code,
        `${cause.message} Latch could not check whether the token "${spec.name}" was created: look at the token list before creating it again.`,
      );
    }
    const created = after.find((token) => token.name === spec.name && !before.has(token.id));
    if (created) return new SecretLostError(created, 'Bitbucket');
    return new LatchError(cause.code, `${cause.message} The token "${spec.name}" was not created; it is safe to try again.`);
  }

  private tokensUrl(userSlug: string, owner: TokenOwner): string {
    const root = `${this.baseUrl}/rest/access-tokens/latest`;
    switch (owner.kind) {
      case 'user':
        return `${root}/users/${segment(userSlug)}`;
      case 'project':
        return `${root}/projects/${segment(owner.projectKey)}`;
      case 'repository':
        return `${root}/projects/${segment(owner.projectKey)}/repos/${segment(owner.repoSlug)}`;
    }
  }

  /** One authenticated request; any non-2xx status becomes a LatchError. */
  private async send(req: HttpRequest, credentials: HostCredentials, subject: Subject): Promise<HttpResponse> {
    const response = await this.http.request({ ...req, headers: { ...req.headers, authorization: basicAuth(credentials) } });
    if (response.status >= 200 && response.status < 300) return response;
    throw errorFor(response, subject);
  }
}
