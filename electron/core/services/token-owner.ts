// The owner a token call names, checked and compared the same way by every token operation.
import { ownerPath, type Account, type TokenOwner } from '../../../shared/domain';
import { ownerProblem } from '../../../shared/hosts';
import { LatchError } from '../../../shared/result';

/** A user owner always passes; a project, repository or group the host has not, or names otherwise, is refused before anything is sent. */
export function checkOwner(account: Account, owner: TokenOwner): void {
  if (owner.kind === 'user') return;
  const problem = ownerProblem(account.host, owner);
  if (problem) throw new LatchError('validation', problem);
}

export function sameOwner(a: TokenOwner, b: TokenOwner): boolean {
  return ownerPath(a) === ownerPath(b);
}
