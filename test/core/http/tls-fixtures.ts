// A throwaway certificate authority and two server certificates, made with the openssl program so the
// TLS tests meet real certificate checks: one for 127.0.0.1, one for a name that is not this host.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsFixtures {
  ca: string;
  localKey: string;
  localCert: string;
  otherKey: string;
  otherCert: string;
}

export function makeTlsFixtures(): TlsFixtures {
  const dir = mkdtempSync(join(tmpdir(), 'latch-tls-'));
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  try {
    ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', '/CN=Latch Test CA', '-keyout', 'ca.key', '-out', 'ca.pem');
    const leaf = (name: string, san: string) => {
      ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', `/CN=${name}`,
        '-keyout', `${name}.key`, '-out', `${name}.csr`);
      writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
      ssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2',
        '-extfile', `${name}.ext`, '-out', `${name}.pem`);
    };
    leaf('local', 'IP:127.0.0.1');
    leaf('other', 'DNS:other.example');
    const read = (file: string) => readFileSync(join(dir, file), 'utf8');
    return { ca: read('ca.pem'), localKey: read('local.key'), localCert: read('local.pem'), otherKey: read('other.key'), otherCert: read('other.pem') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
