import type { GitSlice, SliceCreator } from './types';

export const createGitSlice: SliceCreator<GitSlice> = (_set, _get, bridge) => ({
  gitStatus: (accountId) => bridge.git.status({ accountId }),
  gitSetup: (accountId) => bridge.git.setup({ accountId }),
  gitUndo: (accountId) => bridge.git.undo({ accountId }),
});
