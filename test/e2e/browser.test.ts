// The main scenario, full stack in real headless Chromium (see support/harness.ts): add an account,
// create a token, copy it, close the reveal, find the token listed, revoke it — and afterwards the
// secret is nowhere it must not be. Each screen is checked with axe in light and dark.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTS } from '../../shared/hosts';
import { bitbucketDataCenterTokenId } from '../../shared/hosts/bitbucket-datacenter';
import { seriousViolations } from './support/axe';
import { captureOutput, filesContaining } from './support/canary';
import { DATA_CENTER_NAME, startHarness, type Harness } from './support/harness';
import { findInReactState } from './support/react-state';
import { screenshot } from './support/screenshots';

const PASSWORD = `correct horse ${randomBytes(6).toString('hex')}`;
const TOKEN_NAME = 'Sourcetree on the work laptop';
const CLEAR_MS = 1500;

/** Text and form values: what a person could see or a script could read from the page. */
async function pageText(h: Harness): Promise<string> {
  return h.page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea, select')].map((element) => (element as HTMLInputElement).value);
    return [document.documentElement.outerHTML, document.title, ...values].join('\n');
  });
}

describe('Latch in Chromium, full stack', { timeout: 90_000 }, () => {
  let h: Harness;
  let output: ReturnType<typeof captureOutput>;
  let secret = '';
  let tokenId = '';
  let accountId = '';

  beforeAll(async () => {
    output = captureOutput();
    // Under its real-looking name, so the screenshots show bitbucket.example.com, not a loopback address.
    h = await startHarness({ clipboardClearMs: CLEAR_MS, realNames: true });
    h.sim.addUser({ username: 'alice', password: PASSWORD, displayName: 'Alice Example' });
    await h.open();
  }, 240_000);

  afterAll(async () => {
    output?.stop();
    await h?.close();
  });

  it('starts on the welcome screen, with every screen passing axe', async () => {
    const { page } = h;
    // The welcome screen appears once the account list has loaded; isVisible() alone would not wait.
    await page.getByRole('heading', { name: 'Access tokens for your git hosts, in one place' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Accounts' }).textContent()).toContain('No accounts yet.');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'welcome');
  });

  it('adds an account by keyboard alone, only once the server accepted the password', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account' });
    await dialog.waitFor();

    // Every host is offered; one without a token API says what it cannot do and where to do it by hand.
    const options = await dialog.getByLabel('Host', { exact: true }).locator('option').allTextContents();
    for (const capabilities of Object.values(HOSTS)) expect(options.join('\n')).toContain(capabilities.label);
    // GitLab (test/e2e/browser-gitlab.test.ts) signs in with a pasted token that has the api scope: no password.
    await dialog.getByLabel('Host', { exact: true }).selectOption('gitlab');
    expect(await dialog.textContent()).toContain('with the api scope');
    expect(await dialog.getByLabel('Password', { exact: true }).count()).toBe(0);
    // Bitbucket Cloud (test/e2e/browser-cloud.test.ts) takes a pasted API token: no server, no password.
    await dialog.getByLabel('Host', { exact: true }).selectOption('bitbucket-cloud');
    const notice = await dialog.locator('.alert').textContent();
    expect(notice).toContain('has no API to create, list or revoke tokens');
    expect(notice).toContain('https://id.atlassian.com/manage-profile/security/api-tokens');
    expect(await dialog.getByLabel('Server URL').count()).toBe(0);
    expect(await dialog.getByLabel('Password', { exact: true }).count()).toBe(0);
    await dialog.getByLabel('Host', { exact: true }).selectOption('bitbucket-datacenter');

    // Keyboard only, from the host select: Tab through the fields, Enter submits.
    await dialog.getByLabel('Host', { exact: true }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.type(DATA_CENTER_NAME);
    await page.keyboard.press('Tab');
    await page.keyboard.type('alice');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not the password');
    await screenshot(page, 'add-account');
    await page.keyboard.press('Enter');
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.length).toBeGreaterThan(10);
    expect(await h.core.accounts.list()).toEqual([]);

    await dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
    // axe sees the dialog with its inline error.
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByLabel('Password', { exact: true }).press('Enter');
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('heading', { level: 1, name: 'Alice Example' }).waitFor();
    const accounts = await h.core.accounts.list();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.rememberPassword).toBe(false);
    accountId = accounts[0]!.id;
    expect(await page.locator('.lock-status').textContent()).toMatch(/Unlocked · \d+ min left/);
    await page.getByRole('heading', { name: 'No personal tokens yet' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('enforces the permission rule in the form before anything is sent; Escape and Tab stay in the dialog', async () => {
    const { page } = h;
    const opener = page.getByRole('button', { name: 'Create token' }).first();
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Create an access token' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Name', { exact: true }).evaluate((element) => element === document.activeElement)).toBe(true);

    // Focus never leaves the dialog, however far one tabs.
    for (let i = 0; i < 25; i += 1) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((element) => element === document.activeElement)).toBe(true);

    await opener.click();
    await dialog.waitFor();
    const project = dialog.getByRole('group', { name: 'Project permission' });
    const repository = dialog.getByRole('group', { name: 'Repository permission' });
    await project.getByLabel('Admin').check();
    await repository.getByLabel('Read').check();
    const rule = dialog.getByRole('alert');
    expect(await rule.textContent()).toBe('The repository permission must be at least the project permission (admin).');
    await expect(dialog.getByRole('button', { name: 'Create token' }).isDisabled()).resolves.toBe(true);

    await project.getByLabel('Write').check();
    await repository.getByLabel('Write').check();
    await expect(rule.count()).resolves.toBe(0);
    await dialog.getByLabel('Name', { exact: true }).fill(TOKEN_NAME);
    expect(h.ipcCalls.filter((call) => call.channel === 'tokens:create')).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'create-token');
  });

  it('creates the token and shows its secret once, with the git username', async () => {
    const { page } = h;
    const dialog = page.getByRole('dialog', { name: 'Create an access token' });
    expect(await dialog.getByLabel('Store in keychain for git and the CLI').isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Create token' }).click();

    const reveal = page.getByRole('dialog', { name: 'Copy your new token now' });
    await reveal.waitFor();
    secret = (await reveal.getByLabel('Token secret').textContent()) ?? '';
    expect(secret).toMatch(/^BBDC-/);
    tokenId = bitbucketDataCenterTokenId(secret) ?? '';
    const onHost = h.sim.tokens().find((token) => token.id === tokenId);
    expect(onHost?.name).toBe(TOKEN_NAME);
    expect([...(onHost?.permissions ?? [])].sort()).toEqual(['PROJECT_WRITE', 'REPO_WRITE']);
    expect(await reveal.textContent()).toContain('Username for git');
    expect(await reveal.locator('dd code').textContent()).toBe('alice');

    // Positive controls for the checks after closing: while open, the secret IS in the DOM and state.
    expect(await pageText(h)).toContain(secret);
    const state = await findInReactState(page, secret);
    expect(state.hits.some((path) => path.includes('getState()'))).toBe(true);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reveal');

    // Escape does not throw the only sight of the secret away.
    await page.keyboard.press('Escape');
    await expect(reveal.isVisible()).resolves.toBe(true);
  });

  it('copies through main; the clipboard holds the secret, then is cleared', async () => {
    const { page } = h;
    const reveal = page.getByRole('dialog', { name: 'Copy your new token now' });
    await reveal.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect.poll(() => reveal.getByRole('status').textContent()).toBe(`Copied — the clipboard clears in ${Math.round(CLEAR_MS / 1000)} s.`);
    expect(h.clipboard.readText()).toBe(secret);
    await expect.poll(() => h.clipboard.readText(), { timeout: CLEAR_MS + 4000, interval: 100 }).toBe('');
  });

  it('forgets the secret everywhere in the renderer once "I have copied it" closes the panel', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('dialog', { name: 'Copy your new token now' }).waitFor({ state: 'detached' });
    await page.locator('tbody .token-name', { hasText: TOKEN_NAME }).waitFor();

    expect(await pageText(h)).not.toContain(secret);
    const state = await findInReactState(page, secret);
    expect(state.stringsSeen).toBeGreaterThan(100);
    expect(state.hits).toEqual([]);
  });

  it('lists the token as held in the keychain; sorts and filters the table', async () => {
    const { page, core } = h;
    const row = page.getByRole('row', { name: new RegExp(TOKEN_NAME) });
    expect(await row.getByText('In keychain').isVisible()).toBe(true);
    const stored = (await core.store.read()).storedTokens.find((entry) => entry.tokenId === tokenId);
    expect(stored?.accountId).toBe(accountId);
    expect(await core.keychain.get(stored!.keychainKey)).toBe(secret);

    // Some company for the table, made through the same core, then a refresh.
    const more = [
      { name: 'Jenkins build agent', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: 30 },
      { name: 'Renovate bot', scopes: ['PROJECT_READ', 'REPO_WRITE'], expiryDays: null },
      { name: 'Deploy script (staging)', scopes: ['PROJECT_WRITE', 'REPO_ADMIN'], expiryDays: 365 },
    ];
    for (const token of more) await core.tokens.create({ accountId, owner: { kind: 'user' }, store: false, ...token });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(4);

    const names = () => page.locator('tbody .token-name').allTextContents();
    const nameHeader = page.getByRole('columnheader', { name: 'Name' });
    await nameHeader.getByRole('button').click();
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await names()).toEqual(['Deploy script (staging)', 'Jenkins build agent', 'Renovate bot', TOKEN_NAME]);
    await nameHeader.getByRole('button').click();
    expect(await nameHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await names()).toEqual([TOKEN_NAME, 'Renovate bot', 'Jenkins build agent', 'Deploy script (staging)']);
    const expiresHeader = page.getByRole('columnheader', { name: 'Expires' });
    await expiresHeader.getByRole('button').click();
    expect(await expiresHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await nameHeader.getAttribute('aria-sort')).toBe('none');
    expect((await names()).at(-1)).toBe('Renovate bot'); // never expires: last

    await page.getByLabel('Filter tokens by name').fill('JENK');
    expect(await names()).toEqual(['Jenkins build agent']);
    expect(await page.locator('.toolbar__count').textContent()).toBe('1 of 4 tokens');
    await page.getByLabel('Filter tokens by name').fill('');
    await page.getByRole('columnheader', { name: 'Created' }).getByRole('button').click();

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tokens');
    await screenshot(page, 'tokens-dark', 'dark');
  });

  it('revokes after a confirmation naming the token: gone from the host and the keychain', async () => {
    const { page, core, sim } = h;
    await page.getByRole('button', { name: `Revoke ${TOKEN_NAME}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Revoke “${TOKEN_NAME}”?` });
    await confirm.waitFor();
    // The safe choice has focus.
    expect(await confirm.getByRole('button', { name: 'Cancel' }).evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await confirm.textContent()).toContain('Latch also deletes its copy from your keychain');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'revoke');

    const stored = (await core.store.read()).storedTokens.find((entry) => entry.tokenId === tokenId)!;
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('tbody .token-name', { hasText: TOKEN_NAME }).count()).toBe(0);
    expect(sim.tokens().some((token) => token.id === tokenId)).toBe(false);
    expect(await core.keychain.get(stored.keychainKey)).toBeNull();
    expect((await core.store.read()).storedTokens.some((entry) => entry.tokenId === tokenId)).toBe(false);
  });

  it('leaves neither the secret nor the password in LATCH_HOME, the browser profile, the logs or the output', async () => {
    await h.closeBrowser();
    expect(secret.length).toBeGreaterThan(20);
    for (const needle of [secret, PASSWORD]) {
      expect(filesContaining(h.home, needle)).toEqual([]);
      expect(filesContaining(h.profileDir, needle)).toEqual([]);
      expect(h.logs.join('\n')).not.toContain(needle);
      expect(output.text()).not.toContain(needle);
    }
    // The index is there and readable: the search above looked at real files.
    expect(JSON.parse(readFileSync(join(h.home, 'index.json'), 'utf8')).accounts).toHaveLength(1);
    // The page ran under the CSP without a single violation (Chromium only notes that a meta tag
    // cannot carry frame-ancestors; the header does).
    const violations = h.logs.filter((line) => /Content Security Policy/i.test(line) && !/frame-ancestors/.test(line));
    expect(violations).toEqual([]);
  });
});
