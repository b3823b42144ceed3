// The everyday features, full stack in Chromium against hosts under real-looking names
// (https://bitbucket.example.com, https://bitbucket.org): which token git gets and "Use for git",
// expiry badges on Data Center rows, "Rejected" explained, Replace in one action (its new secret a
// canary), the search across every account and the keyboard shortcuts, and the window at 1024×700
// (dialogs scroll inside it, the token table fits). axe in light and dark; screenshots for the README.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, utcDay } from '../../shared/browser-token';
import { seriousViolations } from './support/axe';
import { captureOutput, filesContaining } from './support/canary';
import { DATA_CENTER_NAME, startHarness, type Harness } from './support/harness';
import { screenshot } from './support/screenshots';
import { addAccount, createToken, pageText } from './support/steps';

const PASSWORD = 'everyday password 1';
const USER = { kind: 'user' } as const;

describe('everyday features in Chromium', { timeout: 120_000 }, () => {
  let h: Harness;
  let output: ReturnType<typeof captureOutput>;
  let accountId = '';
  const row = (name: string) => h.page.locator('tbody tr', { has: h.page.locator('.token-name', { hasText: new RegExp(`^${name}$`) }) });
  const stored = async (name: string) => (await h.core.store.read()).storedTokens.find((token) => token.name === name);

  beforeAll(async () => {
    output = captureOutput();
    h = await startHarness({ realNames: true });
    h.sim.addUser({ username: 'alice', password: PASSWORD, displayName: 'Alice Example' });
    h.cloud.sim.addUser({ email: 'alice@example.com', username: 'alice-dev', displayName: 'Alice Cloud' });
    await h.open();
    await addAccount(h.page, { baseUrl: DATA_CENTER_NAME, username: 'alice', password: PASSWORD, displayName: 'Alice Example' });
    accountId = (await h.core.accounts.list())[0]!.id;
  }, 240_000);

  afterAll(async () => {
    output?.stop();
    await h?.close();
  });

  it('stores the account under its real name, never a loopback address', async () => {
    const [account] = await h.core.accounts.list();
    expect(account!.baseUrl).toBe(DATA_CENTER_NAME);
    expect(await h.page.locator('.sidebar').textContent()).toContain('bitbucket.example.com');
    expect(await pageText(h.page)).not.toMatch(/127\.0\.0\.1|localhost/);
  });

  it('marks the token git gets, lets the person choose another, and badges a row expiring in 7 days', async () => {
    const { page } = h;
    await createToken(page, 'laptop');
    await page.getByRole('button', { name: 'I have copied it' }).click();
    // A newer, read-only token expiring in 7 days: git must still get the write one.
    await h.core.tokens.create({ accountId, name: 'read only', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: 7, owner: USER, store: true });
    await page.keyboard.press('Control+r');
    await row('read only').waitFor();

    expect(await row('laptop').locator('.badge', { hasText: 'Used for git' }).count()).toBe(1);
    expect(await row('read only').locator('.badge', { hasText: 'Used for git' }).count()).toBe(0);
    expect(await row('read only').locator('.expiry-badge').textContent()).toBe('Expires in 7 days');

    await page.getByRole('button', { name: 'Use read only for git' }).click();
    await row('read only').locator('.badge', { hasText: 'Used for git (your choice)' }).waitFor();
    expect((await stored('read only'))?.useForGit).toBe(true);
    expect(await row('laptop').locator('.badge', { hasText: 'Used for git' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Let Latch choose the token git gets instead of read only' }).click();
    await row('laptop').locator('.badge', { hasText: 'Used for git' }).waitFor();
    expect((await stored('read only'))?.useForGit).toBeUndefined();
  });

  it('explains "Rejected" to the pointer and to a screen reader', async () => {
    await h.core.store.update((data) => {
      const token = data.storedTokens.find((entry) => entry.name === 'read only');
      if (token) token.rejectedAt = new Date().toISOString();
    });
    await h.page.keyboard.press('Control+r');
    const badge = row('read only').locator('.badge--danger', { hasText: 'Rejected' });
    await badge.waitFor();
    expect(await badge.getAttribute('title')).toContain('git reported that the host refused this token');
    expect(await badge.locator('.visually-hidden').textContent()).toContain('so Latch no longer gives it to git');
    expect(await seriousViolations(h.page)).toEqual([]);
    await screenshot(h.page, 'everyday-git-token', 'light');
    await screenshot(h.page, 'everyday-git-token-dark', 'dark');
  });

  it('replaces a token in one action: confirmed, the new secret shown once, the old one revoked', async () => {
    const { page } = h;
    const old = await stored('laptop');
    await page.getByRole('button', { name: 'Replace laptop' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Replace “laptop”?' });
    expect(await confirm.textContent()).toContain('keeps it in your keychain in place of this one so git keeps working');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'everyday-replace', 'light');
    await confirm.getByRole('button', { name: 'Replace token' }).click();
    const reveal = page.getByRole('dialog', { name: 'Copy your new token now' });
    await reveal.waitFor();
    expect(await reveal.textContent()).toContain(`The old token (ID ${old!.tokenId}) was revoked.`);
    const secret = (await reveal.getByLabel('Token secret').textContent()) ?? '';
    expect(secret).toMatch(/^BBDC-/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await expect.poll(async () => (await stored('laptop'))?.tokenId).not.toBe(old!.tokenId);
    expect(h.sim.authenticate(secret, 'alice')?.token?.name).toBe('laptop');

    // The canary: the new secret is nowhere it must not be.
    await expect.poll(() => pageText(page)).not.toContain(secret);
    expect(h.logs.join('\n')).not.toContain(secret);
    expect(filesContaining(h.home, secret)).toEqual([]);
    expect(output.text()).not.toContain(secret);
  });

  it('finds tokens and accounts across every account from one field, with Ctrl+K', async () => {
    const { page } = h;
    await h.core.accounts.add({
      host: 'bitbucket-cloud',
      baseUrl: 'https://bitbucket.org',
      email: 'alice@example.com',
      token: { name: 'Sourcetree', secret: h.cloud.sim.issueToken('alice@example.com', { expiresInDays: 30 }), expiresOn: addDays(utcDay(Date.now()), 30) },
    });
    await page.reload();
    await page.locator('.app').waitFor();
    await page.keyboard.press('Control+k');
    const search = page.getByRole('dialog', { name: 'Search every account' });
    const field = search.getByRole('combobox');
    await field.fill('sourcetree');
    await search.getByRole('option', { name: /Sourcetree/ }).waitFor();
    expect(await search.getByRole('option').first().textContent()).toContain('alice@example.com on bitbucket.org');

    const readOnly = (await stored('read only'))!.tokenId;
    await field.fill(readOnly);
    await search.getByRole('option', { name: /read only/ }).waitFor();
    await field.fill('repository read');
    await search.getByRole('option', { name: /read only/ }).waitFor();
    await field.fill('example.com');
    expect(await search.getByRole('option').count()).toBeGreaterThanOrEqual(4);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'everyday-search', 'light');
    await screenshot(page, 'everyday-search-dark', 'dark');

    await field.fill(readOnly);
    await search.getByRole('option', { name: /read only/ }).waitFor();
    await field.press('Enter');
    await search.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: 'Alice Example' }).waitFor();
    expect(await page.locator('#token-filter').inputValue()).toBe('read only');
  });

  it('has shortcuts for new token, refresh, filter and settings, listed in the app', async () => {
    const { page } = h;
    await page.locator('#main').focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    for (const line of ['Ctrl+K', 'Ctrl+N', 'Ctrl+R', 'Ctrl+F', 'Ctrl+,']) expect(await help.textContent()).toContain(line);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'everyday-shortcuts', 'light');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    await page.keyboard.press('Control+n');
    await page.getByRole('dialog', { name: 'Create an access token' }).waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+,');
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Settings' }).waitFor({ state: 'detached' });
    await page.keyboard.press('Control+f');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('token-filter');
    // Typed into a field, "?" is a character, not the help.
    await page.keyboard.press('?');
    expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(0);
    await page.locator('#token-filter').fill('');
  });

  it('at 1024×700: the token table fits, and the Add account dialogs scroll inside the window with their buttons in reach', async () => {
    const { page } = h;
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.locator('.sidebar button', { hasText: 'Alice Example' }).first().click();
    await row('read only').waitFor();
    const fits = await page.locator('.table-wrap').evaluate((wrap) => wrap.scrollWidth <= wrap.clientWidth + 1);
    expect(fits).toBe(true);
    await screenshot(page, 'everyday-1024');

    for (const host of ['bitbucket-cloud', 'github']) {
      await page.getByRole('button', { name: 'Add account' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add an account' });
      await dialog.getByLabel('Host', { exact: true }).selectOption(host);
      const submit = dialog.getByRole('button', { name: 'Verify and add' });
      await submit.scrollIntoViewIfNeeded();
      const box = await submit.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y + box!.height).toBeLessThanOrEqual(700);
      expect(box!.y).toBeGreaterThanOrEqual(0);
      // The dialog itself stays inside the window and scrolls.
      const dialogBox = await dialog.boundingBox();
      expect(dialogBox!.y).toBeGreaterThanOrEqual(0);
      expect(dialogBox!.y + dialogBox!.height).toBeLessThanOrEqual(700);
      await submit.click({ trial: true });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }
    await page.setViewportSize({ width: 1200, height: 760 });
  });

  it('offline, adding a Bitbucket Cloud account says to check the connection, not an address nobody typed', async () => {
    const { page } = h;
    await h.cloud.sim.stop();
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account' });
    await dialog.getByLabel('Host', { exact: true }).selectOption('bitbucket-cloud');
    await dialog.getByLabel('Atlassian account email').fill('bob@example.com');
    await dialog.getByLabel('API token', { exact: true }).fill('ATATT3xFfGF0offline-canary-0000');
    const day = addDays(utcDay(Date.now()), 30);
    await dialog.getByLabel('Expires on').fill(day);
    // Beside the field's own numeric display, the day in the app's one format, and no other date.
    const shownDay = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
    const hint = (await dialog.getByLabel('Expires on').evaluate((input) => document.getElementById(input.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '')?.textContent)) ?? '';
    expect(hint).toContain(`That is ${shownDay}.`);
    expect(hint.match(/\d{1,2} [A-Z][a-z]{2} \d{4}/g)).toEqual([shownDay]);
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Could not reach Bitbucket Cloud (bitbucket.org). Check your internet connection');
    expect(text).not.toMatch(/address/i);
    await page.keyboard.press('Escape');
  });
});
