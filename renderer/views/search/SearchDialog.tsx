// One field that searches every account: account names and hosts, token names, ids and permissions.
// A combobox over a listbox (arrow keys move, Enter opens), as a command palette works; opened with
// Ctrl+K (⌘K on macOS) or the sidebar's Search button.
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { HostGlyph } from '../../components/HostGlyph';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { formatScope } from '../../lib/format';
import { displayHost } from '../../lib/host';
import { listKey, USER_OWNER } from '../../lib/owner';
import { searchEverything, type SearchHit } from '../../lib/search';
import { useLatch } from '../../store/context';
import './search.css';

function hitKey(hit: SearchHit): string {
  return hit.kind === 'account' ? `account:${hit.account.id}` : `token:${hit.account.id}:${hit.token.id}`;
}

export function SearchDialog() {
  const accounts = useLatch((state) => state.accounts);
  const lists = useLatch((state) => state.lists);
  const closeDialog = useLatch((state) => state.closeDialog);
  const loadEveryList = useLatch((state) => state.loadEveryList);
  const showHit = useLatch((state) => state.showHit);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();

  useEffect(() => {
    void loadEveryList();
  }, [loadEveryList]);

  const hits = useMemo(() => {
    // Every list the window holds for an account: personal, and any project or repository list it opened.
    const tokensOf = (accountId: string) =>
      Object.entries(lists)
        .filter(([key]) => key.startsWith(`${accountId}|`))
        .flatMap(([, list]) => list.tokens);
    return searchEverything(query, accounts, tokensOf);
  }, [query, accounts, lists]);
  const locked = accounts.filter((account) => account.lock.state === 'locked' && !lists[listKey(account.id, USER_OWNER)]);

  const open = (hit: SearchHit | undefined) => {
    if (!hit) return;
    showHit(hit.account.id, hit.kind === 'token' ? hit.token : null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((index) => Math.min(index + 1, hits.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(hits[active]);
    }
  };

  const activeHit = hits[active];
  return (
    <Dialog title="Search every account" onClose={closeDialog} size="medium" icon={<Icon name="search" />}>
      <div className="dialog__body search-dialog">
        <label htmlFor={`${listId}-input`} className="field__label">
          Account, host, token name, id or permission
        </label>
        <input
          id={`${listId}-input`}
          className="input"
          type="search"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-activedescendant={activeHit ? `${listId}-${hitKey(activeHit)}` : undefined}
          aria-autocomplete="list"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul className="search-hits" role="listbox" id={listId} aria-label="Matches">
          {hits.map((hit, index) => (
            <li
              key={hitKey(hit)}
              id={`${listId}-${hitKey(hit)}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'search-hit is-active' : 'search-hit'}
              onMouseEnter={() => setActive(index)}
              onClick={() => open(hit)}
            >
              <HostGlyph host={hit.account.host} />
              <span className="search-hit__text">
                <span className="search-hit__title">{hit.kind === 'token' ? hit.token.name : hit.account.displayName}</span>
                <span className="search-hit__detail">
                  {hit.kind === 'token'
                    ? `ID ${hit.token.id} · ${hit.token.scopes.map(formatScope).join(', ') || 'permissions not reported'} · ${hit.account.username} on ${displayHost(hit.account.baseUrl)}`
                    : `Account · ${hit.account.username} on ${displayHost(hit.account.baseUrl)}`}
                </span>
              </span>
            </li>
          ))}
        </ul>
        <p className="field__hint" role="status">
          {query.trim() === ''
            ? 'Type to search. Arrow keys move through the matches; Enter opens one.'
            : hits.length === 0
              ? `Nothing matches “${query.trim()}”.`
              : `${hits.length} ${hits.length === 1 ? 'match' : 'matches'}.`}
          {locked.length > 0 && ` The tokens of ${locked.map((account) => account.username).join(', ')} are searched once unlocked.`}
        </p>
      </div>
    </Dialog>
  );
}
