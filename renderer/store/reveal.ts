import type { RevealSlice, SliceCreator } from './types';

export const createRevealSlice: SliceCreator<RevealSlice> = (set, get, bridge) => ({
  reveal: null,
  copy: { state: 'idle' },

  async copySecret() {
    const reveal = get().reveal;
    if (!reveal) return;
    set({ copy: { state: 'copying' } });
    // The main process writes the clipboard from the secret it holds: the renderer never touches it.
    const result = await bridge.reveal.copy({ revealId: reveal.revealId });
    if (get().reveal?.revealId !== reveal.revealId) return;
    set({ copy: result.ok ? { state: 'copied', clearAfterSeconds: result.value.clearAfterSeconds } : { state: 'error', message: result.message } });
  },

  async closeReveal() {
    const reveal = get().reveal;
    if (!reveal) return;
    // Wiped here first, whatever main answers: once the person closed the panel, the renderer forgets.
    set({ reveal: null, copy: { state: 'idle' } });
    await bridge.reveal.close({ revealId: reveal.revealId });
  },
});
