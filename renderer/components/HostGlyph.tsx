import type { HostKind } from '../../shared/domain';

// Plain lettered tiles rather than the hosts' trademarked logos.
const LETTERS: Record<HostKind, string> = {
  'bitbucket-datacenter': 'DC',
  'bitbucket-cloud': 'BC',
  gitea: 'Gt',
  gitlab: 'GL',
};

export function HostGlyph({ host, size = 'normal' }: { host: HostKind; size?: 'normal' | 'large' }) {
  return (
    <span className={`host-glyph host-glyph--${host} host-glyph--${size}`} aria-hidden="true">
      {LETTERS[host]}
    </span>
  );
}
