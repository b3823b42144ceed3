// Which server speaks at an address: Gitea or Forgejo, and which version, read from what GET
// /api/v1/version reports. Forgejo reports "<its version>+gitea-<the Gitea API it follows>"
// (16.0.1+gitea-1.22.0); Gitea reports its own ("1.27.1", "1.22.0+dev-12-gabc"). The flavour picks the
// one-time code's header and says whether a token may delete itself (Gitea ≥ 1.27); the version
// also tells whether a code may be sent twice (Gitea before 1.27 took it again).
// Source: shared reference hosts-next.md §1.1–§1.3.
export type GiteaFlavor = 'gitea' | 'forgejo';

export interface GiteaServer {
  /** null when the server would not say (its version may need a sign-in on some sites). */
  flavor: GiteaFlavor | null;
  /** The product's own version ("1.27.1", Forgejo's "16.0.1" without its "+gitea-…"); null when unknown. */
  version: string | null;
  /** What to call it in a sentence: "Gitea", "Forgejo", or "The server" when it did not say. */
  product: string;
  /** For showing which one it is: "Gitea 1.27.1", "Forgejo 16.0.1", or "Gitea or Forgejo". */
  label: string;
}

const FORGEJO_SUFFIX = /\+gitea-[^\s]*$/;
const VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?/;

export function readVersion(reported: string | null): GiteaServer {
  if (reported === null) return { flavor: null, version: null, product: 'The server', label: 'Gitea or Forgejo' };
  const text = reported.trim();
  const flavor: GiteaFlavor = FORGEJO_SUFFIX.test(text) ? 'forgejo' : 'gitea';
  const own = flavor === 'forgejo' ? text.replace(FORGEJO_SUFFIX, '') : text;
  const match = VERSION.exec(own);
  const version = match ? `${match[1]}.${match[2]}.${match[3] ?? '0'}` : null;
  const product = flavor === 'forgejo' ? 'Forgejo' : 'Gitea';
  return { flavor, version, product, label: version ? `${product} ${version}` : product };
}

/** Whether `version` is at least `wanted` (both "major.minor.patch"). */
export function versionAtLeast(version: string, wanted: string): boolean {
  const have = version.split('.').map(Number);
  const want = wanted.split('.').map(Number);
  for (let index = 0; index < 3; index += 1) {
    const a = have[index] ?? 0;
    const b = want[index] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** The header each flavour reads the one-time code from; both read X-Gitea-OTP, so it serves when unknown. */
export function otpHeaderName(server: GiteaServer): string {
  return server.flavor === 'forgejo' ? 'X-Forgejo-OTP' : 'X-Gitea-OTP';
}

/** GET/DELETE /api/v1/token: 'yes' on Gitea ≥ 1.27, 'no' on Forgejo and older Gitea, 'unknown' when it did not say. */
export function selfTokenRoutes(server: GiteaServer): 'yes' | 'no' | 'unknown' {
  if (server.flavor === null || server.version === null) return server.flavor === 'forgejo' ? 'no' : 'unknown';
  return server.flavor === 'gitea' && versionAtLeast(server.version, '1.27.0') ? 'yes' : 'no';
}

/**
 * Gitea before 1.27 took the same one-time code on every call within its window; Gitea 1.27 and
 * Forgejo take each code once. Unknown servers are treated as the strict kind.
 */
export function takesOtpTwice(server: GiteaServer): boolean {
  return server.flavor === 'gitea' && server.version !== null && !versionAtLeast(server.version, '1.27.0');
}

