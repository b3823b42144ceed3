import { useMemo } from 'react';
import { accountCapabilities, revokesBySecret } from '../../../shared/hosts';
import type { AccountView } from '../../../shared/domain';
import { Notice } from '../../components/Alert';
import { Icon } from '../../components/Icon';
import { OpenPageButton } from '../../components/OpenPageButton';
import { displayHost } from '../../lib/host';
import { listKey, USER_OWNER } from '../../lib/owner';
import { accountTokenPage, keptWithoutPassword } from '../../lib/browser-token';
import { filterTokens, sortTokens } from '../../lib/token-table';
import { useLatch } from '../../store/context';
import { NewTokenPages } from '../github/NewTokenPages';
import { DEFAULT_BROWSER_TOKEN_NAME } from '../../lib/browser-token';
import { BrowserTokenTable } from './BrowserTokenTable';
import { ListEmpty, ListLoading, NoTokenMatches, TokenListError, TokenToolbar } from './TokenListParts';
import './tokens.css';

/**
 * A host with no token API (Bitbucket Cloud): the tokens the person made in the browser and pasted
 * into Latch, kept in the keychain for git. No owner switch and no Create: the host offers neither.
 */
export function BrowserTokensPanel({ account }: { account: AccountView }) {
  const list = useLatch((state) => state.lists[listKey(account.id, USER_OWNER)]);
  const filter = useLatch((state) => state.filter);
  const sort = useLatch((state) => state.sort);
  const openDialog = useLatch((state) => state.openDialog);

  const capabilities = accountCapabilities(account);
  const pageHost = accountTokenPage(account);
  // A Gitea or Forgejo account with a security key: tokens made in its settings page, revoked by themselves.
  const keptOnly = keptWithoutPassword(account);
  const gitHost = displayHost(account.baseUrl);
  const tokens = list?.tokens;
  const visible = useMemo(() => sortTokens(filterTokens(tokens ?? [], filter), sort), [tokens, filter, sort]);
  const loading = !list || list.status === 'loading';
  const firstLoad = loading && (tokens?.length ?? 0) === 0;
  const total = tokens?.length ?? 0;
  const openPage = <OpenPageButton page={{ accountId: account.id }} label={keptOnly ? 'Open the token page' : `Open ${pageHost}`} />;
  // GitHub: the token is made on its prefilled page, and revoked by Latch with its secret.
  const bySecret = capabilities.revokeBySecret && (capabilities.newTokenPages !== undefined || keptOnly);
  const openManagePage = useLatch((state) => state.openManagePage);
  const addButton = (
    <button type="button" className="button button--primary" onClick={() => openDialog({ kind: 'add-token' })}>
      <Icon name="plus" />
      {bySecret ? 'Add a token' : 'Add API token'}
    </button>
  );
  const createButton = bySecret && (
    <button
      type="button"
      className="button"
      onClick={async () => {
        await openManagePage(keptOnly ? { accountId: account.id } : { accountId: account.id, newToken: { kind: 'classic', name: DEFAULT_BROWSER_TOKEN_NAME } });
        openDialog({ kind: 'add-token' });
      }}
    >
      <Icon name="external" />
      {keptOnly ? 'Create in browser…' : `Create on ${capabilities.label}…`}
    </button>
  );
  const actions = bySecret ? (
    <span className="toolbar__actions">
      {createButton}
      {addButton}
    </span>
  ) : (
    addButton
  );

  return (
    <section className="tokens" aria-labelledby="kept-tokens-title">
      <div className="kept__intro">
        <h2 id="kept-tokens-title" className="kept__title">
          {keptOnly ? 'Access tokens Latch keeps' : 'API tokens Latch keeps'}
        </h2>
        <Notice>
          <p>
            {keptOnly
              ? `This account has a security key or passkey, so ${account.server ?? 'its server'} lets no program use its password: Latch cannot create or list its tokens. ` +
                `Create them in your browser at ${pageHost} and add them here; Latch keeps them in your keychain for git on ${gitHost}. ` +
                'Revoke asks the server to delete one with its own secret (Gitea 1.27 and later); elsewhere delete it in the browser, then remove it from Latch.'
              : bySecret
              ? `${capabilities.label} cannot list tokens by API. Latch lists the tokens you added here and gives them to git for ${gitHost} until they expire. Revoke asks ${capabilities.label} to revoke one with its secret.`
              : `${capabilities.label} cannot list or revoke tokens by API. Latch lists the tokens you added here and gives them to git for ${gitHost} until they expire. To revoke one, do it at ${pageHost}, then remove it from Latch.`}
          </p>
          {(!bySecret || keptOnly) && openPage}
        </Notice>
      </div>
      <TokenToolbar shown={visible.length} total={total} firstLoad={firstLoad} loading={loading} action={actions} />

      {list?.status === 'error' && list.error && <TokenListError message={list.error.message} />}

      {firstLoad ? (
        <ListLoading label="Loading the API tokens Latch keeps…" />
      ) : total === 0 && list?.status === 'ready' ? (
        <ListEmpty>
          <h3 className="state__title">{bySecret ? 'No tokens kept yet' : 'No API tokens kept yet'}</h3>
          {keptOnly ? (
            <p className="state__text">
              Create an access token at {pageHost} with the scopes git needs (write:repository to push, read:user so older servers can say
              whose it is), then add it here. Latch keeps it in your keychain for git.
            </p>
          ) : bySecret ? (
            <div className="state__text">
              <p>Create a personal access token on {capabilities.label}, then add it here. Latch keeps it in your keychain for git until it expires.</p>
              <NewTokenPages target={{ accountId: account.id }} name={DEFAULT_BROWSER_TOKEN_NAME} />
            </div>
          ) : (
          <p className="state__text">
            Create an API token at {pageHost} with the scopes read:user:bitbucket (so Latch can check whose it is),
            read:repository:bitbucket and write:repository:bitbucket (so git can fetch and push), then add it here. Latch keeps it
            in your keychain for git until it expires.
          </p>
          )}
          <div className="state__actions">{addButton}</div>
        </ListEmpty>
      ) : total > 0 && visible.length === 0 ? (
        <NoTokenMatches />
      ) : total > 0 ? (
        <BrowserTokenTable accountId={account.id} revokes={bySecret && revokesBySecret(account)} scopes={bySecret} neverExpire={capabilities.expiryByApi === false} tokens={visible} caption={`API tokens Latch keeps for ${account.displayName}`} busy={loading} />
      ) : null}
    </section>
  );
}
