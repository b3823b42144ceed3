import { useState } from 'react';
import type { ChannelInput } from '../../shared/contract';
import { useLatch } from '../store/context';
import { ErrorMessage } from './Alert';
import { Icon } from './Icon';

/** Opens the host's own token page in the system browser (main builds the address; see managePageUrl). */
export function OpenPageButton({
  page,
  label,
  ariaLabel,
  className = 'button button--small button--quiet',
}: {
  page: ChannelInput<'hosts:openManagePage'>;
  label: string;
  /** A fuller name where the visible label repeats, e.g. once per table row. */
  ariaLabel?: string;
  className?: string;
}) {
  const openManagePage = useLatch((state) => state.openManagePage);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className={className}
        aria-label={ariaLabel}
        onClick={async () => {
          setError(null);
          const failure = await openManagePage(page);
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
