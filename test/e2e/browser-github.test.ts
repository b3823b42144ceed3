// GitHub Enterprise Server, full stack in Chromium: an account added with a pasted personal access
// token (server prefilled with github.com, changed to the Enterprise Server), a second token, one revoked
// for real by its secret (the simulator confirms it dead), and the leak response on a token Latch never
// held. axe in light and dark; afterwards the secrets are nowhere they must not be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubSimulator, type GitHubSimulator } from '../hosts/github';
import { seriousViolations } from './support/axe';
import { captureOutput, filesContaining } from './support/canary';
import { startHarness, type Harness } from './support/harness';
import { findInReactState } from './support/react-state';
import { screenshot } from './support/screenshots';
import { pageText } from './support/steps';

const LOGIN = 'octo-erin';
const DISPLAY_NAME = 'Erin Octo';
/** The Enterprise Server as a person types it; the harness routes it to the simulator. */
const SERVER = 'https://github.example.com';
const FIRST = 'git on this laptop';
const SECOND = 'CI runner';

describe('GitHub in Chromium: personal access tokens pasted, kept for git, revoked by their secret', { timeout: 120_000 }, () => {
  let h: Harness;
  let ghes: GitHubSimulator;
  let dotcom: GitHubSimulator;
  let output: ReturnType<typeof captureOutput>;
  const secrets: string[] = [];

  const axeBoth = async () => {
    expect(await seriousViolations(h.page)).toEqual([]);
    await h.page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(h.page)).toEqual([]);
    await h.page.emulateMedia({ colorScheme: 'light' });
  };

  beforeAll(async () => {
    output = captureOutput();
    ghes = await startGitHubSimulator({ personality: 'enterprise', revokeDelayMs: 300 });
    dotcom = await startGitHubSimulator({ personality: 'github.com', revokeDelayMs: 300 });
    ghes.addUser({ login: LOGIN, name: DISPLAY_NAME });
    const expiresAt = Date.now() + 200 * 86_400_000;
    secrets.push(
      ghes.issueToken({ login: LOGIN, kind: 'classic', scopes: ['repo', 'workflow'], expiresAt }),
      ghes.issueToken({ login: LOGIN, kind: 'classic', scopes: ['repo'], expiresAt: Date.now() + 5 * 86_400_000 }),
      // Never given to Latch: the leak.
      ghes.issueToken({ login: LOGIN, kind: 'classic', scopes: ['repo'], expiresAt }),
    );
    h = await startHarness({
      publicServers: { github: [{ baseUrl: dotcom.baseUrl, api: { base: dotcom.apiBase, enterprise: false } }] },
      named: { [SERVER]: ghes.baseUrl },
    });
    await h.open();
  }, 240_000);

  afterAll(async () => {
    output?.stop();
    await h?.close();
    await ghes?.stop();
    await dotcom?.stop();
  });

  it('asks for a server (github.com first), a personal access token and its name, no email and no date', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account' });
    await dialog.getByLabel('Host', { exact: true }).selectOption('github');
    expect(await dialog.getByLabel('Server URL').inputValue()).toBe('https://github.com');
    expect(await dialog.getByLabel('Personal access token').getAttribute('type')).toBe('password');
    expect(await dialog.getByLabel(/email/i).count()).toBe(0);
    expect(await dialog.getByLabel('Expires on').count()).toBe(0);
    expect(await dialog.textContent()).toContain('GitHub tells Latch when the token expires');

    await dialog.getByRole('button', { name: 'Open the classic token page' }).click();
    await expect.poll(() => h.opened.at(-1)).toBe('https://github.com/settings/tokens/new?description=git%20on%20this%20computer&scopes=repo,workflow');
    await dialog.getByRole('button', { name: 'Open the fine-grained token page' }).click();
    await expect.poll(() => h.opened.at(-1)).toBe('https://github.com/settings/personal-access-tokens/new');

    await dialog.getByLabel('Server URL').fill(SERVER);
    await dialog.getByLabel('Personal access token').fill(secrets[0]!);
    await dialog.getByLabel('Token name').fill(FIRST);
    await axeBoth();
    await screenshot(page, 'github-add-account');
    await dialog.getByLabel('Token name').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: DISPLAY_NAME }).waitFor();
    expect(await h.core.accounts.list()).toEqual([expect.objectContaining({ host: 'github', userSlug: LOGIN })]);
  });

  it('lists the kept token with its scopes and adds a second one', async () => {
    const { page } = h;
    const row = page.getByRole('row', { name: new RegExp(FIRST) });
    await row.waitFor();
    expect(await row.locator('.col-scopes').textContent()).toBe('repo, workflow');

    const before = h.opened.length;
    await page.getByRole('button', { name: 'Create on GitHub…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an API token' });
    await dialog.waitFor();
    expect(h.opened.length).toBe(before + 1);
    expect(h.opened.at(-1)).toBe(`${SERVER}/settings/tokens/new?description=git%20on%20this%20computer&scopes=repo,workflow`);
    await dialog.getByLabel('Personal access token').fill(secrets[1]!);
    await dialog.getByLabel('Token name').fill(SECOND);
    await axeBoth();
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    await dialog.waitFor({ state: 'detached' });
    const second = page.getByRole('row', { name: new RegExp(SECOND) });
    await second.waitFor();
    expect(await second.locator('.badge--warning').textContent()).toMatch(/^Expires in \d days$/);
    await axeBoth();
    await screenshot(page, 'github-tokens');
    await screenshot(page, 'github-tokens-dark', 'dark');
  });

  it('revokes a kept token at GitHub by its secret, after a confirmation', async () => {
    const { page } = h;
    await page.getByRole('button', { name: `Revoke ${SECOND}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Revoke “${SECOND}”?` });
    await confirm.waitFor();
    await axeBoth();
    await screenshot(page, 'github-revoke');
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await confirm.waitFor({ state: 'detached', timeout: 40_000 });
    await page.locator('tbody .token-name', { hasText: SECOND }).waitFor({ state: 'detached' });
    expect(ghes.isAlive(secrets[1]!)).toBe(false);
    expect(ghes.isAlive(secrets[0]!)).toBe(true);
    expect((await h.core.store.read()).storedTokens.map((entry) => entry.name)).toEqual([FIRST]);
  });

  it('revokes a leaked GitHub token Latch never held', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'A secret leaked…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Respond to a leaked secret' });
    await dialog.getByLabel('Leaked secret').fill(secrets[2]!);
    await axeBoth();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.locator('.button--danger').click();
    await expect.poll(() => ghes.isAlive(secrets[2]!), { timeout: 40_000 }).toBe(false);
    await dialog.getByRole('button', { name: 'Done' }).waitFor({ timeout: 40_000 });
    await axeBoth();
    await screenshot(page, 'github-leak');
    await page.keyboard.press('Escape');
  });

  it('leaves the secrets nowhere: page, React state, LATCH_HOME, the browser profile, logs, output', async () => {
    const { page } = h;
    for (const secret of secrets) {
      expect(await pageText(page)).not.toContain(secret);
      expect((await findInReactState(page, secret)).hits).toEqual([]);
    }
    await h.closeBrowser();
    for (const secret of secrets) {
      expect(filesContaining(h.home, secret)).toEqual([]);
      expect(filesContaining(h.profileDir, secret)).toEqual([]);
      expect(h.logs.join('\n')).not.toContain(secret);
      expect(output.text()).not.toContain(secret);
    }
  });
});
