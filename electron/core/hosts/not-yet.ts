import { HOSTS, type HostKind } from '../../../shared/hosts';
import { LatchError } from '../../../shared/result';

/** For a host whose API Latch does not speak yet: says plainly what it cannot do. */
export function notYetSpoken(kind: HostKind): never {
  const entry = HOSTS[kind];
  throw new LatchError('unsupported', entry.limitation ?? `Latch cannot manage ${entry.label} tokens yet.`);
}
