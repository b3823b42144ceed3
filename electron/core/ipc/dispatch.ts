// The one entry point for IPC calls, used as is by Electron main and by the browser test harness:
// it checks who is asking, that the channel exists and that the input has the channel's shape,
// then calls the handler. It always answers a Result and never throws.
import { CONTRACT, type ChannelName, type IpcHandlers } from '../../../shared/contract';
import { fail, toFailure, type Result } from '../../../shared/result';
import type { z } from 'zod';

/**
 * The dispatcher's shape, for Electron main and the test harness alike. `channel` is any string: it
 * comes from outside, and checking that it names a channel is the dispatcher's job.
 */
export type Dispatch = (channel: string, rawInput: unknown, senderTrusted: boolean) => Promise<Result<unknown>>;

const KNOWN = new Set<string>(Object.keys(CONTRACT));

export function createDispatcher(handlers: IpcHandlers): Dispatch {
  return async (channel, rawInput, senderTrusted) => {
    try {
      if (senderTrusted !== true) {
        return fail('forbidden-sender', 'Latch refused a request that did not come from its own window.');
      }
      if (typeof channel !== 'string' || !KNOWN.has(channel)) {
        return fail('validation', 'Latch received a request it does not know, and ignored it.');
      }
      const name = channel as ChannelName;
      const parsed = CONTRACT[name].input.safeParse(rawInput);
      if (!parsed.success) return fail('validation', describeIssues(parsed.error.issues, rawInput));
      const handler = handlers[name] as (input: unknown) => Promise<Result<unknown>>;
      return await handler(parsed.data);
    } catch (error) {
      return toFailure(error);
    }
  };
}

/**
 * A sentence naming what was wrong, built from field names and our own words. The input itself is
 * never quoted: it may hold a password. A message a schema chose itself (e.g. "Give the token a
 * name.") is used when it contains no text from the input.
 */
function describeIssues(issues: readonly z.core.$ZodIssue[], rawInput: unknown): string {
  const inputTexts = collectStrings(rawInput).filter((text) => text.length >= 3);
  const parts = issues.slice(0, 3).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the request';
    const ownMessage = !/^(Invalid|Too small|Too big|Unrecognized)/.test(issue.message);
    if (ownMessage && !inputTexts.some((text) => issue.message.includes(text))) return issue.message.replace(/\.$/, '');
    switch (issue.code) {
      case 'unrecognized_keys':
        return `${field} has ${issue.keys.length === 1 ? 'a field' : 'fields'} Latch does not accept`;
      case 'invalid_type':
        return issue.message.endsWith('received undefined') ? `${field} is missing` : `${field} has the wrong type`;
      case 'too_small':
        return `${field} is ${issue.origin === 'string' && issue.minimum === 1 ? 'empty' : 'too small or too short'}`;
      case 'too_big':
        return `${field} is too large or too long`;
      case 'invalid_value':
        return `${field} is not one of the accepted values`;
      case 'invalid_format':
        return `${field} is not in a form Latch accepts`;
      default:
        return `${field} is not valid`;
    }
  });
  return `Latch refused the request: ${parts.join('; ')}.`;
}

function collectStrings(value: unknown, found: string[] = [], depth = 0): string[] {
  if (depth > 6) return found;
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, found, depth + 1);
  else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) collectStrings(item, found, depth + 1);
  }
  return found;
}
