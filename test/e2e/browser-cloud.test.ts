// Bitbucket Cloud, full stack in Chromium: an account added by pasting an API token made at
// id.atlassian.com (Cloud has no token API), the tokens Latch keeps listed with their expiry, a second
// one added, "Revoke in browser…" opening Atlassian's page, and "Remove from Latch" deleting the
// keychain copy. Afterwards the pasted secrets are nowhere they must not be. axe in light and dark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTS } from '../../shared/hosts';
import { addDays, utcDay } from '../../shared/browser-token';
import { seriousViolations } from './support/axe';
import { captureOutput, filesContaining } from './support/canary';
import { startHarness, type Harness } from './support/harness';
import { findInReactState } from './support/react-state';
import { screenshot } from './support/screenshots';
import { fillBrowserToken, pageText } from './support/steps';

const CLOUD = HOSTS['bitbucket-cloud'];
const TOKEN_PAGE = 'https://id.atlassian.com/manage-profile/security/api-tokens';
const EMAIL = 'carol@example.com';
const DISPLAY_NAME = 'Carol Cloud';
const FIRST = 'Sourcetree on this laptop';
const SECOND = 'CI runner';
/** As the page formats a day (en-GB, the harness's locale), for the expiry column. */
const shown = (day: string) => new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00.000Z`));

describe('Bitbucket Cloud in Chromium: API tokens pasted, kept for git, revoked in the browser', { timeout: 90_000 }, () => {
  let h: Harness;
  let output: ReturnType<typeof captureOutput>;
  const secrets: string[] = [];
  let accountId = '';
  // Noon UTC today: the page and the core start their clocks there, so "today" is one day for the
  // test, the form and the core, even when a run spans midnight.
  const clockAt = new Date().setUTCHours(12, 0, 0, 0);
  const today = utcDay(clockAt);
  const firstExpires = addDays(today, 200);
  const secondExpires = addDays(today, 10);

  /** The keychain entry Latch made for a kept token, by its name. */
  const storedEntry = async (name: string) => (await h.core.store.read()).storedTokens.find((entry) => entry.name === name);

  beforeAll(async () => {
    output = captureOutput();
    // bitbucket.org as a person sees it (for the screenshots); the harness routes it to the simulator.
    h = await startHarness({ clockAt, realNames: true });
    h.cloud.sim.addUser({ email: EMAIL, username: 'carol-dev', displayName: DISPLAY_NAME });
    secrets.push(h.cloud.sim.issueToken(EMAIL, { expiresInDays: 200 }), h.cloud.sim.issueToken(EMAIL, { expiresInDays: 10 }));
    await h.open();
  }, 240_000);

  afterAll(async () => {
    output?.stop();
    await h?.close();
  });

  it('asks for an email and a pasted API token, no server or password, and opens id.atlassian.com', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account' });
    await dialog.getByLabel('Host', { exact: true }).selectOption('bitbucket-cloud');
    const notice = dialog.locator('.alert');
    expect(await notice.textContent()).toContain(CLOUD.limitation);
    expect(await dialog.getByLabel('Server URL').count()).toBe(0);
    expect(await dialog.getByLabel('Password', { exact: true }).count()).toBe(0);
    expect(await dialog.getByLabel('API token', { exact: true }).getAttribute('type')).toBe('password');
    expect(await dialog.getByLabel('Token name').inputValue()).toBe('git on this computer');
    // The date field offers today up to a year ahead.
    const expiresOn = dialog.getByLabel('Expires on');
    expect([await expiresOn.getAttribute('min'), await expiresOn.getAttribute('max')]).toEqual([today, addDays(today, 365)]);

    await dialog.getByRole('button', { name: 'Open id.atlassian.com' }).click();
    await expect.poll(() => h.opened.at(-1)).toBe(TOKEN_PAGE);

    // Nothing is sent until every field is right; each says what it needs.
    await dialog.getByLabel('Token name').fill('');
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    for (const sentence of [
      'Enter your Atlassian account email.',
      'Paste the API token.',
      'Give the token a name.',
      'Bitbucket Cloud API tokens always expire: enter the expiry date the page showed when you created the token.',
    ]) {
      expect(await dialog.getByText(sentence, { exact: true }).isVisible()).toBe(true);
    }
    expect(h.ipcCalls.some((call) => call.channel === 'accounts:add')).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('adds the account only once Bitbucket accepted the token, and says why it did not', async () => {
    const { page, core, cloud } = h;
    // A token revoked in the browser meanwhile: the host refuses it, and the form says so in the core's words.
    const revoked = cloud.sim.issueToken(EMAIL);
    cloud.sim.revokeToken(revoked);
    secrets.push(revoked);

    // By keyboard, from the email field: Tab through the token and its name, Enter submits.
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account' });
    await dialog.getByLabel('Host', { exact: true }).selectOption('bitbucket-cloud');
    await dialog.getByLabel('Atlassian account email').focus();
    await page.keyboard.type(EMAIL);
    await page.keyboard.press('Tab');
    await page.keyboard.type(revoked);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(FIRST);
    await dialog.getByLabel('Expires on').fill(firstExpires);
    await dialog.getByLabel('Expires on').press('Enter');
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    const sentence = (await alert.textContent()) ?? '';
    expect(sentence).toMatch(/^Bitbucket Cloud refused this API token for carol@example\.com\. Check that carol@example\.com is your Atlassian account email/);
    expect(sentence).not.toContain(revoked);
    expect(await core.accounts.list()).toEqual([]);

    await dialog.getByLabel('API token', { exact: true }).fill(secrets[0]!);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'add-cloud-account');
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: DISPLAY_NAME }).waitFor();

    // The page named Bitbucket Cloud by its one address; the harness routed it to the simulator.
    expect(h.cloudBaseUrlsSent).toEqual([CLOUD.fixedBaseUrl, CLOUD.fixedBaseUrl]);
    const accounts = await core.accounts.list();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ host: 'bitbucket-cloud', username: EMAIL, userSlug: 'carol-dev', displayName: DISPLAY_NAME, lock: { state: 'no-password' } });
    accountId = accounts[0]!.id;
  });

  it('lists the token as kept, with its expiry; no password, lock, owner switch or Create', async () => {
    const { page, core } = h;
    const panel = page.getByRole('region', { name: 'API tokens Latch keeps' });
    await panel.waitFor();
    expect(await panel.textContent()).toContain('Bitbucket Cloud cannot list or revoke tokens by API');
    const row = page.getByRole('row', { name: new RegExp(FIRST) });
    await row.waitFor();
    expect(await row.getByText('In keychain').isVisible()).toBe(true);
    expect(await row.locator('.col-expiresAt').textContent()).toBe(shown(firstExpires));
    const entry = await storedEntry(FIRST);
    expect(entry).toMatchObject({ accountId, expiresAt: `${firstExpires}T23:59:59.000Z`, gitUsername: 'x-bitbucket-api-token-auth' });
    expect(await core.keychain.get(entry!.keychainKey)).toBe(secrets[0]);

    // Nothing about passwords: no unlock panel, no lock controls; the sidebar says how it signs in.
    const sidebarItem = page.getByRole('navigation', { name: 'Accounts' }).getByRole('listitem');
    expect(await sidebarItem.locator('.lock-status').textContent()).toBe('API tokens');
    expect(await page.getByRole('button', { name: /Lock now|Unlock/ }).count()).toBe(0);
    expect(await page.getByRole('region', { name: /^Unlock/ }).count()).toBe(0);
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Create token' }).count()).toBe(0);

    // git is set up for this host as for any other account.
    await page.getByRole('button', { name: 'Use with git' }).click();
    const host = 'bitbucket.org';
    const git = page.getByRole('dialog', { name: `Use with git on ${host}` });
    await git.locator('pre code').waitFor();
    expect(await git.locator('pre code').textContent()).toContain(`credential.https://${host}.helper=`);
    await page.keyboard.press('Escape');
    await git.waitFor({ state: 'detached' });

    expect(await seriousViolations(page)).toEqual([]);
  });

  it('adds a second token that expires soon, marked with a warning', async () => {
    const { page, cloud } = h;
    const opener = page.getByRole('button', { name: 'Add API token' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Add an API token' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('API token', { exact: true }).evaluate((element) => element === document.activeElement)).toBe(true);

    // A day that is over, someone else's token, then her own after a username change: the form, the host
    // and then the core say no, each in its own words.
    await fillBrowserToken(dialog, { secret: secrets[1]!, name: SECOND, expiresOn: addDays(today, -1) });
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    expect(await dialog.getByText(`That token expired on ${addDays(today, -1)}; create a new one at`).isVisible()).toBe(true);
    cloud.sim.addUser({ email: 'dave@example.com', username: 'dave', displayName: 'Dave Other' });
    const daves = cloud.sim.issueToken('dave@example.com');
    secrets.push(daves);
    await fillBrowserToken(dialog, { secret: daves, name: SECOND, expiresOn: secondExpires });
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    const alert = dialog.getByRole('alert');
    // Cloud itself refuses a token that does not go with carol's email.
    await expect.poll(() => alert.textContent()).toMatch(/^Bitbucket Cloud refused this API token for carol@example\.com\./);

    cloud.sim.renameUser(EMAIL, 'carol-renamed');
    const renamed = cloud.sim.issueToken(EMAIL);
    secrets.push(renamed);
    await fillBrowserToken(dialog, { secret: renamed, name: SECOND, expiresOn: secondExpires });
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    await expect
      .poll(() => alert.textContent())
      .toMatch(/^This API token belongs to carol-renamed, not to carol-dev \(carol@example\.com\); Latch keeps it only for its own account\./);
    for (const secret of [daves, renamed]) expect(await alert.textContent()).not.toContain(secret);
    cloud.sim.renameUser(EMAIL, 'carol-dev');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'cloud-add-token');

    await dialog.getByLabel('API token', { exact: true }).fill(secrets[1]!);
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Focus returns to the button that opened the dialog.
    expect(await opener.evaluate((element) => element === document.activeElement)).toBe(true);

    const row = page.getByRole('row', { name: new RegExp(SECOND) });
    await row.waitFor();
    expect(await row.locator('.col-expiresAt').textContent()).toBe(`${shown(secondExpires)}Expires in 10 days`);
    expect(await row.locator('.badge--warning').textContent()).toBe('Expires in 10 days');
    expect(await page.getByRole('row', { name: new RegExp(FIRST) }).locator('.badge--warning').count()).toBe(0);
    expect(await page.locator('tbody .token-name').allTextContents()).toEqual([SECOND, FIRST]);
    expect(await h.core.keychain.get((await storedEntry(SECOND))!.keychainKey)).toBe(secrets[1]);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'cloud-tokens');
    await screenshot(page, 'cloud-tokens-dark', 'dark');
  });

  it('"Revoke in browser…" opens Atlassian’s token page: Latch cannot revoke there', async () => {
    const { page } = h;
    const before = h.opened.length;
    await page.getByRole('button', { name: `Revoke ${SECOND} in browser` }).click();
    await expect.poll(() => h.opened.length).toBe(before + 1);
    expect(h.opened.at(-1)).toBe(TOKEN_PAGE);
    expect(h.ipcCalls.at(-1)).toMatchObject({ channel: 'hosts:openManagePage', trusted: true });
    // Still listed and kept: only the person, in the browser, revokes it.
    expect(await page.locator('tbody .token-name', { hasText: SECOND }).count()).toBe(1);
    expect(await storedEntry(SECOND)).toBeDefined();
  });

  it('"Remove from Latch" deletes the keychain copy after a confirmation that says the token still works', async () => {
    const { page, core } = h;
    const entry = (await storedEntry(SECOND))!;
    await page.getByRole('button', { name: `Remove ${SECOND} from Latch` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Remove “${SECOND}” from Latch?` });
    await confirm.waitFor();
    expect(await confirm.getByRole('button', { name: 'Cancel' }).evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await confirm.textContent()).toContain('keeps working until it expires');
    expect(await confirm.textContent()).toContain('id.atlassian.com');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'cloud-remove-token');

    await confirm.getByRole('button', { name: 'Remove from Latch' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.locator('tbody .token-name', { hasText: SECOND }).waitFor({ state: 'detached' });
    expect(await core.keychain.get(entry.keychainKey)).toBeNull();
    expect(await storedEntry(SECOND)).toBeUndefined();
    expect(h.ipcCalls.at(-1)).toMatchObject({ channel: 'tokens:remove', trusted: true });
    // The other one is untouched.
    expect(await core.keychain.get((await storedEntry(FIRST))!.keychainKey)).toBe(secrets[0]);
  });

  it('marks a kept token whose day is over as expired', async () => {
    const { page, core } = h;
    const yesterday = addDays(today, -1);
    await core.store.update((data) => {
      for (const entry of data.storedTokens) if (entry.name === FIRST) entry.expiresAt = `${yesterday}T23:59:59.000Z`;
    });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const row = page.getByRole('row', { name: new RegExp(FIRST) });
    await row.locator('.badge--danger', { hasText: 'Expired' }).waitFor();
    expect(await row.locator('.col-expiresAt').textContent()).toBe(`${shown(yesterday)}Expired`);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('with no token kept, says how to add one', async () => {
    const { page, core } = h;
    await core.tokens.remove(accountId, (await storedEntry(FIRST))!.tokenId);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('heading', { name: 'No API tokens kept yet' }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain('Create an API token at id.atlassian.com');
    expect(await page.getByRole('button', { name: 'Add API token' }).count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'cloud-tokens-empty');
  });

  it('leaves the pasted secrets nowhere: page, React state, LATCH_HOME, the browser profile, logs, output', async () => {
    const { page } = h;
    expect(secrets).toHaveLength(5);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(40);
      expect(await pageText(page)).not.toContain(secret);
      const state = await findInReactState(page, secret);
      expect(state.stringsSeen).toBeGreaterThan(100);
      expect(state.hits).toEqual([]);
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
