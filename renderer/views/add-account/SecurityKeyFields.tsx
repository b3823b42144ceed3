import type { HostEntry } from '../../../shared/hosts';
import { Notice } from '../../components/Alert';
import { OpenPageButton } from '../../components/OpenPageButton';
import type { BrowserTokenForm } from '../add-token/use-browser-token';
import { BrowserTokenFields } from '../add-token/BrowserTokenFields';

/**
 * Add account for a Gitea or Forgejo account with a security key or passkey: its server takes the
 * password from no program, so the person makes a token in the browser and pastes it here. The server
 * address and username come from the fields above; the token must be that user's.
 */
export function SecurityKeyFields({
  capabilities,
  baseUrl,
  form,
  now,
  onUsePassword,
}: {
  /** The host's token-only entry. */
  capabilities: HostEntry;
  baseUrl: string;
  form: BrowserTokenForm;
  now: number;
  onUsePassword: () => void;
}) {
  const server = baseUrl.trim().replace(/\/+$/, '');
  const page = server ? capabilities.manageUrl?.(server) : null;
  return (
    <>
      <Notice>
        <p className="notice__title">Create an access token in your browser, then paste it here.</p>
        <p>
          With a security key or passkey, the server lets no program use your password, so Latch keeps this account with tokens you
          make under Settings → Applications{page ? <> (<span className="mono selectable">{page}</span>)</> : ''}: give it the scopes git
          needs (write:repository to push) and read:user, so servers before Gitea 1.27 can tell Latch whose it is.
        </p>
        <p className="row-actions">
          <OpenPageButton page={{ host: 'gitea', baseUrl: server || null }} label="Open the token page" className="button button--small" />
          <button type="button" className="button button--small button--quiet" onClick={onUsePassword}>
            Use my password instead
          </button>
        </p>
      </Notice>
      <BrowserTokenFields form={form} capabilities={capabilities} now={now} />
    </>
  );
}
