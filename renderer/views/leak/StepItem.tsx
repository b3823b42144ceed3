// One step of the report with its mark: an icon for the eye and words for a screen reader, so the
// verdict never rests on colour alone.
import type { ReactNode } from 'react';
import { Icon, type IconName } from '../../components/Icon';

export type Tone = 'done' | 'todo' | 'failed' | 'info';

export const MARK: Record<Tone, { icon: IconName; words: string }> = {
  done: { icon: 'check', words: 'Done' },
  todo: { icon: 'alert', words: 'Still to do' },
  failed: { icon: 'x', words: 'Did not work' },
  info: { icon: 'info', words: 'Note' },
};

export function StepItem(props: { tone: Tone; title: string; children: ReactNode }) {
  return (
    <li className={`leak-step leak-step--${props.tone}`}>
      <span className="leak-step__mark">
        <Icon name={MARK[props.tone].icon} />
        <span className="visually-hidden">{MARK[props.tone].words}: </span>
      </span>
      <div className="leak-step__body">
        <h3 className="leak-step__title">{props.title}</h3>
        {props.children}
      </div>
    </li>
  );
}
