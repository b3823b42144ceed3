// Asking a host, with a token alone, whether that token still works and whose it is: git's `erase`
// (one 401 is not proof a token is dead: a hiccup, or a repository the token cannot reach) and
// "keep credentials git hands me" (a credential git approved is kept only when it is the account's own)
// ask this before they change anything. Each host's adapter names its identity call; the verdict is
// read here the same way for all.
import { LatchError } from '../../../shared/result';
import type { HttpClient, HttpRequest, HttpResponse } from '../http/client';

/**
 * alive: the host accepted the token and said whose it is (`login`, its user name there); dead: the host
 * refused the token itself (401 on its identity call); unsure: the host could not be asked or gave no
 * clear answer (offline, rate-limited, a server error), so nothing may be concluded.
 */
export type TokenCheck = { verdict: 'alive'; login: string } | { verdict: 'dead' } | { verdict: 'unsure' };

/** The account a token is checked for: its sign-in name (Bitbucket Cloud's e-mail) and its user names. */
export interface TokenCheckAccount {
  username: string;
  userSlug: string;
}

/**
 * Sends the identity call and reads the verdict: 2xx with a login is alive, 401 is dead, anything
 * else (a network failure included) is unsure. `login` reads the user name out of a 2xx answer.
 */
export async function askWithToken(http: HttpClient, request: HttpRequest, login: (response: HttpResponse) => string | null): Promise<TokenCheck> {
  let response: HttpResponse;
  try {
    response = await http.request(request);
  } catch (error) {
    if (error instanceof LatchError) return { verdict: 'unsure' };
    throw error;
  }
  if (response.status === 401) return { verdict: 'dead' };
  if (response.status < 200 || response.status >= 300) return { verdict: 'unsure' };
  const name = login(response);
  return name ? { verdict: 'alive', login: name } : { verdict: 'unsure' };
}

/** Is the token's owner this account? User names compare without case, as the hosts treat them. */
export function belongsTo(check: TokenCheck, account: TokenCheckAccount): boolean {
  if (check.verdict !== 'alive') return false;
  const login = check.login.toLowerCase();
  return login === account.userSlug.toLowerCase() || login === account.username.toLowerCase();
}
