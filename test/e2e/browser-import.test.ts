// "Import…" in Chromium, full stack: git's credential file and a repository's remote URL with plain
// passwords in git's HOME of this run, found, checked with their own host (the Data Center simulator),
// moved into the keychain one by one and all at once, a dead Bitbucket app password removed. axe in
// light and dark, screenshots; "Saved by git" lists them with Remove; afterwards the passwords are nowhere they must not be.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { captureOutput, filesContaining } from './support/canary';
import { startHarness, type Harness } from './support/harness';
import { findInReactState } from './support/react-state';
import { screenshot } from './support/screenshots';
import { pageText } from './support/steps';

const ALICE = 'alice password 1';
const PLAIN = `canary-import-${process.pid}-${Date.now()}`;
const APP_PASSWORD = `ATBB${'q'.repeat(28)}`;

describe('Import in Chromium: plaintext credentials found, checked and moved into the keychain', { timeout: 120_000 }, () => {
  let h: Harness;
  let output: ReturnType<typeof captureOutput>;
  let token: string;
  let repos: string;
  const secrets: string[] = [PLAIN, APP_PASSWORD];
  // git writes a password percent-encoded: that form must go too.

  const axeBoth = async () => {
    expect(await seriousViolations(h.page)).toEqual([]);
    await h.page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(h.page)).toEqual([]);
    await h.page.emulateMedia({ colorScheme: 'light' });
  };

  beforeAll(async () => {
    output = captureOutput();
    h = await startHarness();
    h.sim.addUser({ username: 'alice', password: ALICE });
    const made = await fetch(`${h.baseUrl}/rest/access-tokens/latest/users/alice`, {
      method: 'PUT',
      headers: { authorization: `Basic ${Buffer.from(`alice:${ALICE}`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'laptop', permissions: ['PROJECT_READ', 'REPO_WRITE'] }),
    });
    token = ((await made.json()) as { token: string }).token;
    secrets.push(token, encodeURIComponent(token));
    const host = new URL(h.baseUrl).host;
    writeFileSync(
      join(h.gitHome, '.git-credentials'),
      `http://alice:${encodeURIComponent(token)}@${host}\nhttps://dan:${APP_PASSWORD}@bitbucket.org\nhttps://carol:wrong-${PLAIN}@git.example.com\n`,
      { mode: 0o600 },
    );
    repos = join(h.gitHome, 'code');
    mkdirSync(repos);
    const git = (args: string[]) => execFileSync('git', args, { env: { ...process.env, HOME: h.gitHome, GIT_CONFIG_NOSYSTEM: '1' }, stdio: 'pipe' });
    git(['init', '-q', join(repos, 'tool')]);
    git(['-C', join(repos, 'tool'), 'remote', 'add', 'origin', `https://bob:${PLAIN}@git.example.com/tool.git`]);
    await h.open();
  }, 240_000);

  afterAll(async () => {
    output?.stop();
    await h?.close();
  });

  it('finds each credential, says what it is and whether its host takes it, and never shows a password', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import credentials git keeps in plain text' });
    // The folder comes from the system's chooser (a stand-in here), picked twice: it is listed once.
    const folders = dialog.getByLabel('Folders with repositories (one per line)');
    h.foldersToPick.splice(0, h.foldersToPick.length, repos);
    await dialog.getByRole('button', { name: 'Choose folders…' }).click();
    await expect.poll(() => folders.inputValue()).toBe(repos);
    await dialog.getByRole('button', { name: 'Choose folders…' }).click();
    h.foldersToPick.length = 0;
    await dialog.getByRole('button', { name: 'Choose folders…' }).click(); // cancelled: nothing changes
    expect(await folders.inputValue()).toBe(repos);
    await dialog.getByLabel('Ask each credential’s own host whether it still works').check();
    await dialog.getByRole('button', { name: 'Look for credentials' }).click();
    await dialog.getByRole('heading', { name: '4 credentials in plain text' }).waitFor();

    const rows = dialog.locator('tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await rows.nth(0).textContent()).toContain('a Bitbucket Data Center HTTP access token');
    expect(await rows.nth(0).locator('.badge').textContent()).toBe('Works');
    expect(await rows.nth(1).locator('.badge').textContent()).toBe('Dead');
    expect(await rows.nth(1).textContent()).toContain('stopped working on 2026-06-09');
    // The window says how to add the replacement in the window, not with a command.
    expect(await rows.nth(1).textContent()).toContain('then add it here with Add account (Bitbucket Cloud).');
    expect(await rows.nth(1).textContent()).not.toContain('latch account add');
    expect(await rows.nth(2).locator('.badge').textContent()).toBe('Unknown');
    expect(await rows.nth(3).textContent()).toContain(`${repos}/tool:remote.origin.url`);
    for (const secret of secrets) expect(await pageText(page)).not.toContain(secret);
    await axeBoth();
    await dialog.locator('tbody tr').nth(3).scrollIntoViewIfNeeded();
    await screenshot(page, 'import');
  });

  it('moves one in with its own button, removes the dead one, then imports the rest', async () => {
    const { page } = h;
    const dialog = page.getByRole('dialog', { name: 'Import credentials git keeps in plain text' });
    await dialog.getByRole('button', { name: /^Import alice at / }).click();
    await expect.poll(() => dialog.locator('tbody tr').nth(0).locator('.badge').textContent()).toBe('In the keychain');
    await dialog.getByRole('button', { name: /^Remove dan at / }).click();
    await expect.poll(() => dialog.locator('tbody tr').nth(1).locator('.badge').textContent()).toBe('Removed');
    await dialog.getByRole('button', { name: 'Import all 2' }).click();
    await expect.poll(() => dialog.locator('tbody tr').nth(3).locator('.badge').textContent()).toBe('In the keychain');
    await axeBoth();

    // The one check of the scan was the only time the token went to its host.
    expect(h.sim.requests.filter((r) => r.auth === 'token')).toHaveLength(1);
    expect(readFileSync(join(h.gitHome, '.git-credentials'), 'utf8')).toBe('');
    const kept = (await h.core.store.read()).gitCredentials ?? [];
    expect(kept.map((c) => [c.host, c.username])).toEqual([
      [new URL(h.baseUrl).host, 'alice'],
      ['git.example.com', 'carol'],
      ['git.example.com', 'bob'],
    ]);
    const gitconfig = readFileSync(join(h.gitHome, '.gitconfig'), 'utf8');
    expect(gitconfig).toContain(`[credential "http://${new URL(h.baseUrl).host}"]`);
    expect(gitconfig).toContain('[credential "https://git.example.com"]');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('shows what git keeps in Latch under "Saved by git", with Remove', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Saved by git' }).click();
    const dialog = page.getByRole('dialog', { name: 'Saved by git' });
    const rows = dialog.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(2).textContent()).toContain(`${repos}/tool:remote.origin.url`);
    await axeBoth();
    await screenshot(page, 'saved-by-git');
    await dialog.getByRole('button', { name: 'Remove carol at https://git.example.com' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(((await h.core.store.read()).gitCredentials ?? []).map((c) => c.username)).toEqual(['alice', 'bob']);
    for (const secret of secrets) expect(await pageText(page)).not.toContain(secret);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('leaves the passwords nowhere: page, React state, LATCH_HOME, git HOME, the browser profile, logs, output', async () => {
    const { page } = h;
    for (const secret of secrets) {
      expect(await pageText(page)).not.toContain(secret);
      expect((await findInReactState(page, secret)).hits).toEqual([]);
    }
    await h.closeBrowser();
    for (const secret of secrets) {
      expect(filesContaining(h.home, secret)).toEqual([]);
      expect(filesContaining(h.gitHome, secret)).toEqual([]);
      expect(filesContaining(h.profileDir, secret)).toEqual([]);
      expect(h.logs.join('\n')).not.toContain(secret);
      expect(output.text()).not.toContain(secret);
    }
  });
});
