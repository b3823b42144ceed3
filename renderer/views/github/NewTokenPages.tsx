import type { ChannelInput } from '../../../shared/contract';
import { DEFAULT_CLASSIC_SCOPES } from '../../../shared/hosts/github';
import { OpenPageButton } from '../../components/OpenPageButton';

type PageTarget = { accountId: string } | { host: 'github'; baseUrl: string | null };

/**
 * GitHub's two pages where a personal access token is made: the classic one with the name and the
 * scopes git needs filled in, and the fine-grained one. Both open in the person's browser.
 */
export function NewTokenPages({ target, name }: { target: PageTarget; name: string }) {
  const page = (kind: 'classic' | 'fine-grained'): ChannelInput<'hosts:openManagePage'> => ({ ...target, newToken: { kind, name } });
  return (
    <div className="github-pages">
      <p className="field__hint">
        A classic token with the scopes {DEFAULT_CLASSIC_SCOPES.join(' and ')} lets git fetch and push. A fine-grained token needs
        read and write access to the contents of the repositories you use.
      </p>
      <p className="github-pages__buttons">
        <OpenPageButton page={page('classic')} label="Open the classic token page" className="button button--small" />
        <OpenPageButton page={page('fine-grained')} label="Open the fine-grained token page" className="button button--small button--quiet" />
      </p>
    </div>
  );
}
