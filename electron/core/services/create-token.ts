// Creating a token on the host, after every rule the window and the CLI check (owner, name, expiry,
// permissions) holds again here; its secret is kept when asked, and returned once either way.
import { describeAccount, type CreateTokenRequest, type CreatedToken } from '../../../shared/domain';
import { expiresAt } from '../../../shared/expiry';
import { accountCapabilities, HOSTS } from '../../../shared/hosts';
import { checkTokenName, expiryDaysProblem } from '../../../shared/schemas';
import { checkPermissions, fromScopes, toScopes } from '../../../shared/permissions';
import { LatchError } from '../../../shared/result';
import type { HostToken } from '../hosts/adapter';
import { storeSecret } from './stored-secrets';
import { markGitToken } from './stored-token';
import type { TokensDeps } from './token-deps';
import { checkOwner } from './token-owner';

export async function createToken(deps: TokensDeps, request: CreateTokenRequest): Promise<CreatedToken> {
  const { store, keychain, accounts, adapterFor } = deps;
  const account = await accounts.get(request.accountId);
  const capabilities = accountCapabilities(account);
  if (!capabilities.createByApi && account.signIn === 'api-token' && HOSTS[account.host].signIn !== 'api-token') {
    throw new LatchError(
      'unsupported',
      `${describeAccount(account)} has a security key or passkey, so its server lets no program create tokens for it. ` +
        `Create one in your browser at ${capabilities.manageUrl?.(account.baseUrl) ?? 'the host'}, then give it to Latch with Add token.`,
    );
  }
  if (!capabilities.createByApi) {
    throw new LatchError('unsupported', `${capabilities.label} has no API to create tokens. ${capabilities.limitation ?? ''}`.trim());
  }
  if (!(capabilities.createOwners ?? capabilities.owners).includes(request.owner.kind)) {
    const where = capabilities.manageUrl?.(account.baseUrl);
    throw new LatchError('unsupported', `${capabilities.label} cannot create ${request.owner.kind === 'user' ? 'personal' : request.owner.kind} tokens by API${where ? `: make one at ${where} and give it to Latch` : ''}.`);
  }
  checkOwner(account, request.owner);
  const name = checkTokenName(request.name);
  if (!name.ok) throw new LatchError('validation', name.problem);
  const expiryDays = request.expiryDays;
  const daysProblem = expiryDaysProblem(expiryDays);
  if (daysProblem) throw new LatchError('validation', daysProblem);
  let scopes = [...request.scopes];
  if (capabilities.scopeModel === 'bitbucket-datacenter-levels') {
    const parsed = fromScopes(request.scopes);
    if ('error' in parsed) throw new LatchError('validation', parsed.error);
    const rule = checkPermissions(parsed.choice, request.owner);
    if (rule) throw new LatchError('validation', rule);
    scopes = toScopes(parsed.choice);
  }

  const created = await accounts.withCredentials(account, (credentials) =>
    adapterFor(account).createToken(credentials, account.userSlug, {
      name: name.name,
      scopes,
      expiryDays,
      owner: request.owner,
      // Only GitLab's adapter reads it (GitLabTokenSpec); the others take the spec without it.
      ...(request.accessLevel !== undefined ? { accessLevel: request.accessLevel } : {}),
    }),
    request.owner,
  );
  const hostToken: HostToken = { ...created.token, expiresAt: created.token.expiresAt ?? expiresAt(created.token.createdAt, expiryDays) };
  const result: CreatedToken = {
    token: { ...hostToken, stored: false, rejected: false, onHost: true },
    secret: created.secret,
    gitUsername: capabilities.gitUsername(request.owner, account),
  };
  if (request.store) {
    // The host already made the token: whatever happens here, the person still gets the secret once.
    try {
      await storeSecret(store, keychain, account, hostToken, created.secret);
      result.token.stored = true;
      result.token = markGitToken([result.token], account, await store.read(), (deps.now ?? Date.now)())[0] ?? result.token;
    } catch (error) {
      const reason = error instanceof LatchError ? ` ${error.message}` : '';
      result.storeError = `The token was created, but Latch could not keep its secret in the keychain.${reason} Copy it now: it cannot be shown again.`;
    }
  }
  return result;
}
