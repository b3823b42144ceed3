// Leak response for GitHub tokens: the real core and keychain, the GitHub simulator over real sockets
// standing in for github.com (through the core's publicServers option: nothing reaches the network) and
// for an Enterprise Server Latch has an account for. A GitHub secret is revoked by the secret alone,
// even one Latch never held, at every server it may belong to.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import type { LeakReport } from '../../shared/leaks';
import { runLeakCommand } from '../../electron/cli/commands/leak';
import { createHarness, type Harness } from '../core/services/harness';
import { startGitHubSimulator, type GitHubSimulator } from '../hosts/github';
import { filesContaining } from '../e2e/support/canary';

let h: Harness;
let home: string;
let dotcom: GitHubSimulator;
let enterprise: GitHubSimulator;

async function harness(extraServers: Array<{ baseUrl: string }> = []): Promise<void> {
  h = createHarness({
    requestTimeoutMs: 5_000,
    env: { HOME: home, XDG_CONFIG_HOME: join(home, 'xdg'), GIT_CONFIG_SYSTEM: join(home, 'etc-gitconfig') },
    publicServers: { github: [{ baseUrl: 'https://github.com', api: { base: dotcom.apiBase, enterprise: false } }, ...extraServers] },
  });
}

beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'latch-github-leak-home-'));
  dotcom = await startGitHubSimulator({ personality: 'github.com', revokeDelayMs: 0 });
  enterprise = await startGitHubSimulator({ personality: 'enterprise', revokeDelayMs: 0 });
  for (const sim of [dotcom, enterprise]) sim.addUser({ login: 'octocat' });
  await harness();
});

afterEach(async () => {
  await h.close();
  await Promise.all([dotcom.stop(), enterprise.stop()]);
  rmSync(home, { recursive: true, force: true });
});


function expectNowhere(secret: string, report: unknown): void {
  expect(JSON.stringify(report)).not.toContain(secret);
  expect(h.indexText()).not.toContain(secret);
  for (const sim of [dotcom, enterprise]) expect(JSON.stringify(sim.requests)).not.toContain(secret);
  expect(filesContaining(h.home, secret)).toEqual([]);
  expect(filesContaining(home, secret)).toEqual([]);
}

describe('a GitHub token', () => {
  it('that Latch never held is revoked at github.com by the secret alone and confirmed dead', async () => {
    const secret = dotcom.issueToken({ login: 'octocat', kind: 'classic' });
    const report = await h.core.leaks.respond(secret);
    expect(report.host.outcome).toBe('revoked');
    expect(report.complete).toBe(true);
    expect(dotcom.isAlive(secret)).toBe(false);
    expect(dotcom.requests.some((r) => r.method === 'POST' && r.path === '/credentials/revoke' && !r.authenticated && r.status === 202)).toBe(true);
    expectNowhere(secret, report);
  });

  it('of an Enterprise Server Latch has an account for is revoked there, and the kept copy removed', async () => {
    const kept = enterprise.issueToken({ login: 'octocat', kind: 'classic' });
    const account = await h.core.accounts.add({ host: 'github', baseUrl: enterprise.baseUrl, email: null, token: { name: 'laptop', expiresOn: null, secret: kept } });
    const report = await h.core.leaks.respond(kept);
    expect(report.found.where).toBe('keychain');
    expect(report.host.outcome).toBe('revoked');
    expect(report.host.sentence).toContain(new URL(enterprise.baseUrl).host);
    expect(enterprise.isAlive(kept)).toBe(false);
    expect(await h.core.tokens.stored(account.id)).toEqual([]);
    expectNowhere(kept, report);
  });

  it('names an Enterprise Server of an account that cannot be reached, without failing once github.com confirmed', async () => {
    const down = await startGitHubSimulator({ personality: 'enterprise' });
    down.addUser({ login: 'octocat' });
    const held = down.issueToken({ login: 'octocat', kind: 'classic' });
    await h.core.accounts.add({ host: 'github', baseUrl: down.baseUrl, email: null, token: { name: 'work', expiresOn: null, secret: held } });
    await down.stop();
    const secret = dotcom.issueToken({ login: 'octocat', kind: 'fine-grained' });
    const report = await h.core.leaks.respond(secret);
    expect(report.host.outcome).toBe('revoked');
    expect(report.host.sentence).toContain(`could not reach ${new URL(down.baseUrl).host}`);
    expect(dotcom.isAlive(secret)).toBe(false);
    expectNowhere(secret, report);
  });

  it('ghs_: gets the installation-token sentence and nothing is sent', async () => {
    const secret = dotcom.issueToken({ login: 'octocat', kind: 'installation' });
    dotcom.requests.length = 0;
    const report = await h.core.leaks.respond(secret);
    expect(report.host.outcome).toBe('by-hand');
    expect(report.host.sentence).toMatch(/installation token \(ghs_\)/);
    expect(dotcom.requests).toEqual([]);
    expectNowhere(secret, report);
  });

  it('latch leak --secret-stdin --yes --json: revoked and confirmed, exit 0, the report without the secret', async () => {
    const secret = dotcom.issueToken({ login: 'octocat', kind: 'classic' });
    let out = '';
    let err = '';
    const code = await runLeakCommand(
      {
        out: (text) => (out += text),
        err: (text) => (err += text),
        stdin: Readable.from([Buffer.from(`${secret}\n`)]),
        leaks: () => h.core.leaks,
        promptHidden: () => Promise.resolve(null),
        confirm: () => Promise.resolve(false),
      },
      { secretStdin: true, yes: true, json: true },
    );
    expect(code).toBe(0);
    expect(err).toBe('');
    const report = JSON.parse(out) as LeakReport;
    expect(report).toMatchObject({ complete: true, recognized: { kind: 'github' }, host: { outcome: 'revoked' }, found: { where: 'nowhere' } });
    expect(out).not.toContain(secret);
    expect(dotcom.isAlive(secret)).toBe(false);
  });
});
