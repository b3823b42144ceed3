// The IPC contract is one map: the channel names, the handler map and the input types are all derived
// from it, and tsc refuses any of them that leaves a channel out. The `@ts-expect-error` lines below
// are the proof: the typecheck (which covers test/) fails if one of them stops being an error.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNELS, splitChannel, type ChannelSet } from '../../shared/channels';
import { CONTRACT, returns, type ChannelInput, type ChannelName, type ChannelOutput, type ContractShape, type IpcHandlers, type LatchBridge } from '../../shared/contract';
import type { AccessToken, AccountView, AddAccountInput, CreateTokenRequest, BrowserToken, RevealedToken, Settings, TokenOwner } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { exactly } from '../../shared/schemas';

type Same<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true : false;
const same = <A, B>(..._proof: Same<A, B> extends true ? [] : [never]): void => undefined;

describe('the IPC contract', () => {
  it('lists the same channels, in the same order, as the names the preload walks', () => {
    expect([...CHANNELS]).toEqual(Object.keys(CONTRACT));
    for (const channel of CHANNELS) {
      expect(CONTRACT[channel].input).toBeInstanceOf(z.ZodType);
      expect(splitChannel(channel)).toHaveLength(2);
    }
  });

  it('refuses a channel without a schema or without a handler, at compile time', () => {
    const every = Object.fromEntries(CHANNELS.map((channel) => [channel, true])) as ChannelSet;
    const { 'leaks:respond': _name, ...namesButOne } = every;
    // @ts-expect-error the names list leaves a channel out
    void (namesButOne satisfies ChannelSet);
    // @ts-expect-error the names list has a channel the contract does not
    void ({ ...every, 'tokens:rename': true } satisfies ChannelSet);

    // @ts-expect-error a channel without an input schema
    void ({ 'tokens:rename': { output: returns<null>() } } satisfies ContractShape);
    // @ts-expect-error a channel name without its group
    void ({ rename: { input: z.object({}), output: returns<null>() } } satisfies ContractShape);

    const handlers = {} as IpcHandlers;
    const { 'tokens:add': _handler, ...handlersButOne } = handlers;
    // @ts-expect-error a channel without its handler
    void (handlersButOne satisfies IpcHandlers);
    // @ts-expect-error a handler that takes another channel's input
    void ({ ...handlers, 'tokens:add': handlers['tokens:create'] } satisfies IpcHandlers);
    expect(true).toBe(true);
  });

  it('types each channel from its schema, which tsc holds to the domain types', () => {
    same<ChannelName, (typeof CHANNELS)[number]>();
    same<ChannelInput<'accounts:add'>, AddAccountInput>();
    same<ChannelInput<'tokens:create'>, CreateTokenRequest>();
    same<ChannelInput<'tokens:list'>, { accountId: string; owner: TokenOwner; otp?: string | undefined }>();
    same<ChannelInput<'tokens:add'>, { accountId: string; token: BrowserToken }>();
    same<ChannelInput<'settings:set'>, Partial<Settings>>();
    same<ChannelInput<'accounts:list'>, Record<string, never>>();
    same<ChannelOutput<'tokens:create'>, RevealedToken>();
    same<ChannelOutput<'tokens:list'>, AccessToken[]>();
    // @ts-expect-error outputs are checked too
    same<ChannelOutput<'accounts:list'>, AccountView>();

    // @ts-expect-error a schema with a field its type does not have
    exactly<{ name: string }>()(z.object({ name: z.string(), extra: z.string() }).strict());
    // @ts-expect-error a type with a field its schema does not have
    exactly<{ name: string; extra?: string }>()(z.object({ name: z.string() }).strict());
    // @ts-expect-error a field of another type
    exactly<{ name: string }>()(z.object({ name: z.number() }).strict());
    exactly<{ name: string }>()(z.object({ name: z.string() }).strict());
    expect(true).toBe(true);
  });

  it('keeps window.latch as group.method, one function per channel', () => {
    same<keyof LatchBridge, 'accounts' | 'tokens' | 'reveal' | 'git' | 'settings' | 'cliTools' | 'hosts' | 'leaks' | 'imports' | 'credentials'>();
    same<keyof LatchBridge['tokens'], 'list' | 'create' | 'revoke' | 'rotate' | 'remove' | 'add' | 'useForGit' | 'replace'>();
    same<LatchBridge['tokens']['create'], (input: CreateTokenRequest) => Promise<Result<RevealedToken>>>();
    same<LatchBridge['accounts']['add'], (input: AddAccountInput) => Promise<Result<AccountView>>>();
    expect(true).toBe(true);
  });
});
