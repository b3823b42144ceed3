import { useMemo } from 'react';
import { HOST_CAPABILITIES } from '../../../shared/hosts';
import type { AccountView } from '../../../shared/ipc';
import { ErrorMessage } from '../../components/Alert';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { listKey, ownerPhrase } from '../../lib/owner';
import { filterTokens, sortTokens } from '../../lib/token-table';
import { useLatch } from '../../store/context';
import { KeptTokensPanel } from './KeptTokensPanel';
import { OwnerSwitch } from './OwnerSwitch';
import { TokenTable } from './TokenTable';
import './tokens.css';

export function TokensPanel({ account }: { account: AccountView }) {
  // A host with no token API shows the tokens Latch keeps, added by pasting (Bitbucket Cloud).
  if (!HOST_CAPABILITIES[account.host].listByApi) return <KeptTokensPanel account={account} />;
  return <HostTokensPanel account={account} />;
}

/** The tokens the host lists by API (Bitbucket Data Center), with create and revoke. */
function HostTokensPanel({ account }: { account: AccountView }) {
  const owner = useLatch((state) => state.owner);
  const list = useLatch((state) => state.lists[listKey(account.id, state.owner)]);
  const filter = useLatch((state) => state.filter);
  const sort = useLatch((state) => state.sort);
  const setFilter = useLatch((state) => state.setFilter);
  const loadTokens = useLatch((state) => state.loadTokens);
  const openDialog = useLatch((state) => state.openDialog);

  const tokens = list?.tokens;
  const visible = useMemo(() => sortTokens(filterTokens(tokens ?? [], filter), sort), [tokens, filter, sort]);
  const loading = !list || list.status === 'loading';
  const firstLoad = loading && (tokens?.length ?? 0) === 0;
  const total = tokens?.length ?? 0;

  return (
    <div className="tokens">
      <OwnerSwitch key={account.id} account={account} />
      <div className="toolbar">
        <div className="search">
          <Icon name="search" />
          <label htmlFor="token-filter" className="visually-hidden">
            Filter tokens by name
          </label>
          <input
            id="token-filter"
            className="input search__input"
            type="search"
            placeholder="Filter by name"
            autoComplete="off"
            spellCheck={false}
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        </div>
        <span className="toolbar__count" aria-live="polite">
          {firstLoad ? '' : filter.trim() ? `${visible.length} of ${total} tokens` : `${total} ${total === 1 ? 'token' : 'tokens'}`}
        </span>
        <span className="toolbar__spacer" />
        <button type="button" className="button" onClick={() => void loadTokens()} disabled={loading} aria-busy={loading}>
          <Icon name="refresh" className={loading ? 'is-spinning' : undefined} />
          Refresh
        </button>
        <button type="button" className="button button--primary" onClick={() => openDialog({ kind: 'create-token' })}>
          <Icon name="plus" />
          Create token
        </button>
      </div>

      {list?.status === 'error' && list.error && (
        <div className="tokens__error">
          <ErrorMessage>
            <p>{list.error.message}</p>
            <button type="button" className="button button--small" onClick={() => void loadTokens()}>
              Try again
            </button>
          </ErrorMessage>
        </div>
      )}

      {firstLoad ? (
        <div className="state">
          <Spinner label={`Loading ${ownerPhrase(owner)}…`} />
        </div>
      ) : total === 0 && list?.status === 'ready' ? (
        <div className="state">
          <span className="state__icon">
            <Icon name="key" />
          </span>
          <h2 className="state__title">No {ownerPhrase(owner)} yet</h2>
          <p className="state__text">Create one token per app, with only the permissions it needs, so you can revoke each on its own.</p>
          <button type="button" className="button button--primary" onClick={() => openDialog({ kind: 'create-token' })}>
            <Icon name="plus" />
            Create token
          </button>
        </div>
      ) : total > 0 && visible.length === 0 ? (
        <div className="state">
          <p className="state__text">No token name contains “{filter.trim()}”.</p>
          <button type="button" className="button button--small" onClick={() => setFilter('')}>
            Clear the filter
          </button>
        </div>
      ) : total > 0 ? (
        <TokenTable tokens={visible} caption={`${ownerPhrase(owner)} of ${account.displayName}`} busy={loading} />
      ) : null}
    </div>
  );
}
