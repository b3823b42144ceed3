// The reveal: a new secret is shown once. The main process holds it under a random id while the
// panel is open so Copy can go through here (the renderer never needs the clipboard), then forgets it.
// The clipboard (and Linux's PRIMARY selection) is cleared after a while, and on quit, but only if it
// still holds that secret, or cannot be read back to tell: whatever the person copied since is theirs.
import { createHash, randomBytes } from 'node:crypto';
import type { CreatedToken } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import type { ClipboardPort } from '../ports';

export interface RevealService {
  /** Holds the secret of a just-created token; returns the id the panel copies through. */
  hold(created: CreatedToken): string;
  copy(revealId: string): Promise<{ clearAfterSeconds: number }>;
  /** The panel closed: forget the secret (a pending clipboard clear still happens). */
  close(revealId: string): void;
  isOpen(revealId: string): boolean;
  /** On quit: clears the clipboard if it still holds a copied secret, forgets everything. */
  dispose(): Promise<void>;
}

export interface RevealOptions {
  clipboard: ClipboardPort;
  clearAfterMs?: number;
  /** A reveal nobody closed is forgotten after this long anyway. */
  expireAfterMs?: number;
}

export const CLIPBOARD_CLEAR_MS = 30_000;
export const REVEAL_EXPIRE_MS = 10 * 60_000;

// Only a digest is kept for the pending clear, so closing the panel really drops the secret.
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function createRevealService(options: RevealOptions): RevealService {
  const { clipboard } = options;
  const clearAfterMs = options.clearAfterMs ?? CLIPBOARD_CLEAR_MS;
  const expireAfterMs = options.expireAfterMs ?? REVEAL_EXPIRE_MS;
  const held = new Map<string, { secret: string; timer: ReturnType<typeof setTimeout> }>();
  const pendingClears = new Map<string, ReturnType<typeof setTimeout>>();

  // The clipboard and, on Linux, the PRIMARY selection: a secret selected on screen lands there too.
  const boards = clipboard.selection ? [clipboard, clipboard.selection] : [clipboard];
  const clearIfStill = async (secretDigest: string): Promise<void> => {
    pendingClears.delete(secretDigest);
    for (const board of boards) {
      // One that cannot be read back may still hold the secret: clearing it loses less than leaving it.
      let holds = true;
      try {
        holds = digest(await board.readText()) === secretDigest;
      } catch {
        holds = true;
      }
      try {
        if (holds) await board.clear();
      } catch {
        // Nothing more can be done about a clipboard that refuses to clear; the other is still tried.
      }
    }
  };

  const close = (revealId: string) => {
    const entry = held.get(revealId);
    if (!entry) return;
    clearTimeout(entry.timer);
    held.delete(revealId);
  };

  return {
    hold(created) {
      const revealId = randomBytes(16).toString('hex');
      const timer = setTimeout(() => close(revealId), expireAfterMs);
      timer.unref?.();
      held.set(revealId, { secret: created.secret, timer });
      return revealId;
    },

    async copy(revealId) {
      const entry = held.get(revealId);
      if (!entry) {
        throw new LatchError(
          'not-found',
          'Latch no longer holds this secret: it is forgotten when the panel closes or after 10 minutes. Create a new token if you still need one.',
        );
      }
      const secretDigest = digest(entry.secret);
      await clipboard.writeText(entry.secret);
      clearTimeout(pendingClears.get(secretDigest)); // copied again: count from now
      const timer = setTimeout(() => void clearIfStill(secretDigest), clearAfterMs);
      timer.unref?.();
      pendingClears.set(secretDigest, timer);
      return { clearAfterSeconds: Math.round(clearAfterMs / 1000) };
    },

    close,
    isOpen: (revealId) => held.has(revealId),

    async dispose() {
      for (const revealId of [...held.keys()]) close(revealId);
      const pending = [...pendingClears];
      for (const [, timer] of pending) clearTimeout(timer);
      await Promise.all(pending.map(([secretDigest]) => clearIfStill(secretDigest)));
    },
  };
}
