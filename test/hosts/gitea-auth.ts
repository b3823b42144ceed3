// Who a request is, as Gitea's and Forgejo's authentication runs before any route (so wrong
// credentials are a 401 even on /version), with each flavour's own words for a refusal.
//   - `Authorization: token <t>` or `Bearer <t>`: a personal access token.
//   - Basic: the password is tried as a token first (Gitea also takes the token as the username with
//     an empty password or `x-oauth-basic`), then as the account password. A password needs the TOTP
//     code in X-Gitea-OTP (Gitea) or X-Forgejo-OTP (Forgejo, which still reads X-Gitea-OTP when its
//     own header is absent); a code already accepted once is refused; with a security key enrolled
//     Basic with the password is refused outright.
// Sources: hosts-next.md §1.3; Gitea services/auth/basic.go and routers/api/v1/api.go (apiAuth shows
// only ErrUserAuthMessage texts and "invalid username, password or token" for anything else);
// Forgejo services/auth/method/basic.go (its error texts are shown as they are), models/auth
// (ValidateAndConsumeTOTP in Gitea, the LastUsedPasscode check in Forgejo).
import type { IncomingHttpHeaders } from 'node:http';
import type { Flavor } from './gitea-rules';
import type { GiteaStore, GiteaToken, GiteaUser } from './gitea-store';
import { totpMatches } from './gitea-totp';

export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'password'; user: GiteaUser }
  /** `scheme` is how the token came: token/bearer header, or inside Basic. */
  | { kind: 'token'; user: GiteaUser; token: GiteaToken; scheme: 'header' | 'basic' };

/** A 401 from the authentication step, with the message the server shows. */
export class AuthRefused {
  constructor(readonly message: string) {}
}

const GITEA_GENERIC = 'invalid username, password or token';

export const AUTH_MESSAGES = {
  gitea: {
    webauthn: 'basic authorization is not allowed while WebAuthn enrolled',
    /** reqBasicOrRevProxyAuth: the tokens routes were not called with Basic and the password. */
    basicRequired: 'auth required',
  },
  forgejo: {
    webauthn: 'Basic authorization is not allowed while having security keys enrolled',
    basicRequired: 'auth method not allowed',
    otpInvalid: 'invalid provided OTP',
    otpReused: 'cannot reuse a TOTP code',
  },
} as const;

export interface AuthContext {
  flavor: Flavor;
  store: GiteaStore;
  now: () => number;
  /** Older servers took the same TOTP code again within its window. */
  acceptsOtpReuse: boolean;
}

/** The caller of an API request, or AuthRefused. */
export function authenticateApi(ctx: AuthContext, headers: IncomingHttpHeaders): Caller {
  const header = headers.authorization ?? '';
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const value = space < 0 ? '' : header.slice(space + 1).trim();
  if (scheme === 'token' || scheme === 'bearer') {
    const token = ctx.store.tokenBySecret(value);
    if (token) return tokenCaller(ctx, token, 'header');
    // Gitea refuses an unknown token; Forgejo's token method finds no user and goes on anonymously.
    if (ctx.flavor === 'gitea') throw new AuthRefused(GITEA_GENERIC);
    return { kind: 'anonymous' };
  }
  if (scheme !== 'basic') return { kind: 'anonymous' };
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const username = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  const token = basicToken(ctx, username, password);
  if (token) return tokenCaller(ctx, token, 'basic');
  return { kind: 'password', user: signIn(ctx, username, password, otpHeader(ctx.flavor, headers)) };
}

/**
 * Who git's Basic credentials are, the way the servers' Basic method answers for git paths (no OTP
 * header ever comes with git, so a password of a two-factor account fails). Null when refused.
 */
export function authenticateGit(ctx: AuthContext, username: string, password: string): Caller | null {
  const token = basicToken(ctx, username, password);
  if (token) return tokenCaller(ctx, token, 'basic');
  try {
    return { kind: 'password', user: signIn(ctx, username, password, '') };
  } catch (error) {
    if (error instanceof AuthRefused) return null;
    throw error;
  }
}

/** The username is never checked against a token's owner; Gitea also takes the token as the username. */
function basicToken(ctx: AuthContext, username: string, password: string): GiteaToken | undefined {
  const usernameIsToken = ctx.flavor === 'gitea' && (password === '' || password === 'x-oauth-basic');
  return ctx.store.tokenBySecret(usernameIsToken ? username : password);
}

function tokenCaller(ctx: AuthContext, token: GiteaToken, scheme: 'header' | 'basic'): Caller {
  token.lastUsedAt = ctx.now();
  return { kind: 'token', user: ctx.store.userById(token.userId)!, token, scheme };
}

function otpHeader(flavor: Flavor, headers: IncomingHttpHeaders): string {
  const read = (name: string) => {
    const value = headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  };
  if (flavor === 'gitea') return read('x-gitea-otp');
  return read('x-forgejo-otp') || read('x-gitea-otp');
}

function signIn(ctx: AuthContext, username: string, password: string, otp: string): GiteaUser {
  const forgejo = ctx.flavor === 'forgejo';
  const user = ctx.store.findUser(username);
  if (!user) throw new AuthRefused(forgejo ? `user does not exist [uid: 0, name: ${username}]` : GITEA_GENERIC);
  if (user.password !== password) {
    throw new AuthRefused(forgejo ? `user's password is invalid [uid: ${user.id}, name: ${user.username}]` : GITEA_GENERIC);
  }
  if (user.webauthn) throw new AuthRefused(AUTH_MESSAGES[ctx.flavor].webauthn);
  if (user.totpSecret) {
    if (!totpMatches(user.totpSecret, otp, ctx.now())) throw new AuthRefused(forgejo ? AUTH_MESSAGES.forgejo.otpInvalid : GITEA_GENERIC);
    if (!ctx.acceptsOtpReuse && user.lastOtp === otp) throw new AuthRefused(forgejo ? AUTH_MESSAGES.forgejo.otpReused : GITEA_GENERIC);
    user.lastOtp = otp;
  }
  return user;
}
