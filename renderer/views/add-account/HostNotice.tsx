import type { HostCapabilities } from '../../../shared/hosts';
import { Notice } from '../../components/Alert';
import { OpenPageButton } from '../../components/OpenPageButton';

/** For a host Latch cannot manage by API (yet): what it cannot do, and where to do it by hand. */
export function HostNotice({ capabilities, baseUrl }: { capabilities: HostCapabilities; baseUrl: string }) {
  const noApi = !capabilities.createByApi && !capabilities.listByApi && !capabilities.revokeByApi;
  const server = baseUrl.trim().replace(/\/+$/, '') || 'https://your-server';
  const manageUrl = capabilities.manageUrl?.(server) ?? null;
  return (
    <Notice tone="warning">
      <p className="notice__title">
        {noApi ? `Latch cannot manage ${capabilities.label} tokens.` : `Latch cannot manage ${capabilities.label} tokens yet.`}
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
            Manage them by hand in your browser at <span className="mono selectable">{manageUrl}</span>
          </p>
          <p>
            <OpenPageButton page={{ host: capabilities.kind, baseUrl: baseUrl.trim() || null }} label="Open in browser" />
          </p>
        </>
      )}
    </Notice>
  );
}
