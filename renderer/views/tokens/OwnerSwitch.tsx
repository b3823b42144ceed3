import { useState, type FormEvent } from 'react';
import type { AccountView, TokenOwner } from '../../../shared/domain';
import { HOSTS } from '../../../shared/hosts';
import { ownerSchema } from '../../../shared/schemas';
import { Icon, type IconName } from '../../components/Icon';
import { useLatch } from '../../store/context';

const KINDS: { kind: TokenOwner['kind']; label: string; icon: IconName }[] = [
  { kind: 'user', label: 'Personal', icon: 'user' },
  { kind: 'project', label: 'Project', icon: 'folder' },
  { kind: 'repository', label: 'Repository', icon: 'repo' },
];

/** Chooses whose tokens the table shows: the person's own, a project's or a repository's. */
export function OwnerSwitch({ account }: { account: AccountView }) {
  const owner = useLatch((state) => state.owner);
  const setOwner = useLatch((state) => state.setOwner);
  const allowed = HOSTS[account.host].owners;
  const [kind, setKind] = useState<TokenOwner['kind']>(owner.kind);
  const [projectKey, setProjectKey] = useState(owner.kind === 'user' ? '' : owner.kind === 'group' ? owner.groupPath : owner.projectKey);
  const [repoSlug, setRepoSlug] = useState(owner.kind === 'repository' ? owner.repoSlug : '');
  const [error, setError] = useState<string | null>(null);

  if (allowed.length < 2) return null;

  const choose = (next: TokenOwner['kind']) => {
    setKind(next);
    setError(null);
    if (next === 'user') setOwner({ kind: 'user' });
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const candidate: TokenOwner =
      kind === 'project'
        ? { kind, projectKey: projectKey.trim() }
        : kind === 'repository'
          ? { kind, projectKey: projectKey.trim(), repoSlug: repoSlug.trim() }
          : { kind: 'user' };
    if (!ownerSchema.safeParse(candidate).success) {
      setError(
        kind === 'project'
          ? 'Enter a project key such as PROJ (letters, digits, _ ~ -).'
          : 'Enter a project key such as PROJ and a repository slug such as my-repo.',
      );
      return;
    }
    setError(null);
    setOwner(candidate);
  };

  return (
    <form className="owner-switch" onSubmit={apply} noValidate>
      <fieldset className="segmented">
        <legend className="visually-hidden">Show tokens of</legend>
        {KINDS.filter((item) => allowed.includes(item.kind)).map((item) => (
          <label key={item.kind} className={kind === item.kind ? 'segmented__option is-checked' : 'segmented__option'}>
            <input type="radio" name="owner-kind" value={item.kind} checked={kind === item.kind} onChange={() => choose(item.kind)} />
            <Icon name={item.icon} />
            {item.label}
          </label>
        ))}
      </fieldset>
      {kind !== 'user' && (
        <div className="owner-switch__fields">
          <label className="visually-hidden" htmlFor="owner-project">
            Project key
          </label>
          <input
            id="owner-project"
            className="input input--compact mono"
            placeholder="Project key"
            value={projectKey}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            onChange={(event) => setProjectKey(event.target.value)}
          />
          {kind === 'repository' && (
            <>
              <span className="owner-switch__slash" aria-hidden="true">
                /
              </span>
              <label className="visually-hidden" htmlFor="owner-repo">
                Repository slug
              </label>
              <input
                id="owner-repo"
                className="input input--compact mono"
                placeholder="repository-slug"
                value={repoSlug}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={error ? true : undefined}
                onChange={(event) => setRepoSlug(event.target.value)}
              />
            </>
          )}
          <button type="submit" className="button button--small">
            Show tokens
          </button>
        </div>
      )}
      {error && (
        <p className="owner-switch__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
