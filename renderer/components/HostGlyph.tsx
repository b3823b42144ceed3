import type { CSSProperties } from 'react';
import { HOSTS, type HostKind } from '../../shared/hosts';

// Plain lettered tiles rather than the hosts' trademarked logos; letters and colours come from the host table.
export function HostGlyph({ host, size = 'normal' }: { host: HostKind; size?: 'normal' | 'large' }) {
  const { letters, light, dark } = HOSTS[host].glyph;
  const colours = { '--glyph-light': light, '--glyph-dark': dark } as CSSProperties;
  return (
    <span className={`host-glyph host-glyph--${size}`} style={colours} aria-hidden="true">
      {letters}
    </span>
  );
}
