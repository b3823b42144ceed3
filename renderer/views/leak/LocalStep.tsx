// "On this computer": each copy Latch removed, and each it could not, as its own line.
import type { LeakReport } from '../../../shared/leaks';
import { StepItem } from './StepItem';

export function LocalStep({ local }: { local: LeakReport['local'] }) {
  const failedSome = local.attempted && local.problems.length > 0;
  const removed = [
    ...local.keychain.map((ref) => ({ key: `k ${ref.accountId} ${ref.tokenId}`, content: `The keychain copy of token ${ref.tokenId} (“${ref.name}”) of ${ref.account}` })),
    ...local.passwordsForgotten.map((account) => ({ key: `p ${account}`, content: `The password Latch kept for ${account}` })),
    ...local.gitCredentials.map((cleanup) => ({
      key: `f ${cleanup.file}`,
      content: (
        <>
          {cleanup.lines.length === 1 ? 'Line' : 'Lines'} {cleanup.lines.join(', ')} of <code className="mono selectable">{cleanup.file}</code> (git credentials for{' '}
          {cleanup.hosts.join(', ')})
        </>
      ),
    })),
  ];
  return (
    <StepItem tone={!local.attempted ? 'info' : failedSome ? 'failed' : 'done'} title="On this computer">
      {removed.length > 0 ? (
        <>
          <p>Removed:</p>
          <ul className="leak-step__list">
            {removed.map((item) => (
              <li key={item.key}>{item.content}</li>
            ))}
          </ul>
        </>
      ) : (
        // With problems and nothing removed, the list of problems says it all.
        !failedSome && <p>{local.sentence}</p>
      )}
      {failedSome && (
        <ul className="leak-step__list leak-step__list--problems" aria-label="Copies Latch could not remove">
          {local.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </StepItem>
  );
}
