// What the tokens service is given, and with it each of its operations in their own files (create,
// list, revoke, rotate), which therefore cannot import it from tokens.ts without a cycle.
import type { AdapterFor } from '../hosts/adapter';
import type { IndexStore } from '../vault/index-store';
import type { Keychain } from '../vault/types';
import type { AccountsService } from './accounts';

export interface TokensDeps {
  store: IndexStore;
  keychain: Keychain;
  accounts: AccountsService;
  adapterFor: AdapterFor;
  now?: () => number;
}
