// The channel names, and nothing else, for the sandboxed preload: it builds `window.latch` from this
// list and must stay a tiny CommonJS bundle without zod, so it cannot walk the contract itself.
// tsc proves the list is the contract's (shared/contract.ts): a channel missing here, or one the
// contract does not have, fails the build.
import type { ChannelName } from './contract';

/** Each channel of the contract once, and nothing else. */
export type ChannelSet = { [C in ChannelName]: true };

const NAMES = {
  'accounts:list': true,
  'accounts:add': true,
  'accounts:remove': true,
  'accounts:unlock': true,
  'accounts:lock': true,
  'accounts:setDefault': true,
  'accounts:startFresh': true,
  'tokens:list': true,
  'tokens:create': true,
  'tokens:revoke': true,
  'tokens:rotate': true,
  'tokens:replace': true,
  'tokens:remove': true,
  'tokens:add': true,
  'tokens:useForGit': true,
  'reveal:copy': true,
  'reveal:close': true,
  'git:status': true,
  'git:setup': true,
  'git:undo': true,
  'settings:get': true,
  'settings:set': true,
  'cliTools:status': true,
  'cliTools:install': true,
  'cliTools:remove': true,
  'hosts:openManagePage': true,
  'leaks:respond': true,
  'leaks:name': true,
  'imports:scan': true,
  'imports:pickFolders': true,
  'imports:move': true,
  'credentials:list': true,
  'credentials:remove': true,
} as const satisfies ChannelSet;

/** Every channel, in one list the preload and main both walk. */
export const CHANNELS = Object.keys(NAMES) as readonly ChannelName[];

/** Splits 'tokens:create' into ['tokens', 'create']. */
export function splitChannel(channel: ChannelName): [string, string] {
  const [group, method] = channel.split(':') as [string, string];
  return [group, method];
}
