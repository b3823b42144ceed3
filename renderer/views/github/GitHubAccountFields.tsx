import type { HostEntry, HostKind } from '../../../shared/hosts';
import { Notice } from '../../components/Alert';
import { OpenPageButton } from '../../components/OpenPageButton';
import { NewTokenPages } from './NewTokenPages';
import { ServerField } from './ServerField';

/**
 * Add account on a host whose tokens are made in the browser on a server of the person's choosing
 * (GitHub: github.com or an Enterprise Server; GitLab: gitlab.com or a self-managed server): the
 * server, and the pages where the token is made.
 */
export function GitHubAccountFields({
  host,
  capabilities,
  server,
  setServer,
  serverError,
  tokenName,
}: {
  host: HostKind;
  capabilities: HostEntry;
  server: string;
  setServer: (value: string) => void;
  serverError?: string | null;
  tokenName: string;
}) {
  // GitLab: the pasted token also manages tokens, so it needs the api scope.
  const manages = capabilities.browserToken?.manages === true;
  const defaultUrl = capabilities.defaultBaseUrl ?? 'https://github.com';
  return (
    <>
      <ServerField
        value={server}
        onChange={setServer}
        error={serverError}
        defaultUrl={defaultUrl}
        hint={manages ? `${defaultUrl}, or the address of your company's ${capabilities.label} server.` : undefined}
      />
      <Notice>
        <p className="notice__title">
          Create a {capabilities.browserToken?.tokenWords ?? 'token'}
          {manages ? ' with the api scope' : ''} in your browser, then paste it here.
        </p>
        {manages ? (
          <>
            <p>
              Latch keeps it in your keychain and uses it to list, create, rotate and revoke your tokens. A token with only read_api lets
              Latch look, not change anything.
            </p>
            <p>
              <OpenPageButton page={{ host, baseUrl: server.trim() || null }} label={`Open ${capabilities.label}'s token page`} className="button button--small" />
            </p>
          </>
        ) : (
          <>
            {capabilities.limitation && <p>{capabilities.limitation}</p>}
            <NewTokenPages target={{ host: 'github', baseUrl: server.trim() || null }} name={tokenName} />
          </>
        )}
      </Notice>
    </>
  );
}
