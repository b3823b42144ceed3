import { useState } from 'react';
import type { HostKind } from '../../shared/domain';
import { useLatch } from '../store/context';
import { ErrorMessage } from './Alert';
import { Icon } from './Icon';

/** Opens the host's own token page in the system browser (main builds the address; see managePageUrl). */
export function OpenPageButton({ host, baseUrl, label }: { host: HostKind; baseUrl: string | null; label: string }) {
  const openManagePage = useLatch((state) => state.openManagePage);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button button--small button--quiet"
        onClick={async () => {
          setError(null);
          const failure = await openManagePage(host, baseUrl);
          if (failure) setError(failure.message);
        }}
      >
        <Icon name="external" />
        {label}
      </button>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </>
  );
}
