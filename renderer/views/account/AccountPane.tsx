import { accountCapabilities } from '../../../shared/hosts';
import type { AccountView } from '../../../shared/domain';
import { HostGlyph } from '../../components/HostGlyph';
import { Icon } from '../../components/Icon';
import { OpenPageButton } from '../../components/OpenPageButton';
import { isLocked } from '../../lib/lock';
import { useNow } from '../../lib/use-now';
import { useLatch } from '../../store/context';
import { TokensPanel } from '../tokens/TokensPanel';
import { DefaultForGit } from './DefaultForGit';
import { UnlockPanel } from '../unlock/UnlockPanel';
import './account.css';

export function AccountPane({ account }: { account: AccountView }) {
  const openDialog = useLatch((state) => state.openDialog);
  const now = useNow(5_000);
  const capabilities = accountCapabilities(account);

  return (
    <section className="pane" aria-labelledby="account-title">
      <header className="pane__header">
        <div className="pane__identity">
          <HostGlyph host={account.host} size="large" />
          <div>
            <h1 id="account-title" className="pane__title">
              {account.displayName}
            </h1>
            <p className="pane__subtitle">
              {account.server ?? capabilities.label} · <span className="mono">{account.baseUrl}</span> · signed in as {account.username}
            </p>
            <div className="pane__default">
              <DefaultForGit account={account} />
            </div>
          </div>
        </div>
        <div className="pane__actions">
          <button type="button" className="button" onClick={() => openDialog({ kind: 'git', accountId: account.id })}>
            <Icon name="git" />
            Use with git
          </button>
          <button type="button" className="button button--quiet-danger" onClick={() => openDialog({ kind: 'remove-account', accountId: account.id })}>
            <Icon name="trash" />
            Remove account
          </button>
        </div>
      </header>
      {isLocked(account, now) ? <UnlockPanel key={account.id} account={account} /> : <TokensPanel account={account} />}
      {/* Where the host lists no tokens by API, the kept-tokens panel says it, with the same button. */}
      {capabilities.limitation && capabilities.listByApi && (
        <p className="pane__note">
          <Icon name="info" />
          <span>{capabilities.limitation}</span>
          {capabilities.manageUrl && <OpenPageButton page={{ accountId: account.id }} label="Token page in browser" />}
        </p>
      )}
    </section>
  );
}
