import { LEVELS, type Level } from '../../../shared/permissions';

const MEANING: Record<'project' | 'repository', Record<Level, string>> = {
  project: {
    READ: 'Clone and pull every repository in the project',
    WRITE: 'Also push to them',
    ADMIN: 'Also change the project’s settings and permissions',
  },
  repository: {
    READ: 'Clone and pull',
    WRITE: 'Also push',
    ADMIN: 'Also change the repository’s settings and permissions',
  },
};

const LABEL: Record<Level, string> = { READ: 'Read', WRITE: 'Write', ADMIN: 'Admin' };

export function PermissionGroup(props: {
  kind: 'project' | 'repository';
  value: Level;
  onChange: (level: Level) => void;
  invalid?: boolean;
  describedBy?: string;
}) {
  const legend = props.kind === 'project' ? 'Project permission' : 'Repository permission';
  return (
    <fieldset className="radio-group" aria-describedby={props.describedBy} aria-invalid={props.invalid || undefined}>
      <legend className="radio-group__legend">{legend}</legend>
      {LEVELS.map((level) => {
        const id = `perm-${props.kind}-${level}`;
        return (
          <div key={level} className={props.value === level ? 'radio-card is-checked' : 'radio-card'}>
            <input
              type="radio"
              id={id}
              name={`perm-${props.kind}`}
              value={level}
              checked={props.value === level}
              aria-describedby={`${id}-hint`}
              onChange={() => props.onChange(level)}
            />
            <label htmlFor={id} className="radio-card__label">
              {LABEL[level]}
            </label>
            <span className="radio-card__hint" id={`${id}-hint`}>
              {MEANING[props.kind][level]}
            </span>
          </div>
        );
      })}
    </fieldset>
  );
}
