import { describe, expect, it } from 'vitest';
import { bitbucketDataCenterTokenId } from '../../shared/hosts/bitbucket-datacenter';
import { recognizeSecret } from '../../shared/secret-formats';

// The example from the published Data Center spec: base64 of "252973515069:" followed by random bytes.
const SPEC_EXAMPLE = 'MjUyOTczNTE1MDY5On2rDbID2EgYpH8AVOECHv0saruQ';

describe('recognising a pasted secret', () => {
  it('reads the token id out of a Data Center secret, with or without the BBDC- prefix', () => {
    expect(bitbucketDataCenterTokenId(SPEC_EXAMPLE)).toBe('252973515069');
    expect(recognizeSecret(`BBDC-${SPEC_EXAMPLE}`)).toMatchObject({ kind: 'bitbucket-datacenter', tokenId: '252973515069', dead: false });
    expect(recognizeSecret(SPEC_EXAMPLE).tokenId).toBe('252973515069');
  });
  it('keeps a leading zero in the token id', () => {
    const secret = `BBDC-${btoa('012345678901:random-bytes')}`;
    expect(recognizeSecret(secret).tokenId).toBe('012345678901');
  });
  it('marks Bitbucket Cloud app passwords as dead', () => {
    expect(recognizeSecret('ATBB1234567890abcdef')).toMatchObject({ kind: 'bitbucket-cloud-app-password', dead: true });
  });
  it('recognises the other hosts by prefix', () => {
    expect(recognizeSecret('ATATT3xFfGF0abc').kind).toBe('atlassian-api-token');
    expect(recognizeSecret('ghp_abcdefghijklmnopqrstuvwxyz0123456789').kind).toBe('github');
    expect(recognizeSecret('glpat-abcdefghijklmnop').kind).toBe('gitlab');
    expect(recognizeSecret('0123456789abcdef0123456789abcdef01234567').kind).toBe('gitea');
  });
  it('says unknown rather than guessing', () => {
    expect(recognizeSecret('hunter2')).toMatchObject({ kind: 'unknown', tokenId: null, dead: false });
    expect(recognizeSecret(`BBDC-${btoa('not-an-id:xx')}`)).toMatchObject({ kind: 'bitbucket-datacenter', tokenId: null });
  });
});
