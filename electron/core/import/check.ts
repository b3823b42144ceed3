// `--check`: asks each credential's own host whether it still works. The secret goes only to the
// server in the credential's own URL or line (protocol, host and port as written there), never to a
// server Latch merely associates with its shape, and at most once per distinct credential.
// Which API that server speaks comes from a Latch account on exactly that server, else from the host
// table (the one server of a hosted service), else from the secret's shape; with none of those, or
// a host whose API cannot check a git credential, the answer is 'unknown'.
import type { Account } from '../../../shared/domain';
import { HOST_KINDS, HOSTS, type HostKind } from '../../../shared/hosts';
import type { ImportStatus } from '../../../shared/imports';
import { LatchError } from '../../../shared/result';
import { recognizeSecret } from '../../../shared/secret-formats';
import { gitHost, gitProtocol, normalizeBaseUrl } from '../../../shared/url';
import type { HostAdapter } from '../hosts/adapter';
import { serverAddress } from '../credential/match';
import type { Found } from './found';

export interface CheckDeps {
  accounts: readonly Account[];
  adapter(kind: HostKind, baseUrl: string): HostAdapter;
}

export interface CheckOutcome {
  status: Extract<ImportStatus, 'works' | 'refused' | 'unknown'>;
  reason: string | null;
}

/** The server a credential belongs to and the API it speaks; null when Latch cannot tell. */
export function serverOf(found: Found, accounts: readonly Account[]): { kind: HostKind; baseUrl: string } | null {
  const { protocol, host } = found.finding;
  if (protocol === null || host === null) return null;
  const account = accounts.find((a) => {
    const server = serverAddress(a.baseUrl);
    return server !== null && server.protocol === protocol && server.host === host;
  });
  if (account) return { kind: account.host, baseUrl: account.baseUrl };
  for (const kind of HOST_KINDS) {
    const fixed = HOSTS[kind].fixedBaseUrl ?? HOSTS[kind].defaultBaseUrl ?? null;
    if (fixed && gitProtocol(fixed) === protocol && gitHost(fixed) === host) return { kind, baseUrl: fixed };
  }
  const shape = recognizeSecret(found.secret).host;
  if (shape === null || HOSTS[shape].fixedBaseUrl !== null) return null;
  try {
    return { kind: shape, baseUrl: normalizeBaseUrl(`${protocol}://${host}`) };
  } catch {
    return null;
  }
}

export async function checkOne(deps: CheckDeps, found: Found): Promise<CheckOutcome> {
  const server = serverOf(found, deps.accounts);
  const username = found.finding.username ?? '';
  if (!server) return { status: 'unknown', reason: 'Latch does not know what server this is, so it could not ask it.' };
  if (!HOSTS[server.kind].implemented) return { status: 'unknown', reason: `Latch cannot ask ${HOSTS[server.kind].label} yet.` };
  if (HOSTS[server.kind].browserToken?.email) {
    // Its API takes the Atlassian email with the token, and git's username is not that email.
    return { status: 'unknown', reason: `${HOSTS[server.kind].label} checks a token only with the account's email, which git does not keep.` };
  }
  try {
    const adapter = deps.adapter(server.kind, server.baseUrl);
    if (adapter.checkToken && recognizeSecret(found.secret).host === server.kind) {
      // A token of the host's own shape: the host's identity call with the token itself.
      const check = await adapter.checkToken(found.secret, { username, userSlug: username });
      if (check.verdict === 'alive') return { status: 'works', reason: null };
      if (check.verdict === 'dead') return { status: 'refused', reason: `${server.baseUrl} refused it.` };
      return { status: 'unknown', reason: `Latch could not tell whether it works: ${server.baseUrl} gave no clear answer.` };
    }
    await adapter.verify({ username, password: found.secret });
    return { status: 'works', reason: null };
  } catch (error) {
    if (error instanceof LatchError && error.code === 'auth') return { status: 'refused', reason: `${server.baseUrl} refused it.` };
    const sentence = error instanceof LatchError ? error.message : 'Something unexpected went wrong inside Latch.';
    return { status: 'unknown', reason: `Latch could not tell whether it works: ${sentence}` };
  }
}

/** Checks each distinct credential once; the same one found in two places shares the answer. */
export async function checkAll(deps: CheckDeps, found: readonly Found[]): Promise<Map<Found, CheckOutcome>> {
  const asked = new Map<string, Promise<CheckOutcome>>();
  const outcomes = new Map<Found, CheckOutcome>();
  for (const item of found) {
    if (item.finding.status === 'dead' || item.finding.host === null) continue;
    const { protocol, host, username } = item.finding;
    const key = JSON.stringify([protocol, host, username, item.secret]);
    let pending = asked.get(key);
    if (!pending) {
      pending = checkOne(deps, item);
      asked.set(key, pending);
    }
    outcomes.set(item, await pending);
  }
  return outcomes;
}
