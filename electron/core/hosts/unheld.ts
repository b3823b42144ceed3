// A leaked secret Latch never held, sent to each server that might have issued it (GitHub's
// credentials/revoke, GitLab's self-revoke), one after another: the part every host shares. What the
// answers mean in words stays with each host (its leak.ts).
import { LatchError } from '../../../shared/result';
import { gitHost } from '../../../shared/url';
import type { RevokeBySecretOutcome } from './adapter';
import type { UnheldServer } from './plugin';

export interface ServerAnswers {
  /** Servers that answered, with what they said. */
  answers: Array<{ server: string; outcome: RevokeBySecretOutcome }>;
  /** Servers that refused the request or answered with an error. */
  failures: LatchError[];
  /** Servers revoked at, by name. */
  revoked: string[];
  /** ` Latch could not reach a, b.` for those the network did not reach, or ''. */
  notReached: string;
}

/**
 * Asks every server in turn. A `validation` refusal (a typo, a kind of secret no API revokes) is the
 * same answer everywhere, so it is thrown at once and nothing more is sent.
 */
export async function askEachServer(servers: readonly UnheldServer[], ask: (server: UnheldServer) => Promise<RevokeBySecretOutcome>): Promise<ServerAnswers> {
  const answers: ServerAnswers['answers'] = [];
  const unreachable: string[] = [];
  const failures: LatchError[] = [];
  for (const server of servers) {
    const name = gitHost(server.baseUrl);
    try {
      answers.push({ server: name, outcome: await ask(server) });
    } catch (error) {
      if (!(error instanceof LatchError) || error.code === 'validation') throw error;
      if (error.code === 'network' || error.code === 'timeout' || error.code === 'tls') unreachable.push(name);
      else failures.push(error);
    }
  }
  return {
    answers,
    failures,
    revoked: answers.filter((answer) => answer.outcome === 'revoked').map((answer) => answer.server),
    notReached: unreachable.length > 0 ? ` Latch could not reach ${unreachable.join(', ')}.` : '',
  };
}
