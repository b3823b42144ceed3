// Where git sends credentials: the protocol and host[:port] a `credential.<url>` section is written for.
// Its own module so setup.ts and helper-chain.ts both use it and neither imports the other for it.
export interface GitTarget {
  protocol: 'http' | 'https';
  /** host[:port] as git writes it. */
  host: string;
}
