// The scopes of a host with named scopes (Gitea, Forgejo), from its table entry: one row per kind of
// thing the token may touch, with No access, Read, or Read and write.
import type { ScopeCategory, ScopeLevel } from '../../lib/scopes';

const LEVELS: { level: ScopeLevel; label: string }[] = [
  { level: 'none', label: 'No access' },
  { level: 'read', label: 'Read' },
  { level: 'write', label: 'Read and write' },
];

/** Names a person reads better spelled out (GitLab's scopes). */
const WORDS: Readonly<Record<string, string>> = { api: 'API', ai_features: 'AI features', k8s_proxy: 'Kubernetes proxy' };
const title = (name: string) => WORDS[name] ?? name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, ' ');

export function NamedScopePicker(props: {
  categories: readonly ScopeCategory[];
  levels: Readonly<Record<string, ScopeLevel>>;
  onChange: (name: string, level: ScopeLevel) => void;
  error?: string | null;
}) {
  return (
    <fieldset className="scopes" aria-describedby={props.error ? 'scopes-error' : 'scopes-hint'} aria-invalid={props.error ? true : undefined}>
      <legend className="radio-group__legend">Scopes</legend>
      <p className="field__hint" id="scopes-hint">
        Give the token only what its app needs: cloning and pushing take Repository, read and write.
      </p>
      <div className="scopes__rows">
        {props.categories.map((category) => {
          const current = props.levels[category.name] ?? 'none';
          return (
            <div key={category.name} className="scopes__row" role="radiogroup" aria-labelledby={`scope-${category.name}`}>
              <span className="scopes__name" id={`scope-${category.name}`}>
                {title(category.name)}
              </span>
              {LEVELS.filter(({ level }) => level === 'none' || category[level] !== null).map(({ level, label }) => {
                const id = `scope-${category.name}-${level}`;
                // A scope that stands alone (GitLab's create_runner) is on or off, not read.
                const words = level === 'read' && category.write === null && category.read === category.name ? 'On' : label;
                return (
                  <span key={level} className={current === level ? 'scopes__choice is-checked' : 'scopes__choice'}>
                    <input
                      type="radio"
                      id={id}
                      name={`scope-${category.name}`}
                      checked={current === level}
                      onChange={() => props.onChange(category.name, level)}
                    />
                    <label htmlFor={id}>{words}</label>
                  </span>
                );
              })}
            </div>
          );
        })}
      </div>
      {props.error && (
        <p className="field__error" id="scopes-error" role="alert">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
