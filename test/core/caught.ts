// The LatchError a promise rejects with, so a test can assert its code and sentence; anything else
// (a bug, or no rejection at all) fails the test.
import { LatchError } from '../../shared/result';

export async function caught(promise: Promise<unknown>): Promise<LatchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LatchError) return error;
    throw error;
  }
  throw new Error('expected a LatchError');
}
