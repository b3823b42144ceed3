// Registers one `ipcMain.handle` per channel of the contract. Every call goes through the core's
// dispatcher, which checks the sender verdict, validates the input and answers with a Result; a
// Result (never an exception) is what crosses back, because Electron would pass on only a message.
import type { IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/channels';
import type { Dispatch } from '../core/ipc/dispatch';

/** The part of `ipcMain` used here; the browser end-to-end harness passes its own. */
export interface InvokeRegistry<E = IpcMainInvokeEvent> {
  handle(channel: string, listener: (event: E, input: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Returns a function that removes the handlers again. */
export function registerIpc<E>(ipc: InvokeRegistry<E>, dispatch: Dispatch, isTrusted: (event: E) => boolean): () => void {
  for (const channel of CHANNELS) {
    // Exactly one argument is read: anything else the sender passes is ignored.
    ipc.handle(channel, (event, input) => dispatch(channel, input, isTrusted(event)));
  }
  return () => {
    for (const channel of CHANNELS) ipc.removeHandler(channel);
  };
}
