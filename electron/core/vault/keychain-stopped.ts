// A keychain that stopped answering in the middle of a call (its daemon crashed or was restarted):
// unlike a locked one, asking it again is harmless, and needed, since a write may or may not have landed.
import { LatchError } from '../../../shared/result';

export class KeychainStoppedError extends LatchError {
  constructor() {
    super(
      'keychain-unavailable',
      'The keychain stopped answering in the middle of the request (its service stopped or restarted). Try again; if it keeps happening, restart your keyring app or sign in again.',
    );
    this.name = 'KeychainStoppedError';
  }
}
