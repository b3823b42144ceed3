// How `latch` ends after a failure, in one place for the full CLI and its small start-up path: a usage
// error is `latch: …` and exit 2; Latch's own sentence is printed as it is, exit 1; anything else gets
// a sentence that quotes nothing, since it might carry data nobody chose to print.
import { LatchError } from '../../shared/result';
import { UsageError } from './args';

export function reportFailure(error: unknown, err: (text: string) => void): number {
  if (error instanceof UsageError) {
    err(`latch: ${error.message}\n`);
    return 2;
  }
  err(`${error instanceof LatchError ? error.message : 'Something unexpected went wrong inside Latch. Nothing was changed.'}\n`);
  return 1;
}
