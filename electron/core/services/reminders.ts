// Expiry reminders: which tokens Latch keeps should be brought to the person's attention, and when.
// Electron-free and driven by a clock, so it is tested without a desktop: main shows the notifications
// and the tray this answers, nothing more. What was already notified is recorded in the index, so a
// reminder is shown once per token and moment, across restarts, and never repeated.
import { describeAccount, type Account } from '../../../shared/domain';
import { daysLeft, EXPIRY_WARNING_DAYS, isExpired } from '../../../shared/expiry';
import type { IndexStore } from '../vault/index-store';
import type { StoredToken } from '../vault/types';

/** The first reminder comes this many days before a token expires; the second on the day. */
export const REMIND_DAYS_BEFORE = 3;

export interface Reminder {
  /** Names the token, its expiry and the moment ('soon' or 'today'): recorded once shown. */
  key: string;
  accountId: string;
  tokenId: string;
  title: string;
  body: string;
}

export interface AttentionItem {
  accountId: string;
  tokenId: string;
  /** One line for the tray menu: what and why. */
  label: string;
}

export interface Attention {
  /** Tokens expiring within EXPIRY_WARNING_DAYS (or already expired) or rejected by their host. */
  count: number;
  items: AttentionItem[];
  /** "2 tokens need attention", "Every token is fine": the tray menu's first line. */
  summary: string;
  /** The tray's tooltip. */
  tooltip: string;
}

export interface ReminderCheck {
  notify: Reminder[];
  attention: Attention;
}

export interface RemindersService {
  /** What to notify now, each reminder once (recorded as shown when answered), and what the tray shows. */
  check(): Promise<ReminderCheck>;
}

const dayWords = (days: number) => (days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`);

function reminderFor(token: StoredToken, account: Account, now: number): Reminder | null {
  if (token.expiresAt === null || token.rejectedAt !== null || isExpired(token.expiresAt, now)) return null;
  const days = daysLeft(token.expiresAt, now);
  if (days > REMIND_DAYS_BEFORE) return null;
  const moment = days <= 0 ? 'today' : 'soon';
  return {
    key: `${token.accountId}/${token.tokenId}/${token.expiresAt}/${moment}`,
    accountId: token.accountId,
    tokenId: token.tokenId,
    title: days <= 0 ? `“${token.name}” expires today` : `“${token.name}” expires ${dayWords(days)}`,
    body: `The token git uses for ${describeAccount(account)} stops working ${dayWords(days)}. Open Latch to replace it.`,
  };
}

function attentionFor(tokens: readonly StoredToken[], accounts: readonly Account[], now: number): Attention {
  const items: AttentionItem[] = [];
  for (const token of tokens) {
    const account = accounts.find((candidate) => candidate.id === token.accountId);
    if (!account) continue;
    const who = describeAccount(account);
    let why: string | null = null;
    if (token.rejectedAt !== null) why = 'rejected by the host';
    else if (token.expiresAt !== null && isExpired(token.expiresAt, now)) why = 'expired';
    else if (token.expiresAt !== null && daysLeft(token.expiresAt, now) <= EXPIRY_WARNING_DAYS) why = `expires ${dayWords(daysLeft(token.expiresAt, now))}`;
    if (why) items.push({ accountId: token.accountId, tokenId: token.tokenId, label: `${token.name} (${who}): ${why}` });
  }
  const count = items.length;
  const summary = count === 0 ? 'Every token is fine' : `${count} ${count === 1 ? 'token needs' : 'tokens need'} attention`;
  return { count, items, summary, tooltip: `Latch: ${summary.charAt(0).toLowerCase()}${summary.slice(1)}` };
}

export function createRemindersService(deps: { store: IndexStore; now?: () => number }): RemindersService {
  const clock = deps.now ?? Date.now;
  return {
    async check() {
      const now = clock();
      return deps.store.update((data) => {
        const shown = new Set(data.remindersShown ?? []);
        const notify: Reminder[] = [];
        for (const token of data.storedTokens) {
          const account = data.accounts.find((candidate) => candidate.id === token.accountId);
          const reminder = account ? reminderFor(token, account, now) : null;
          if (reminder && !shown.has(reminder.key)) notify.push(reminder);
        }
        // Kept only for tokens still kept, so the list does not grow for ever.
        const live = new Set(data.storedTokens.map((token) => `${token.accountId}/${token.tokenId}/`));
        const kept = [...shown, ...notify.map((reminder) => reminder.key)].filter((key) => [...live].some((prefix) => key.startsWith(prefix)));
        if (notify.length > 0 || kept.length !== shown.size) data.remindersShown = kept;
        return { notify, attention: attentionFor(data.storedTokens, data.accounts, now) };
      });
    },
  };
}
