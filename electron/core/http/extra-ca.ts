// A company's own certificate authority, trusted on top of the usual ones. Node reads
// NODE_EXTRA_CA_CERTS itself, but the packaged app's fuses switch that variable off with NODE_OPTIONS
// (electron-builder.config.cjs: it is read by the runtime before any of Latch's code), so Latch reads
// its own variable, the same way in the app, the CLI and from a checkout.
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { LatchError } from '../../../shared/result';

export const EXTRA_CA_VARIABLE = 'LATCH_EXTRA_CA_CERTS';

/** TLS options for undici's `connect`: the usual authorities plus the file's, or nothing to add. */
export function extraAuthorities(env: NodeJS.ProcessEnv = process.env): { ca?: string[] } {
  const file = env[EXTRA_CA_VARIABLE]?.trim();
  if (!file) return {};
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch {
    throw new LatchError('tls', `Latch could not read ${file}, named in ${EXTRA_CA_VARIABLE}. Point it at your authority's certificate in PEM form.`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new LatchError('tls', `${file}, named in ${EXTRA_CA_VARIABLE}, holds no certificate in PEM form (-----BEGIN CERTIFICATE-----).`);
  }
  return { ca: [...rootCertificates, pem] };
}
