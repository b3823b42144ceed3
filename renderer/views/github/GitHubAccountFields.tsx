import type { HostEntry } from '../../../shared/hosts';
import { Notice } from '../../components/Alert';
import { NewTokenPages } from './NewTokenPages';
import { ServerField } from './ServerField';

/**
 * Add account on a host whose tokens are made in the browser on a server of the person's choosing
 * (GitHub: github.com or an Enterprise Server): the server, and the pages where the token is made.
 */
export function GitHubAccountFields({
  capabilities,
  server,
  setServer,
  serverError,
  tokenName,
}: {
  capabilities: HostEntry;
  server: string;
  setServer: (value: string) => void;
  serverError?: string | null;
  tokenName: string;
}) {
  return (
    <>
      <ServerField value={server} onChange={setServer} error={serverError} defaultUrl={capabilities.defaultBaseUrl ?? 'https://github.com'} />
      <Notice>
        <p className="notice__title">Create a {capabilities.browserToken?.tokenWords ?? 'token'} in your browser, then paste it here.</p>
        {capabilities.limitation && <p>{capabilities.limitation}</p>}
        <NewTokenPages target={{ host: 'github', baseUrl: server.trim() || null }} name={tokenName} />
      </Notice>
    </>
  );
}
