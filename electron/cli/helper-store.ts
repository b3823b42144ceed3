// The app's index store, bundled on its own for git-credential-latch's rare writes (`store`, `erase`),
// so that the validation library it carries stays off the `get` path.
import { createIndexStore } from '../core/vault/index-store';

export { createIndexStore };
export interface HelperStoreModule {
  createIndexStore: typeof createIndexStore;
}
