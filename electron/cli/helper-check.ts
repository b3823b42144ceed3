// The host check git-credential-latch makes on `erase` and before keeping a credential from git: the
// host's identity call with the token itself. Bundled on its own, with the host code and the HTTP client,
// so `get` never loads any of it.
import type { Account } from '../../shared/domain';
import { createAdapter } from '../core/hosts';
import type { TokenCheck } from '../core/hosts/token-check';
import { createHttpClient } from '../core/http';

/** git waits for the helper: one short try, no retries, and 'unsure' when the host does not answer in time. */
const CHECK_TIMEOUT_MS = 5_000;

export async function checkToken(account: Account, secret: string): Promise<TokenCheck> {
  const http = createHttpClient({ timeoutMs: CHECK_TIMEOUT_MS, retry: { maxAttempts: 1 } });
  try {
    const adapter = createAdapter(account.host, account.baseUrl, http);
    return adapter.checkToken ? await adapter.checkToken(secret, account) : { verdict: 'unsure' };
  } finally {
    await http.close();
  }
}

export interface HelperCheckModule {
  checkToken: typeof checkToken;
}
