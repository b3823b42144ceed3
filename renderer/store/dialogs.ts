import type { DialogsSlice, SliceCreator } from './types';

export const createDialogsSlice: SliceCreator<DialogsSlice> = (set) => ({
  dialog: null,
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
});
