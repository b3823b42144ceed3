import type { SettingsSlice, SliceCreator } from './types';

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, _get, bridge) => ({
  settings: null,

  async loadSettings() {
    const result = await bridge.settings.get({});
    if (!result.ok) return result;
    set({ settings: result.value });
    return null;
  },

  async saveSettings(change) {
    const result = await bridge.settings.set(change);
    if (!result.ok) return result;
    set({ settings: result.value, dialog: null });
    return null;
  },

  cliToolsStatus: () => bridge.cliTools.status({}),
  installCliTools: () => bridge.cliTools.install({}),
  removeCliTools: () => bridge.cliTools.remove({}),
});
