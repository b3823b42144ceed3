// `latch account unlock`: the account password held for a while for later commands, as the app's unlock
// window holds it for the app. Each CLI command is its own process, so the window lives in the OS
// keychain (never in a file Latch writes), as one entry with the moment it ends; a command that finds
// it expired deletes it. `latch account lock` and removing the account delete it sooner.
import type { Account } from '../../shared/domain';
import { keychainKeys, type Keychain } from '../core/vault/types';

interface Held {
  until: number;
  password: string;
}

export async function holdUnlock(keychain: Keychain, account: Pick<Account, 'id'>, password: string, until: number): Promise<void> {
  await keychain.set(keychainKeys.cliUnlock(account.id), JSON.stringify({ until, password } satisfies Held));
}

/** The held password while its window is open; null (and the entry deleted) once it has ended. */
export async function heldUnlock(keychain: Keychain, account: Pick<Account, 'id'>, now = Date.now()): Promise<{ password: string; until: number } | null> {
  const key = keychainKeys.cliUnlock(account.id);
  const text = await keychain.get(key);
  if (text === null) return null;
  let held: Held | null = null;
  try {
    const parsed = JSON.parse(text) as Partial<Held>;
    if (typeof parsed.until === 'number' && typeof parsed.password === 'string') held = { until: parsed.until, password: parsed.password };
  } catch {
    held = null;
  }
  if (held === null || held.until <= now) {
    await keychain.delete(key).catch(() => false);
    return null;
  }
  return held;
}

export async function endUnlock(keychain: Keychain, account: Pick<Account, 'id'>): Promise<boolean> {
  return keychain.delete(keychainKeys.cliUnlock(account.id));
}
