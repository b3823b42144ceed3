// `latch leak` as the CLI calls it: the real core, keychain and simulators; stdin as a pipe or as a
// terminal (with the prompts the CLI passes in).
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedToken } from '../../shared/domain';
import type { LeakReport } from '../../shared/leaks';
import { parseArgs } from '../../electron/cli/args';
import { CONFIRM_LOCAL_QUESTION, CONFIRM_QUESTION, LEAK_COMMAND, runLeakCommand, type LeakCommandIo, type LeakCommandOptions } from '../../electron/cli/commands/leak';
import { BitbucketCloudSimulator } from '../hosts/bitbucket-cloud';
import { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';
import { createHarness, type Harness } from '../core/services/harness';

const PASSWORD = 'correct horse battery staple';

let sim: BitbucketDataCenterSimulator;
let h: Harness;
let created: CreatedToken;
let baseUrl: string;

beforeEach(async () => {
  sim = new BitbucketDataCenterSimulator();
  ({ baseUrl } = await sim.start());
  sim.addUser({ username: 'alice', password: PASSWORD });
  // No git credential files in this HOME: the CLI's part is reading, confirming and printing.
  h = createHarness({ requestTimeoutMs: 5_000, env: { HOME: '/nonexistent-home' } });
  const alice = await h.core.accounts.add({ host: 'bitbucket-datacenter', baseUrl, username: 'alice', password: PASSWORD, rememberPassword: false });
  created = await h.core.tokens.create({ accountId: alice.id, name: 'laptop', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: null, owner: { kind: 'user' }, store: true });
});

afterEach(async () => {
  await h.close();
  await sim.stop();
});

interface Run {
  code: number;
  out: string;
  err: string;
  asked: string[];
}

async function run(options: Partial<LeakCommandOptions>, stdin: { piped?: string; typed?: string | null; answer?: boolean }): Promise<Run> {
  const result: Run = { code: -1, out: '', err: '', asked: [] };
  const tty = stdin.piped === undefined;
  const stream = Object.assign(Readable.from(tty ? [] : [Buffer.from(stdin.piped!)]), { isTTY: tty ? true : undefined });
  const io: LeakCommandIo = {
    out: (text) => (result.out += text),
    err: (text) => (result.err += text),
    stdin: stream,
    leaks: () => h.core.leaks,
    promptHidden: async (question) => {
      result.asked.push(question);
      return stdin.typed ?? null;
    },
    confirm: async (question) => {
      result.asked.push(question);
      return stdin.answer ?? false;
    },
  };
  result.code = await runLeakCommand(io, { secretStdin: true, yes: false, json: false, ...options });
  return result;
}

describe('latch leak', () => {
  it('takes a piped secret only with --secret-stdin, and asks for it in a terminal without', async () => {
    const result = await run({ secretStdin: false, yes: true }, { piped: created.secret });
    expect(result).toMatchObject({ code: 2, out: '' });
    expect(result.err).toBe(
      'latch: latch leak asks for the secret in a terminal; from a script, pipe it in with --secret-stdin, so it stays out of your shell history.\n',
    );
    expect(sim.tokens()).toHaveLength(1);
    const asked = await run({ secretStdin: false, yes: true }, { typed: created.secret });
    expect(asked.code).toBe(0);
    expect(asked.asked).toEqual(['Paste the secret you believe leaked (it is not shown), then press Enter: ']);
    expect(sim.tokens()).toHaveLength(0);
  });

  it('needs --yes when the secret is piped in, since nobody can be asked', async () => {
    const result = await run({}, { piped: created.secret });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/add --yes to go ahead without a prompt/);
    expect(sim.tokens()).toHaveLength(1);
  });

  it('revokes a piped secret with --yes and prints the report as JSON, exit 0', async () => {
    const result = await run({ yes: true, json: true }, { piped: `${created.secret}\n` });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as LeakReport;
    expect(report).toMatchObject({ complete: true, host: { outcome: 'revoked' }, found: { where: 'keychain' } });
    expect(sim.tokens()).toEqual([]);
    expect(h.keychainKeys()).toEqual([]);
    expect(result.err).toBe('');
    expect(result.out).not.toContain(created.secret);
  });

  it('needs no password for a secret the host already refuses: its copies go, exit 0', async () => {
    // Revoked in the web page; Latch holds no password for the account now.
    const web = await fetch(`${baseUrl}/rest/access-tokens/latest/users/alice/${created.token.id}`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}` },
    });
    expect(web.status).toBe(204);
    h.core.session.lockAll();
    const result = await run({ yes: true, json: true }, { piped: created.secret });
    const report = JSON.parse(result.out) as LeakReport;
    expect(report.host.outcome).toBe('dead');
    expect(report.host.sentence).toMatch(/no password was needed/);
    expect(result.code).toBe(0);
    expect(h.keychainKeys()).toEqual([]);
  });

  it('still needs the password for a live secret when the account is locked, and changes nothing', async () => {
    h.core.session.lockAll();
    const result = await run({ yes: true, json: true }, { piped: created.secret });
    expect((JSON.parse(result.out) as LeakReport).host.outcome).toBe('needs-password');
    expect(result.code).toBe(1);
    expect(sim.tokens()).toHaveLength(1);
    expect(h.keychainKeys()).toHaveLength(1);
  });

  it('prints each step for a person', async () => {
    const result = await run({ yes: true }, { piped: created.secret });
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe('Revoked at the host: it no longer works. Its copies on this computer are gone.');
    expect(lines.slice(2, 6).map((line) => line.slice(0, line.indexOf(':')))).toEqual(['1. Recognised', '2. Found', '3. At the host', '4. On this computer']);
    expect(lines[2]).toBe(`1. Recognised: A Bitbucket Data Center HTTP access token (token id ${created.token.id}).`);
    expect(result.out).not.toContain(created.secret);
  });

  it('exits 1 when something is left to do by hand, with the place to do it', async () => {
    const result = await run({ yes: true }, { piped: `github_pat_${'A'.repeat(40)}` });
    expect(result.code).toBe(1);
    expect(result.out).toContain('Where: https://github.com/settings/personal-access-tokens');
    expect(sim.tokens()).toHaveLength(1);
  });

  it('on a terminal, asks for the secret without echo, says what it found and changes nothing when the person says no', async () => {
    const declined = await run({}, { typed: created.secret, answer: false });
    expect(declined.code).toBe(1);
    expect(declined.asked).toEqual(['Paste the secret you believe leaked (it is not shown), then press Enter: ', CONFIRM_QUESTION]);
    expect(declined.err).toBe(
      `Latch recognises this as a Bitbucket Data Center HTTP access token (token id ${created.token.id}). ` +
        `It holds it in the keychain as token ${created.token.id} ("laptop") of alice.\nNothing was changed.\n`,
    );
    expect(sim.tokens()).toHaveLength(1);
    expect(h.keychainKeys()).toHaveLength(1);

    const confirmed = await run({}, { typed: created.secret, answer: true });
    expect(confirmed.code).toBe(0);
    expect(sim.tokens()).toEqual([]);
    expect(`${declined.out}${declined.err}${confirmed.out}${confirmed.err}`).not.toContain(created.secret);
  });

  it('names the token a secret Latch does not hold carries the id of, once the host accepts it; a made-up one names none', async () => {
    const account = (await h.core.accounts.list())[0]!;
    const unheld = await h.core.tokens.create({ accountId: account.id, name: 'build agent', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: null, owner: { kind: 'user' }, store: false });
    const declined = await run({}, { typed: unheld.secret, answer: false });
    expect(declined.err).toContain(`Its host accepts it as token ${unheld.token.id} ("build agent") of alice on ${new URL(account.baseUrl).host}.`);
    expect(declined.err).not.toContain(unheld.secret);
    expect(sim.tokens().map((token) => token.id)).toContain(unheld.token.id);

    const madeUp = `BBDC-${Buffer.from(`${unheld.token.id}:made-up-random-bytes`).toString('base64')}`;
    const refused = await run({}, { typed: madeUp, answer: false });
    expect(refused.err).not.toContain('Its host accepts it');
    expect(sim.tokens().map((token) => token.id)).toContain(unheld.token.id);
  });

  it('says so when no secret arrives', async () => {
    expect(await run({ yes: true }, { piped: '\n' })).toMatchObject({ code: 1, err: 'No secret arrived on stdin (--secret-stdin).\n' });
    expect(await run({}, { typed: null })).toMatchObject({ code: 1, err: 'No secret was given.\n' });
  });

  it("fits the CLI's own argument parser as a command spec", () => {
    const parsed = parseArgs(['leak', '--secret-stdin', '--yes', '--json'], [LEAK_COMMAND]);
    expect(parsed).toMatchObject({ kind: 'run', args: { options: { 'secret-stdin': true, yes: true, json: true } } });
    expect(parseArgs(['leak', '--yes'], [LEAK_COMMAND])).toMatchObject({ kind: 'run', args: { options: { yes: true } } });
    expect(() => parseArgs(['leak', '--secret', 'x'], [LEAK_COMMAND])).toThrow('latch leak has no option --secret; see latch leak --help.');
  });
});

describe('latch leak for an API token kept for Bitbucket Cloud', () => {
  const EMAIL = 'alice@example.com';
  let cloud: BitbucketCloudSimulator;
  let secret: string;

  beforeEach(async () => {
    cloud = new BitbucketCloudSimulator();
    const { baseUrl } = await cloud.start();
    cloud.addUser({ email: EMAIL, username: 'alice-bb' });
    secret = cloud.issueToken(EMAIL);
    const expiresOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await h.core.accounts.add({ host: 'bitbucket-cloud', baseUrl, email: EMAIL, token: { name: 'cloud laptop', secret, expiresOn } });
    cloud.requests.length = 0;
  });
  afterEach(() => cloud.stop());

  it('removes the keychain copy, asks nothing of the host, and says to revoke it at id.atlassian.com (exit 1: it still works)', async () => {
    const result = await run({ yes: true }, { piped: `${secret}\n` });
    expect(result.code).toBe(1);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe('Latch cannot revoke it itself: revoke it by hand now, as described below. Its copies on this computer are gone.');
    expect(lines[2]).toBe('1. Recognised: An Atlassian API token (used with Bitbucket Cloud).');
    expect(result.out).toContain('3. At the host: Atlassian has no API to revoke API tokens, so revoke "cloud laptop" yourself now: sign in at id.atlassian.com');
    expect(result.out).toContain('https://id.atlassian.com/manage-profile/security/api-tokens');
    expect(result.out).toMatch(/4\. On this computer: Removed from this computer: the keychain copy of token pasted-[0-9a-f]{12} of alice@example\.com on /);
    expect(result.out + result.err).not.toContain(secret);
    expect(cloud.requests).toEqual([]);
    // Only the Data Center token of the other account is left; its host was not touched either.
    expect(h.keychainKeys()).toHaveLength(1);
    expect((await h.core.tokens.stored()).map((token) => token.tokenId)).toEqual([created.token.id]);
    expect(sim.tokens()).toHaveLength(1);
  });

  it('prints the report as JSON with the page to revoke it at', async () => {
    const result = await run({ yes: true, json: true }, { piped: secret });
    const report = JSON.parse(result.out) as LeakReport;
    expect(report).toMatchObject({
      complete: false,
      found: { where: 'keychain', tokens: [{ name: 'cloud laptop' }] },
      host: { outcome: 'by-hand', manageUrl: 'https://id.atlassian.com/manage-profile/security/api-tokens' },
      local: { attempted: true, keychain: [{ name: 'cloud laptop' }] },
    });
    expect(result.out).not.toContain(secret);
  });

  it('on a terminal, asks to remove the copies without promising to revoke, and changes nothing when the person says no', async () => {
    const declined = await run({}, { typed: secret, answer: false });
    expect(declined.code).toBe(1);
    expect(declined.asked[1]).toBe(CONFIRM_LOCAL_QUESTION);
    expect(declined.err).toMatch(/^Latch recognises this as an Atlassian API token \(used with Bitbucket Cloud\)\. It holds it in the keychain as token pasted-[0-9a-f]{12} \("cloud laptop"\) of alice@example\.com\.\n/);
    expect(h.keychainKeys()).toHaveLength(2);

    const confirmed = await run({}, { typed: secret, answer: true });
    expect(confirmed.code).toBe(1);
    expect(h.keychainKeys()).toHaveLength(1);
    expect(`${declined.out}${declined.err}${confirmed.out}${confirmed.err}`).not.toContain(secret);
  });
});
