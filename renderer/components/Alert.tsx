import type { ReactNode } from 'react';
import { Icon } from './Icon';

/** An error sentence from a Result, announced to screen readers when it appears. */
export function ErrorMessage({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <div className="alert alert--error" role="alert" id={id}>
      <Icon name="alert" />
      <div className="alert__text">{children}</div>
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'warning' }) {
  return (
    <div className={`alert alert--${tone}`}>
      <Icon name={tone === 'warning' ? 'alert' : 'info'} />
      <div className="alert__text">{children}</div>
    </div>
  );
}
