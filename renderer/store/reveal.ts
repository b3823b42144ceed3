import type { RevealSlice, SliceCreator } from './types';

export const createRevealSlice: SliceCreator<RevealSlice> = (set, get, bridge) => ({
  reveal: null,
  revealNote: null,
  copy: { state: 'idle' },

  async copySecret() {
    // Only the id is kept across the await, so this pending call holds no reference to the secret.
    const revealId = get().reveal?.revealId;
    if (!revealId) return;
    set({ copy: { state: 'copying' } });
    // The main process writes the clipboard from the secret it holds: the renderer never touches it.
    const result = await bridge.reveal.copy({ revealId });
    if (get().reveal?.revealId !== revealId) return;
    set({ copy: result.ok ? { state: 'copied', clearAfterSeconds: result.value.clearAfterSeconds } : { state: 'error', message: result.message } });
  },

  async closeReveal() {
    const revealId = get().reveal?.revealId;
    if (!revealId) return;
    // Wiped here first, whatever main answers: once the person closed the panel, the renderer forgets
    // (and the pending call below holds only the id).
    set({ reveal: null, revealNote: null, copy: { state: 'idle' } });
    await bridge.reveal.close({ revealId });
  },
});
