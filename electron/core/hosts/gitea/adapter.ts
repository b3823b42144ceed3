// Gitea's and Forgejo's access tokens through their REST API (/api/v1). Managing tokens takes Basic
// with the account password, never a token, and with two-factor authentication the one-time code in
// X-Gitea-OTP or X-Forgejo-OTP. Forgejo and Gitea 1.27 take each code once, so a code goes only with
// the one call that needs it: an operation given a code makes that single call. Gitea 1.27 also lets a
// token describe and delete itself (/api/v1/token). Source: shared reference hosts-next.md §1.
import type { TokenOwner } from '../../../../shared/domain';
import { HOSTS } from '../../../../shared/hosts';
import { LatchError } from '../../../../shared/result';
import type { HttpClient, HttpRequest, HttpResponse } from '../../http/client';
import { TransportError } from '../../http/transport-errors';
import { SecretLostError, type HostAdapter, type HostCredentials, type HostIdentity, type HostToken, type NewTokenSpec, type RevokeBySecretOutcome, type TokenInspection } from '../adapter';
import { PageBudget, PASSWORD_PAGE_LIMITS } from '../paging';
import { askWithToken, type TokenCheck } from '../token-check';
import { errorFor, malformed, type Asked, type Subject } from './errors';
import { basicAuth, decimalId, oneTimeCode, refuseNumericName, refuseOtherOwners } from './rules';
import { detectServer, pageSize } from './server';
import { otpHeaderName, selfTokenRoutes, takesOtpTwice, type GiteaServer } from './version';
import { SECRET_SHAPE, toHostToken, wireCreatedToken, wireCurrentToken, wireTokenList, wireUser, type WireToken } from './wire';

/** The answers of the self routes when the token in the header is not (or no longer) a token. */
const UNKNOWN_TOKEN = /personal token|token not found/i;

const segment = encodeURIComponent;

export class GiteaAdapter implements HostAdapter {
  readonly capabilities = HOSTS.gitea;
  private readonly api: string;
  private detected: Promise<GiteaServer> | null = null;
  private limit: Promise<number> | null = null;

  constructor(
    /** Normalised base URL, sub-path included (e.g. https://git.example.com/gitea). */
    private readonly baseUrl: string,
    private readonly http: HttpClient,
  ) {
    this.api = `${baseUrl}/api/v1`;
  }

  /** Gitea or Forgejo, and which version: asked once, without credentials. */
  server(): Promise<GiteaServer> {
    this.detected ??= detectServer(this.http, this.api).catch((error: unknown) => {
      this.detected = null;
      throw error;
    });
    return this.detected;
  }

  async verify(credentials: HostCredentials): Promise<HostIdentity> {
    const code = oneTimeCode(credentials.otp);
    const server = await this.server();
    if (code !== null) {
      // The token list alone proves the password, the code and the right to manage tokens, and a code works once.
      const userSlug = credentials.username.trim();
      const { tokens } = await this.page(server, credentials, code, userSlug, 1);
      this.refuseTokenAsPassword(server, credentials, tokens);
      return { userSlug, displayName: userSlug, server: server.label };
    }
    const who = await this.send(server, { method: 'GET', url: `${this.api}/user` }, credentials, null, { userSlug: credentials.username });
    const parsed = wireUser.safeParse(who.json);
    if (!parsed.success) throw malformed(server.product, 'the sign-in check');
    const login = parsed.data.login;
    // A token signs in to /user as well as the password does; the token list tells them apart.
    const { tokens } = await this.page(server, credentials, null, login, 1);
    this.refuseTokenAsPassword(server, credentials, tokens);
    return { userSlug: login, displayName: parsed.data.full_name?.trim() || login, server: server.label };
  }

  async listTokens(credentials: HostCredentials, userSlug: string, owner: TokenOwner): Promise<HostToken[]> {
    refuseOtherOwners(owner);
    const code = oneTimeCode(credentials.otp);
    const server = await this.server();
    const all = await this.collect(server, credentials, code, userSlug);
    return all.map((wire) => toHostToken(wire, owner));
  }

  async createToken(credentials: HostCredentials, userSlug: string, spec: NewTokenSpec): Promise<{ token: HostToken; secret: string }> {
    refuseOtherOwners(spec.owner);
    if (spec.expiryDays !== null) {
      throw new LatchError('validation', 'Gitea and Forgejo tokens never expire, so Latch cannot set an expiry. Create the token without one and revoke it when it is no longer needed.');
    }
    if (spec.scopes.length === 0) throw new LatchError('validation', 'Choose at least one scope: Gitea and Forgejo make no token without one.');
    refuseNumericName(spec.name);
    const code = oneTimeCode(credentials.otp);
    const server = await this.server();
    // Without a code, what exists before tells a token made by this call from an older one after a
    // lost answer; with one, the code is kept for the create itself.
    let before: Set<string> | null = null;
    if (code === null) {
      const existing = await this.collect(server, credentials, null, userSlug);
      before = new Set(existing.map((wire) => String(wire.id)));
    }
    const subject: Subject = { userSlug, tokenName: spec.name };
    let response: HttpResponse;
    try {
      // POST is never retried by the client (see http/retry.ts): a second create would orphan the first.
      const request: HttpRequest = { method: 'POST', url: this.tokensUrl(userSlug), json: { name: spec.name, scopes: spec.scopes } };
      response = await this.send(server, request, credentials, code, subject);
    } catch (error) {
      if (error instanceof TransportError && error.mayHaveReachedServer) throw await this.reconcile(server, credentials, userSlug, spec, before, error);
      throw error;
    }
    const parsed = wireCreatedToken.safeParse(response.json);
    const secret = parsed.success ? parsed.data.sha1 : '';
    if (!parsed.success || !SECRET_SHAPE.test(secret) || (parsed.data.token_last_eight != null && parsed.data.token_last_eight !== secret.slice(-8))) {
      throw new LatchError(
        'host-error',
        `${server.product} made the token "${spec.name}", but its answer carried no secret Latch can read, so the secret is lost. Revoke the token and create another.`,
      );
    }
    const token = toHostToken(parsed.data, spec.owner);
    token.createdAt ??= new Date().toISOString();
    // Servers before Gitea 1.22.3 answer `scopes: null`: the list says what was granted.
    if (parsed.data.scopes == null) token.scopes = await this.grantedScopes(server, credentials, code, userSlug, token.id, spec.scopes);
    return { token, secret };
  }

  async revokeToken(credentials: HostCredentials, userSlug: string, owner: TokenOwner, tokenId: string): Promise<void> {
    refuseOtherOwners(owner);
    const id = decimalId(tokenId);
    const code = oneTimeCode(credentials.otp);
    const server = await this.server();
    const request: HttpRequest = { method: 'DELETE', url: `${this.tokensUrl(userSlug)}/${id}`, headers: this.authHeaders(server, credentials, code) };
    const response = await this.http.request(request);
    if (response.status === 204 || response.status === 200) return;
    // 404 on a repeated DELETE: an earlier try removed it and only its answer was lost.
    if (response.status === 404 && response.attempts > 1) return;
    throw errorFor(response, this.asked(server, credentials, code), { userSlug, tokenId: id });
  }

  /** GET /user with the token (a token without read:user gets 403: unsure, never dead). */
  checkToken(secret: string): Promise<TokenCheck> {
    const request = { method: 'GET' as const, url: `${this.api}/user`, headers: { authorization: `token ${secret}` } };
    return askWithToken(this.http, request, (response) => {
      const parsed = wireUser.safeParse(response.json);
      return parsed.success ? parsed.data.login : null;
    });
  }

  async inspectToken(secret: string): Promise<TokenInspection> {
    const server = await this.server();
    refuseNonToken(server, secret);
    const headers = { authorization: `token ${secret}` };
    const asked: Asked = { server, baseUrl: this.baseUrl, otpSent: false, secrets: [secret] };
    let current: { id: number; name: string; scopes: string[]; login: string } | null = null;
    if (selfTokenRoutes(server) !== 'no') {
      const response = await this.http.request({ method: 'GET', url: `${this.api}/token`, headers });
      if (response.status === 401 || (response.status === 404 && tokenUnknown(response))) throw unknownToken(server);
      if (response.status >= 200 && response.status < 300) {
        const parsed = wireCurrentToken.safeParse(response.json);
        if (!parsed.success) throw malformed(server.product, 'the token check');
        current = { id: parsed.data.id, name: parsed.data.name, scopes: parsed.data.scopes ?? [], login: parsed.data.user.login };
      } else if (response.status !== 404) {
        throw errorFor(response, asked, {});
      }
    }
    const response = await this.http.request({ method: 'GET', url: `${this.api}/user`, headers });
    let identity: HostIdentity;
    if (response.status >= 200 && response.status < 300) {
      const parsed = wireUser.safeParse(response.json);
      if (!parsed.success) throw malformed(server.product, 'the token check');
      identity = { userSlug: parsed.data.login, displayName: parsed.data.full_name?.trim() || parsed.data.login, server: server.label };
    } else if (response.status === 401) {
      throw unknownToken(server);
    } else if (response.status === 403 && current) {
      // A token without read:user may not read its owner's profile, but /token said whose it is.
      identity = { userSlug: current.login, displayName: current.login, server: server.label };
    } else if (response.status === 403) {
      throw new LatchError('forbidden', `${server.product} knows this token, but it lacks the read:user scope, so it cannot say whose it is: make the token with read:user as well.`);
    } else {
      throw errorFor(response, asked, {});
    }
    return { identity, tokenId: current ? String(current.id) : null, name: current?.name ?? null, scopes: current?.scopes ?? null, expiresAt: null };
  }

  async revokeBySecret(secret: string): Promise<RevokeBySecretOutcome> {
    const server = await this.server();
    refuseNonToken(server, secret);
    if (selfTokenRoutes(server) === 'no') throw noSelfDelete(server);
    const response = await this.http.request({ method: 'DELETE', url: `${this.api}/token`, headers: { authorization: `token ${secret}` } });
    if (response.status === 204 || response.status === 200) return 'revoked';
    // Refused: dead before, unless an earlier try of this very call deleted it and only its answer was lost.
    if (response.status === 401 || (response.status === 404 && tokenUnknown(response))) return response.attempts > 1 ? 'revoked' : 'already-dead';
    if (response.status === 404) throw noSelfDelete(server);
    throw errorFor(response, { server, baseUrl: this.baseUrl, otpSent: false, secrets: [secret] }, {});
  }

  async findTokenBySecret(credentials: HostCredentials, userSlug: string, secret: string): Promise<HostToken | null> {
    if (!SECRET_SHAPE.test(secret)) return null;
    const code = oneTimeCode(credentials.otp);
    const server = await this.server();
    // The server keeps only a hash and the last eight characters, and finds tokens by them too.
    const matches = (await this.collect(server, credentials, code, userSlug)).filter((wire) => wire.token_last_eight === secret.slice(-8));
    if (matches.length > 1) {
      throw new LatchError(
        'conflict',
        `${matches.length} tokens of "${userSlug}" end in the same eight characters, so Latch cannot tell which one this is. ` +
          'Delete the one you know in the browser, under Settings → Applications.',
      );
    }
    return matches[0] ? toHostToken(matches[0], { kind: 'user' }) : null;
  }

  /** Every token, page by page, bounded; a code goes with the first page, and with later ones only where the server takes it twice. */
  private async collect(server: GiteaServer, credentials: HostCredentials, code: string | null, userSlug: string): Promise<WireToken[]> {
    const seen = new Map<number, WireToken>();
    const budget = new PageBudget(server.product, 'the token list', PASSWORD_PAGE_LIMITS);
    for (let number = 1; ; number += 1) {
      const { tokens, total, limit } = await this.page(server, credentials, number === 1 || takesOtpTwice(server) ? code : null, userSlug, number);
      let fresh = 0;
      for (const wire of tokens) {
        if (seen.has(wire.id)) continue;
        seen.set(wire.id, wire);
        fresh += 1;
      }
      // X-Total-Count says when the list is whole; without it, a short page is the last.
      const done = tokens.length === 0 || (total !== null ? seen.size >= total : tokens.length < limit);
      if (done) return [...seen.values()];
      // A page with nothing new would loop for ever.
      if (fresh === 0) throw malformed(server.product, 'the token list');
      if (code !== null && !takesOtpTwice(server)) throw tooManyForOneCode(server, total ?? seen.size + 1, seen.size);
      budget.took(tokens.length);
    }
  }

  /** One page of the user's tokens (1-based), and X-Total-Count when the server sent it. */
  private async page(server: GiteaServer, credentials: HostCredentials, code: string | null, userSlug: string, number: number) {
    this.limit ??= pageSize(this.http, this.api).catch((error: unknown) => {
      this.limit = null;
      throw error;
    });
    const limit = await this.limit;
    const url = `${this.tokensUrl(userSlug)}?page=${number}&limit=${limit}`;
    const response = await this.send(server, { method: 'GET', url }, credentials, code, { userSlug });
    const parsed = wireTokenList.safeParse(response.json);
    if (!parsed.success) throw malformed(server.product, 'the token list');
    const header = response.headers['x-total-count'];
    const text = Array.isArray(header) ? header[0] : header;
    const total = text !== undefined && /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null;
    return { tokens: parsed.data, total, limit };
  }

  /**
   * A token given as the password: Gitea refuses it the token list (401), but Forgejo lets a read:user
   * token list, so there the secret's last eight characters among the listed tokens give it away.
   */
  private refuseTokenAsPassword(server: GiteaServer, credentials: HostCredentials, tokens: WireToken[]): void {
    const password = credentials.password;
    if (!SECRET_SHAPE.test(password) || !tokens.some((wire) => wire.token_last_eight === password.slice(-8))) return;
    throw new LatchError('auth', `${server.product} accepted an access token of this account, not its password. Sign in with your account password: a token cannot manage tokens.`);
  }

  /** The scopes a new token got, from the list; the ones asked for when the list cannot be read (the secret is in hand and must not be lost). */
  private async grantedScopes(server: GiteaServer, credentials: HostCredentials, code: string | null, userSlug: string, id: string, asked: string[]): Promise<string[]> {
    // Where the server takes a code once, the create has used it.
    if (code !== null && !takesOtpTwice(server)) return [...asked];
    try {
      const listed = (await this.collect(server, credentials, code, userSlug)).find((wire) => String(wire.id) === id);
      return listed?.scopes ?? [...asked];
    } catch {
      return [...asked];
    }
  }

  /** After a create whose answer never came: find out whether it happened, and say which. */
  private async reconcile(server: GiteaServer, credentials: HostCredentials, userSlug: string, spec: NewTokenSpec, before: Set<string> | null, cause: TransportError): Promise<LatchError> {
    const cannotTell = (why: string) =>
      new LatchError(
        cause.code,
        `${cause.message} Latch could not check whether the token "${spec.name}" was created${why}: look at the token list before creating it again, ` +
          'and if it is there, revoke it, since its secret was lost.',
      );
    if (before === null) return cannotTell(' (that takes another one-time code)');
    let after: WireToken[];
    try {
      after = await this.collect(server, credentials, null, userSlug);
    } catch {
      return cannotTell('');
    }
    const created = after.find((wire) => wire.name === spec.name && !before.has(String(wire.id)));
    if (created) return new SecretLostError(toHostToken(created, spec.owner), server.product);
    return new LatchError(cause.code, `${cause.message} The token "${spec.name}" was not created; it is safe to try again.`);
  }

  private tokensUrl(userSlug: string): string {
    return `${this.api}/users/${segment(userSlug)}/tokens`;
  }

  private authHeaders(server: GiteaServer, credentials: HostCredentials, code: string | null): Record<string, string> {
    const headers: Record<string, string> = { authorization: basicAuth(credentials) };
    if (code !== null) headers[otpHeaderName(server)] = code;
    return headers;
  }

  private asked(server: GiteaServer, credentials: HostCredentials, code: string | null): Asked {
    return { server, baseUrl: this.baseUrl, otpSent: code !== null, secrets: [credentials.password, ...(code ? [code] : [])] };
  }

  /** One request with the account's password (and the code, when given); any non-2xx status becomes a LatchError. */
  private async send(server: GiteaServer, req: HttpRequest, credentials: HostCredentials, code: string | null, subject: Subject): Promise<HttpResponse> {
    const response = await this.http.request({ ...req, headers: { ...req.headers, ...this.authHeaders(server, credentials, code) } });
    if (response.status >= 200 && response.status < 300) return response;
    throw errorFor(response, this.asked(server, credentials, code), subject);
  }
}

function tokenUnknown(response: HttpResponse): boolean {
  const message = (response.json as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && UNKNOWN_TOKEN.test(message);
}

function refuseNonToken(server: GiteaServer, secret: string): void {
  if (!SECRET_SHAPE.test(secret)) {
    throw new LatchError('validation', `That is not a ${server.product === 'The server' ? 'Gitea or Forgejo' : server.product} access token: those are 40 characters of 0–9 and a–f.`);
  }
}

function unknownToken(server: GiteaServer): LatchError {
  return new LatchError('auth', `${server.product} does not know this token: it was deleted, or it is not one of this server's tokens.`);
}

function noSelfDelete(server: GiteaServer): LatchError {
  return new LatchError(
    'unsupported',
    `${server.label} cannot delete a token given only the token (Gitea can from version 1.27): it takes the password of the account the token belongs to.`,
  );
}

function tooManyForOneCode(server: GiteaServer, total: number, shown: number): LatchError {
  return new LatchError(
    'unsupported',
    `This account has ${total} tokens, and ${server.product} gives at most ${shown} in one answer. With two-factor authentication each further answer takes a one-time code of its own, ` +
      'and a code works only once. Delete the tokens you no longer use in the browser, under Settings → Applications, then try again.',
  );
}
