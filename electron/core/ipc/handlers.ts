// One handler per IPC channel, each a thin call into the services. Every handler answers a Result:
// errors become Failures here, never exceptions across the bridge.
import { CHANNELS } from '../../../shared/channels';
import type { ChannelName, ChannelOutput, HandlerInput, IpcHandlers } from '../../../shared/contract';
import { LatchError, ok, toFailure, type Result } from '../../../shared/result';
import { managePageUrl } from '../../../shared/hosts';
import type { CliToolsPort, FolderPickerPort, GitSetupPort, OpenerPort } from '../ports';
import type { AccountsService } from '../services/accounts';
import type { LeaksService } from '../services/leaks';
import type { ImportService } from '../import/service';
import type { GitCredentialsService } from '../services/git-credentials';
import type { RevealService } from '../services/reveal';
import type { Session } from '../services/session';
import type { SettingsService } from '../services/settings';
import type { TokensService } from '../services/tokens';

export interface HandlerParts {
  accounts: AccountsService;
  tokens: TokensService;
  reveal: RevealService;
  settings: SettingsService;
  /** Holds a one-time code a call brings for the account's next host call (Gitea, Forgejo). */
  session?: Session;
  leaks?: LeaksService;
  imports?: ImportService;
  gitCredentials?: GitCredentialsService;
  git?: GitSetupPort;
  opener?: OpenerPort;
  cliTools?: CliToolsPort;
  folderPicker?: FolderPickerPort;
}

type Work = { [C in ChannelName]: (input: HandlerInput<C>) => Promise<ChannelOutput<C>> };

export function createIpcHandlers(parts: HandlerParts): IpcHandlers {
  const { accounts, tokens, reveal, settings, session, leaks, imports, gitCredentials, git, opener, cliTools, folderPicker } = parts;

  const savedPort = (): GitCredentialsService => {
    if (!gitCredentials) throw new LatchError('unsupported', 'Git credentials are not available in this build.');
    return gitCredentials;
  };

  const importPort = (): ImportService => {
    if (!imports) throw new LatchError('unsupported', 'Import is not available in this build.');
    return imports;
  };

  /**
   * A code the window sent goes with this call's host request only, as the CLI's --otp does; one the call
   * never sent (it stopped before asking the host) is dropped with it, not left for a later call.
   */
  const withCode = async <T>(accountId: string, otp: string | undefined, run: () => Promise<T>): Promise<T> => {
    const code = otp?.trim();
    if (!code || !session) return run();
    session.giveCode(accountId, code);
    try {
      return await run();
    } finally {
      session.takeCode(accountId);
    }
  };

  const gitPort = (): GitSetupPort => {
    if (!git) throw new LatchError('unsupported', 'Setting git up from Latch is not available in this build.');
    return git;
  };

  const openerPort = (): OpenerPort => {
    if (!opener) throw new LatchError('unsupported', 'Opening pages in your browser is not available in this build.');
    return opener;
  };

  const cliToolsPort = (): CliToolsPort => {
    if (!cliTools) throw new LatchError('unsupported', 'Installing the command line tools is not available in this build.');
    return cliTools;
  };

  const work: Work = {
    'accounts:list': () => accounts.list(),
    'accounts:add': (input) => accounts.add(input),
    'accounts:remove': async ({ accountId }) => {
      await accounts.remove(accountId);
      return null;
    },
    'accounts:unlock': ({ accountId, password, otp }) => withCode(accountId, otp, () => accounts.unlock(accountId, password)),
    'accounts:lock': ({ accountId }) => accounts.lock(accountId),
    'accounts:setDefault': ({ accountId }) => accounts.setDefault(accountId),
    'accounts:startFresh': () => accounts.startFresh(),
    'tokens:list': ({ accountId, owner, otp }) => withCode(accountId, otp, () => tokens.list(accountId, owner)),
    'tokens:create': async ({ otp, ...request }) => {
      const created = await withCode(request.accountId, otp, () => tokens.create(request));
      return { ...created, revealId: reveal.hold(created) };
    },
    'tokens:remove': async ({ accountId, tokenId }) => {
      await accounts.get(accountId);
      await tokens.remove(accountId, tokenId);
      return null;
    },
    'tokens:add': ({ accountId, token }) => tokens.add(accountId, token),
    'tokens:replace': async ({ accountId, owner, tokenId, otp }) => {
      const replaced = await withCode(accountId, otp, () => tokens.replace(accountId, owner, tokenId));
      return { ...replaced, revealId: reveal.hold(replaced) };
    },
    'tokens:useForGit': async ({ accountId, tokenId }) => {
      await tokens.useForGit(accountId, tokenId);
      return null;
    },
    'tokens:revoke': async ({ accountId, owner, tokenId, otp }) => {
      await withCode(accountId, otp, () => tokens.revoke(accountId, owner, tokenId));
      return null;
    },
    'tokens:rotate': async ({ accountId, owner, tokenId, expiryDays }) => {
      const rotated = await tokens.rotate(accountId, owner, tokenId, expiryDays);
      return { ...rotated, revealId: reveal.hold(rotated) };
    },
    'reveal:copy': ({ revealId }) => reveal.copy(revealId),
    'reveal:close': async ({ revealId }) => {
      reveal.close(revealId);
      return null;
    },
    'git:status': async ({ accountId }) => gitPort().status(await accounts.get(accountId)),
    'git:setup': async ({ accountId }) => gitPort().setup(await accounts.get(accountId)),
    'git:undo': async ({ accountId }) => gitPort().undo(await accounts.get(accountId)),
    'hosts:openManagePage': async (input) => {
      const { host, baseUrl } = 'accountId' in input ? await accounts.get(input.accountId) : input;
      await openerPort().openExternal(managePageUrl(host, baseUrl, input.newToken));
      return null;
    },
    'settings:get': () => settings.get(),
    'settings:set': (change) => settings.set(change),
    'cliTools:status': () => cliToolsPort().status(),
    'cliTools:install': () => cliToolsPort().install(),
    'cliTools:remove': () => cliToolsPort().remove(),
    'leaks:name': async ({ secret }) => {
      if (!leaks) throw new LatchError('unsupported', 'Leak response is not available in this build.');
      return leaks.nameToken(secret, await leaks.examine(secret));
    },
    'leaks:respond': async ({ secret, otp }) => {
      if (!leaks) throw new LatchError('unsupported', 'Leak response is not available in this build.');
      return leaks.respond(secret, otp ? { otp } : {});
    },
    'imports:scan': ({ folders, check }) => importPort().scan({ folders, check }),
    'imports:pickFolders': async () => {
      if (!folderPicker) throw new LatchError('unsupported', 'Choosing folders is not available in this build; type their paths instead.');
      return folderPicker.pickFolders();
    },
    'imports:move': ({ folders, check, ids, removeDead }) => importPort().move({ folders, check, ids, removeDead }),
    'credentials:list': () => savedPort().list(),
    'credentials:remove': async ({ ids }) => {
      await savedPort().remove(ids);
      return null;
    },
  };

  const handlers: Partial<Record<ChannelName, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of CHANNELS) {
    const call = work[channel] as (input: unknown) => Promise<unknown>;
    handlers[channel] = async (input) => {
      try {
        return ok(await call(input));
      } catch (error) {
        return toFailure(error);
      }
    };
  }
  return handlers as IpcHandlers;
}
