import { HOSTS, type HostKind } from '../../../shared/hosts';
import { Notice } from '../../components/Alert';
import { OpenPageButton } from '../../components/OpenPageButton';
import { tokenPageHost } from '../../lib/browser-token';

/**
 * For a host Latch cannot manage by API: what it cannot do, and where to do it by hand. On a host
 * whose tokens Latch keeps once pasted (Bitbucket Cloud), how to make the token to paste.
 */
export function HostNotice({ host, baseUrl }: { host: HostKind; baseUrl: string }) {
  const capabilities = HOSTS[host];
  const noApi = !capabilities.createByApi && !capabilities.listByApi && !capabilities.revokeByApi;
  const server = baseUrl.trim().replace(/\/+$/, '') || 'https://your-server';
  const manageUrl = capabilities.manageUrl?.(capabilities.fixedBaseUrl ?? server) ?? null;
  const takesBrowserTokens = capabilities.implemented && capabilities.signIn === 'api-token';
  const pageHost = tokenPageHost(capabilities);
  return (
    <Notice tone={takesBrowserTokens ? 'info' : 'warning'}>
      <p className="notice__title">
        {takesBrowserTokens
          ? `Create an API token in your browser, then paste it here.`
          : noApi
            ? `Latch cannot manage ${capabilities.label} tokens.`
            : `Latch cannot manage ${capabilities.label} tokens yet.`}
      </p>
      {capabilities.limitation ? (
        <p>{capabilities.limitation}</p>
      ) : noApi ? (
        <p>{capabilities.label} has no API to create, list or revoke tokens.</p>
      ) : (
        <p>Its API can create, list and revoke tokens; Latch does not speak it yet.</p>
      )}
      {manageUrl && (
        <>
          <p>
            {takesBrowserTokens ? 'Create it' : 'Manage them by hand'} in your browser at <span className="mono selectable">{manageUrl}</span>
          </p>
          <p>
            <OpenPageButton
              page={{ host, baseUrl: capabilities.fixedBaseUrl ?? (baseUrl.trim() || null) }}
              label={takesBrowserTokens && pageHost ? `Open ${pageHost}` : 'Open in browser'}
            />
          </p>
        </>
      )}
    </Notice>
  );
}
