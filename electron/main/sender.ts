// Which IPC senders are ours. Free of `electron` imports so the browser end-to-end harness runs the
// very same check against Playwright's frames.
import { isRendererUrl } from './urls';

/** The parts of Electron's WebFrameMain the check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent?: FrameLike | null;
  readonly processId?: number;
  readonly frameToken?: string;
}

function sameFrame(a: FrameLike, b: FrameLike): boolean {
  if (a === b) return true;
  // Electron may hand out a fresh wrapper for the same frame; its process and token identify it.
  return a.processId !== undefined && a.frameToken !== undefined && a.processId === b.processId && a.frameToken === b.frameToken;
}

/**
 * The sender check for IPC handlers: a call must come from our window's main frame (not an iframe,
 * not another window or webContents) while that frame shows our bundled renderer.
 */
export function createSenderCheck(mainFrame: () => FrameLike | null | undefined, rendererUrl: string) {
  return (event: { readonly senderFrame: FrameLike | null }): boolean => {
    const sender = event.senderFrame;
    const main = mainFrame();
    if (!sender || !main || sender.parent) return false;
    return sameFrame(sender, main) && isRendererUrl(sender.url, rendererUrl);
  };
}
