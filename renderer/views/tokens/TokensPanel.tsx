import { useMemo } from 'react';
import { accountCapabilities, HOSTS } from '../../../shared/hosts';
import type { AccountView } from '../../../shared/domain';
import { Icon } from '../../components/Icon';
import { listKey, ownerPhrase } from '../../lib/owner';
import { filterTokens, sortTokens } from '../../lib/token-table';
import { useLatch } from '../../store/context';
import { DEFAULT_BROWSER_TOKEN_NAME } from '../../lib/browser-token';
import { BrowserTokensPanel } from './BrowserTokensPanel';
import { OwnerSwitch } from './OwnerSwitch';
import { TokenTable } from './TokenTable';
import { ListEmpty, ListLoading, NoTokenMatches, TokenListCodeForm, TokenListError, TokenToolbar } from './TokenListParts';
import './tokens.css';

export function TokensPanel({ account }: { account: AccountView }) {
  // A host with no token API shows the tokens Latch keeps, added by pasting (Bitbucket Cloud).
  if (!accountCapabilities(account).listByApi) return <BrowserTokensPanel account={account} />;
  return <HostTokensPanel account={account} />;
}

/** The tokens the host lists by API (Bitbucket Data Center), with create and revoke. */
function HostTokensPanel({ account }: { account: AccountView }) {
  const owner = useLatch((state) => state.owner);
  const list = useLatch((state) => state.lists[listKey(account.id, state.owner)]);
  const filter = useLatch((state) => state.filter);
  const sort = useLatch((state) => state.sort);
  const openDialog = useLatch((state) => state.openDialog);

  const openManagePage = useLatch((state) => state.openManagePage);
  const capabilities = HOSTS[account.host];
  // GitLab makes personal tokens only in the browser: its prefilled page, then the token pasted here.
  const inBrowser = !(capabilities.createOwners ?? capabilities.owners).includes(owner.kind) && capabilities.browserToken !== null;
  const createButton = inBrowser ? (
    <span className="toolbar__actions">
      <button
        type="button"
        className="button"
        onClick={async () => {
          await openManagePage({ accountId: account.id, newToken: { kind: 'classic', name: DEFAULT_BROWSER_TOKEN_NAME } });
          openDialog({ kind: 'add-token' });
        }}
      >
        <Icon name="external" />
        Create on {capabilities.label}…
      </button>
      <button type="button" className="button button--primary" onClick={() => openDialog({ kind: 'add-token' })}>
        <Icon name="plus" />
        Add a token
      </button>
    </span>
  ) : (
    <button type="button" className="button button--primary" onClick={() => openDialog({ kind: 'create-token' })}>
      <Icon name="plus" />
      Create token
    </button>
  );

  const tokens = list?.tokens;
  // Sorted once per list and order; a filter keystroke only filters, which keeps the order.
  const sorted = useMemo(() => sortTokens(tokens ?? [], sort), [tokens, sort]);
  const visible = useMemo(() => filterTokens(sorted, filter), [sorted, filter]);
  const loading = !list || list.status === 'loading';
  const firstLoad = loading && (tokens?.length ?? 0) === 0;
  const total = tokens?.length ?? 0;

  return (
    <div className="tokens">
      <OwnerSwitch key={account.id} account={account} />
      <TokenToolbar
        shown={visible.length}
        total={total}
        firstLoad={firstLoad}
        loading={loading}
        action={createButton}
      />

      {list?.status === 'error' &&
        list.error &&
        (list.error.code === 'otp-required' ? <TokenListCodeForm message={list.error.message} /> : <TokenListError message={list.error.message} />)}

      {firstLoad ? (
        <ListLoading label={`Loading ${ownerPhrase(owner)}…`} />
      ) : total === 0 && list?.status === 'ready' ? (
        <ListEmpty>
          <h2 className="state__title">No {ownerPhrase(owner)} yet</h2>
          <p className="state__text">Create one token per app, with only the permissions it needs, so you can revoke each on its own.</p>
          {createButton}
        </ListEmpty>
      ) : total > 0 && visible.length === 0 ? (
        <NoTokenMatches />
      ) : total > 0 ? (
        <TokenTable
          tokens={visible}
          filter={filter}
          caption={`${ownerPhrase(owner)} of ${account.displayName}`}
          busy={loading}
          neverExpire={HOSTS[account.host].expiryByApi === false}
          rotates={capabilities.rotateByApi}
        />
      ) : null}
    </div>
  );
}
