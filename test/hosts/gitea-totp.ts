// Time-based one-time codes as an authenticator app makes them and Gitea/Forgejo check them
// (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps; the servers' library also accepts the step before
// and after, for clock drift).
import { createHmac, randomBytes } from 'node:crypto';

const STEP_MS = 30_000;

export function newTotpSecret(): Buffer {
  return randomBytes(20);
}

/** The code an authenticator shows at `atMs`. */
export function totpCode(secret: Buffer, atMs: number): string {
  return codeForStep(secret, Math.floor(atMs / STEP_MS));
}

/** Whether `code` is the one for the current step or a neighbour. */
export function totpMatches(secret: Buffer, code: string, atMs: number): boolean {
  const step = Math.floor(atMs / STEP_MS);
  return /^\d{6}$/.test(code) && [step - 1, step, step + 1].some((candidate) => codeForStep(secret, candidate) === code);
}

function codeForStep(secret: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}
