import { useState, type FormEvent } from 'react';
import type { AccountView, TokenOwner } from '../../../shared/domain';
import { HOSTS, ownerProblem } from '../../../shared/hosts';
import { ownerSchema } from '../../../shared/schemas';
import { Icon, type IconName } from '../../components/Icon';
import { useLatch } from '../../store/context';

const KINDS: { kind: TokenOwner['kind']; label: string; icon: IconName }[] = [
  { kind: 'user', label: 'Personal', icon: 'user' },
  { kind: 'project', label: 'Project', icon: 'folder' },
  { kind: 'repository', label: 'Repository', icon: 'repo' },
  { kind: 'group', label: 'Group', icon: 'folder' },
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
  // GitLab names projects and groups by their full paths (group/sub/project), not by keys.
  const paths = HOSTS[account.host].ownerPaths === 'namespace';
  const fieldLabel = paths ? (kind === 'group' ? 'Group path' : 'Project path') : 'Project key';
  const placeholder = paths ? (kind === 'group' ? 'group/subgroup' : 'group/project') : 'Project key';

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
          : kind === 'group'
            ? { kind, groupPath: projectKey.trim() }
            : { kind: 'user' };
    if (paths) {
      // GitLab: the full path, by the host table's rule (the same sentence the core gives).
      const problem = ownerProblem(account.host, candidate);
      if (problem) {
        setError(problem);
        return;
      }
    } else if (!ownerSchema.safeParse(candidate).success || ownerProblem(account.host, candidate) !== null) {
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
            {fieldLabel}
          </label>
          <input
            id="owner-project"
            className="input input--compact mono"
            placeholder={placeholder}
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
