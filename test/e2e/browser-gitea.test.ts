// Gitea and Forgejo, full stack in Chromium, at https://gitea.example.com and https://forgejo.example.com
// (the harness routes both names to simulators): an account with two-factor sign-in added with a
// one-time code (asked for by the sentence when left out), the token list asking for a code of its own,
// each token's age with a note on one over a year old, a token created with named scopes and no expiry
// (revealed once, copied), revoked with a fresh code after a used one is refused, the unlock panel's
// code field, and the Forgejo account named by its server. axe in light and dark on every screen, in
// a 1024×700 window. Afterwards the secret and the password are nowhere they must not be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GiteaSimulator } from '../hosts/gitea';
import { seriousViolations } from './support/axe';
import { captureOutput, filesContaining } from './support/canary';
import { startHarness, type Harness } from './support/harness';
import { findInReactState } from './support/react-state';
import { screenshot as save, SCREENSHOTS_ON } from './support/screenshots';
import { closeReveal, copySecret, pageText } from './support/steps';

const USER = 'dana';
const PASSWORD = 'gitea password for dana 7';
const FORGEJO_USER = 'erik';
const FORGEJO_PASSWORD = 'forgejo password for erik 3';
const OLD = 'Build server (2025)';
const NEW = 'Laptop git';
const CODE_LABEL = 'One-time code (if you use two-factor sign-in)';
// An account with a security key: its server takes the password from no program.
const KEY_USER = 'kim';
const KEY_PASSWORD = 'kim password with a key 5';
const KEY_FIRST = 'Laptop (made in browser)';
const KEY_SECOND = 'Desktop (made in browser)';

describe('Gitea and Forgejo in Chromium: two-factor codes, named scopes, tokens that never expire', { timeout: 120_000 }, () => {
  let h: Harness;
  let output: ReturnType<typeof captureOutput>;
  let giteaSim: GiteaSimulator;
  const secrets: string[] = [];
  const used: string[] = [];

  /** The code the authenticator app shows next: the simulators' clock moves on one 30-second step. */
  const freshCode = (sim: GiteaSimulator, username: string): string => {
    h.gitea!.clock.offsetMs += 30_000;
    const code = sim.currentOtp(username);
    used.push(code);
    return code;
  };

  /** README pictures at the size of the others; the test itself runs in a 1024×700 window. */
  const screenshot = async (page: Harness['page'], name: string, scheme?: 'light' | 'dark') => {
    if (!SCREENSHOTS_ON) return;
    await page.setViewportSize({ width: 1200, height: 760 });
    await save(page, name, scheme);
    await page.setViewportSize({ width: 1024, height: 700 });
  };

  const fitsWindow = async (name: string, role: 'dialog' | 'alertdialog' = 'dialog') => {
    const box = await h.page.getByRole(role, { name }).boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(700);
  };

  beforeAll(async () => {
    output = captureOutput();
    h = await startHarness({ gitea: true });
    giteaSim = h.gitea!.gitea.sim;
    giteaSim.addUser({ username: USER, password: PASSWORD, totp: true });
    giteaSim.addUser({ username: KEY_USER, password: KEY_PASSWORD, webauthn: true });
    h.gitea!.forgejo.sim.addUser({ username: FORGEJO_USER, password: FORGEJO_PASSWORD, totp: true });
    // A token made in the settings page some 400 days ago: it never expires.
    h.gitea!.clock.offsetMs = -400 * 86_400_000;
    secrets.push(giteaSim.issueToken(USER, OLD, ['write:repository']).secret);
    h.gitea!.clock.offsetMs = 0;
    await h.page.setViewportSize({ width: 1024, height: 700 });
    await h.open();
  }, 240_000);

  afterAll(async () => {
    output?.stop();
    await h?.close();
  });

  it('adds a Gitea account: server, username, password, remember and a one-time code, asked for by name when left out', async () => {
    const { page, core } = h;
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account' });
    await dialog.getByLabel('Host', { exact: true }).selectOption('gitea');
    for (const label of ['Server URL', 'Username', 'Remember password in keychain', CODE_LABEL]) {
      expect(await dialog.getByLabel(label).count()).toBe(1);
    }
    expect(await dialog.getByLabel('Password', { exact: true }).getAttribute('type')).toBe('password');
    expect(await dialog.getByLabel('Server URL').getAttribute('placeholder')).toBe('https://gitea.example.com');

    await dialog.getByLabel('Server URL').fill(h.gitea!.gitea.baseUrl);
    await dialog.getByLabel('Username').fill(USER);
    await dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    const code = dialog.getByLabel(CODE_LABEL);
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
    expect(await code.evaluate((element) => element === document.activeElement)).toBe(true);
    const sentence = await dialog.locator(`#${await code.getAttribute('aria-describedby').then((ids) => ids!.split(' ')[0])}`).textContent();
    expect(sentence).toMatch(/one-time code/);
    expect(await core.accounts.list()).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await fitsWindow('Add an account');
    await screenshot(page, 'gitea-add-account');

    // By keyboard: the code typed into the focused field, Enter submits.
    await page.keyboard.type(freshCode(giteaSim, USER));
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: USER }).waitFor();
    expect(await page.locator('.pane__subtitle').textContent()).toContain('Gitea 1.27.1 · https://gitea.example.com');
    const accounts = await core.accounts.list();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ host: 'gitea', baseUrl: 'https://gitea.example.com', server: 'Gitea 1.27.1', lock: { state: 'unlocked' } });
  });

  it('asks for a code to list the tokens, then shows each one’s age and a note on the one over a year old', async () => {
    const { page } = h;
    const form = page.getByRole('form', { name: 'One-time code to list the tokens' });
    await form.waitFor();
    expect(await form.textContent()).toContain('two-factor authentication');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'gitea-list-code');

    await form.getByLabel('One-time code').fill(freshCode(giteaSim, USER));
    await form.getByRole('button', { name: 'Show tokens' }).click();
    const row = page.getByRole('row', { name: new RegExp(OLD.replace(/[()]/g, '\\$&')) });
    await row.waitFor();
    expect(await row.locator('.col-createdAt .cell-secondary').textContent()).toBe('1 year and 1 month old');
    // No Expires column: the age says more.
    expect(await page.getByRole('columnheader', { name: 'Expires' }).count()).toBe(0);
    expect(await row.getByText('Consider replacing').isVisible()).toBe(true);
    expect(await row.locator('.chip').allTextContents()).toEqual(['write:repository']);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('creates a token with named scopes and no expiry, asking for a fresh code; reveals it once and copies it', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Create token' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create an access token' });
    await dialog.waitFor();
    // Gitea's scopes from the host table, no expiry field: the dialog says tokens never expire.
    expect(await dialog.getByRole('radiogroup').count()).toBe(9);
    expect(await dialog.getByLabel('Expires after').count()).toBe(0);
    expect(await dialog.textContent()).toContain('Gitea tokens never expire: Latch cannot give this one an expiry.');
    expect(await dialog.getByRole('group', { name: 'Project permission' }).count()).toBe(0);
    await fitsWindow('Create an access token');

    await dialog.getByLabel('Name', { exact: true }).fill(NEW);
    await dialog.getByRole('radiogroup', { name: 'Repository' }).getByLabel('No access').check();
    await dialog.getByRole('button', { name: 'Create token' }).click();
    expect(await dialog.getByText('Choose at least one scope: a token with none can do nothing.').isVisible()).toBe(true);
    // By keyboard: the arrow keys move along a row's levels.
    const repository = dialog.getByRole('radiogroup', { name: 'Repository' });
    await repository.getByLabel('No access').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await repository.getByLabel('Read and write').isChecked()).toBe(true);
    await dialog.getByRole('radiogroup', { name: 'Issue' }).getByLabel('Read', { exact: true }).check();
    expect(await dialog.getByText('Choose at least one scope', { exact: false }).count()).toBe(0);
    await dialog.getByLabel('Name', { exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'gitea-create-token');

    // Without a code, the server's sentence goes to the code field, which takes the focus.
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const code = dialog.getByLabel('One-time code');
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
    expect(await code.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await dialog.locator('.field__error').last().textContent()).toContain('Then press Create token again.');
    expect(giteaSim.tokens(USER).map((token) => token.name)).toEqual([OLD]);
    expect(await seriousViolations(page)).toEqual([]);
    await fitsWindow('Create an access token');

    await code.fill(freshCode(giteaSim, USER));
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const reveal = page.getByRole('dialog', { name: 'Copy your new token now' });
    await reveal.waitFor();
    const secret = (await reveal.getByLabel('Token secret').textContent()) ?? '';
    expect(secret).toMatch(/^[0-9a-f]{40}$/);
    secrets.push(secret);
    expect(await copySecret(page)).toContain('Copied');
    expect(h.clipboard.readText()).toBe(secret);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'gitea-reveal');
    await closeReveal(page, NEW);

    const made = giteaSim.tokens(USER).find((token) => token.name === NEW);
    expect(made?.scopes.sort()).toEqual(['read:issue', 'write:repository']);
    const row = page.getByRole('row', { name: new RegExp(NEW) });
    expect(await row.getByText('In keychain').isVisible()).toBe(true);
    expect(await row.locator('.col-createdAt .cell-secondary').textContent()).toBe('made today');
    expect(await row.getByText('Consider replacing').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'gitea-tokens');
    await screenshot(page, 'gitea-tokens-dark', 'dark');
  });

  it('revokes with a code: a used one is refused with the sentence, a fresh one revokes', async () => {
    const { page, core } = h;
    const stored = (await core.store.read()).storedTokens.find((entry) => entry.name === NEW)!;
    await page.getByRole('button', { name: `Revoke ${NEW}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Revoke “${NEW}”?` });
    await confirm.waitFor();
    expect(await confirm.getByRole('button', { name: 'Cancel' }).evaluate((element) => element === document.activeElement)).toBe(true);
    const code = confirm.getByLabel('One-time code');
    expect(await seriousViolations(page)).toEqual([]);
    await fitsWindow(`Revoke “${NEW}”?`, 'alertdialog');
    await screenshot(page, 'gitea-revoke');
    await code.fill(used.at(-1)!);

    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    const alert = confirm.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/one-time code/);
    expect(await code.inputValue()).toBe('');
    expect(await code.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(giteaSim.tokens(USER).some((token) => token.name === NEW)).toBe(true);

    await code.fill(freshCode(giteaSim, USER));
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.locator('tbody .token-name', { hasText: NEW }).waitFor({ state: 'detached' });
    expect(giteaSim.tokens(USER).map((token) => token.name)).toEqual([OLD]);
    expect(await core.keychain.get(stored.keychainKey)).toBeNull();
  });

  it('unlocks with the password and a one-time code', async () => {
    const { page } = h;
    await page.getByRole('button', { name: /^Lock now/ }).click();
    const panel = page.getByRole('region', { name: `Unlock ${USER}` });
    await panel.waitFor();
    expect(await panel.getByLabel('One-time code').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'gitea-unlock');

    await panel.getByLabel(`Password for ${USER}`).fill(PASSWORD);
    await panel.getByLabel('One-time code').fill(freshCode(giteaSim, USER));
    await panel.getByRole('button', { name: 'Unlock' }).click();
    await panel.waitFor({ state: 'detached' });
    // Listing takes a code of its own: each works once.
    const form = page.getByRole('form', { name: 'One-time code to list the tokens' });
    await form.getByLabel('One-time code').fill(freshCode(giteaSim, USER));
    await form.getByRole('button', { name: 'Show tokens' }).click();
    await page.getByRole('row', { name: /Build server/ }).waitFor();
  });

  it('adds an account with a security key with a token made in the browser, after the server refuses its password', async () => {
    const { page, core } = h;
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account' });
    await dialog.getByLabel('Host', { exact: true }).selectOption('gitea');
    await dialog.getByLabel('Server URL').fill(h.gitea!.gitea.baseUrl);
    await dialog.getByLabel('Username').fill(KEY_USER);
    await dialog.getByLabel('Password', { exact: true }).fill(KEY_PASSWORD);
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    const offer = dialog.getByRole('button', { name: 'Add it with a token made in the browser' });
    await offer.waitFor();
    expect(await dialog.getByRole('alert').textContent()).toMatch(/security key or passkey/);
    expect(await core.accounts.list()).toHaveLength(1);
    expect(await seriousViolations(page)).toEqual([]);

    await offer.click();
    // The password is gone from the form; server and username stay.
    expect(await dialog.getByLabel('Password', { exact: true }).count()).toBe(0);
    expect(await dialog.getByLabel('Username').inputValue()).toBe(KEY_USER);
    expect(await dialog.textContent()).toContain('https://gitea.example.com/user/settings/applications');
    expect(await dialog.textContent()).toContain('tokens never expire');
    await dialog.getByRole('button', { name: 'Open the token page' }).click();
    await expect.poll(() => h.opened.at(-1)).toBe('https://gitea.example.com/user/settings/applications');
    const first = giteaSim.issueToken(KEY_USER, KEY_FIRST, ['write:repository', 'read:user']).secret;
    secrets.push(first);
    await dialog.getByLabel('Access token').fill(first);
    await dialog.getByLabel('Token name').fill(KEY_FIRST);
    expect(await seriousViolations(page)).toEqual([]);
    await fitsWindow('Add an account');
    await screenshot(page, 'gitea-security-key');
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: KEY_USER }).waitFor();

    const account = (await core.accounts.list()).find((candidate) => candidate.username === KEY_USER);
    expect(account).toMatchObject({ host: 'gitea', signIn: 'api-token', server: 'Gitea 1.27.1', lock: { state: 'no-password' } });
    await page.getByRole('heading', { name: 'Access tokens Latch keeps' }).waitFor();
    expect(await page.locator('.sidebar .lock-status').nth(1).textContent()).toBe('Access tokens');
    expect(await page.locator('.kept__intro').textContent()).toContain('security key or passkey');
    const row = page.getByRole('row', { name: new RegExp(KEY_FIRST.replace(/[()]/g, '\\$&')) });
    await row.waitFor();
    expect(await row.textContent()).toContain('write:repository, read:user');
  });

  it('keeps another token of that account, and revokes one by itself with no password', async () => {
    const { page, core } = h;
    await page.getByRole('button', { name: 'Add a token' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add an access token' });
    await dialog.waitFor();
    const second = giteaSim.issueToken(KEY_USER, KEY_SECOND, ['write:repository']).secret;
    secrets.push(second);
    await dialog.getByLabel('Access token').fill(second);
    await dialog.getByLabel('Token name').fill(KEY_SECOND);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: new RegExp(KEY_SECOND.replace(/[()]/g, '\\$&')) }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // In the 1024-pixel window the table fits without scrolling sideways, its actions in reach; Gitea's
    // tokens never expire, so there is no Expires column to say "Never" in every row.
    expect(await page.locator('.table-wrap').evaluate((wrap) => wrap.scrollWidth <= wrap.clientWidth + 1)).toBe(true);
    expect(await page.getByRole('columnheader', { name: 'Expires' }).count()).toBe(0);
    await screenshot(page, 'gitea-kept-tokens');
    await screenshot(page, 'gitea-kept-tokens-dark', 'dark');

    await page.getByRole('button', { name: `Revoke ${KEY_FIRST}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Revoke “${KEY_FIRST}”?` });
    await confirm.waitFor();
    // No password and no code: the token deletes itself.
    expect(await confirm.getByLabel('One-time code').count()).toBe(0);
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.locator('tbody .token-name', { hasText: KEY_FIRST }).waitFor({ state: 'detached' });
    expect(giteaSim.tokens(KEY_USER).map((token) => token.name)).toEqual([KEY_SECOND]);
    expect((await core.store.read()).storedTokens.map((entry) => entry.name)).not.toContain(KEY_FIRST);
  });

  it('adds a Forgejo account, named by its server', async () => {
    const { page } = h;
    const forgejo = h.gitea!.forgejo;
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account' });
    await dialog.getByLabel('Host', { exact: true }).selectOption('gitea');
    await dialog.getByLabel('Server URL').fill(forgejo.baseUrl);
    await dialog.getByLabel('Username').fill(FORGEJO_USER);
    await dialog.getByLabel('Password', { exact: true }).fill(FORGEJO_PASSWORD);
    await dialog.getByLabel(CODE_LABEL).fill(freshCode(forgejo.sim, FORGEJO_USER));
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: FORGEJO_USER }).waitFor();
    expect(await page.locator('.pane__subtitle').textContent()).toContain('Forgejo 16.0.1 · https://forgejo.example.com');
    const form = page.getByRole('form', { name: 'One-time code to list the tokens' });
    await form.getByLabel('One-time code').fill(freshCode(forgejo.sim, FORGEJO_USER));
    await form.getByRole('button', { name: 'Show tokens' }).click();
    await page.getByRole('heading', { name: /^No .* yet$/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'gitea-forgejo-account');
  });

  it('asks in the leak dialog for the one-time code of each account it names, and revokes the leaked Forgejo token', async () => {
    const { page } = h;
    const forgejo = h.gitea!.forgejo;
    const leaked = forgejo.sim.issueToken(FORGEJO_USER, 'CI (leaked)', ['write:repository']).secret;
    secrets.push(leaked);
    await page.getByRole('button', { name: 'A secret leaked…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Respond to a leaked secret' });
    await dialog.getByLabel('Leaked secret').fill(leaked);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.locator('.button--danger').click();

    // Each account with two-factor sign-in asks for its own code, named; each code works once.
    const codeFor = async (label: string, sim: GiteaSimulator, username: string, shoot?: string, said?: string) => {
      const field = dialog.getByLabel(`One-time code for ${label}`);
      await field.waitFor({ timeout: 20_000 });
      if (said) expect(await dialog.textContent()).toContain(said);
      expect(await dialog.getByRole('button', { name: 'Try again' }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      if (shoot) await screenshot(page, shoot);
      await field.fill(freshCode(sim, username));
      await dialog.getByRole('button', { name: 'Go on with this code' }).click();
    };
    await codeFor(`${USER} on gitea.example.com`, giteaSim, USER, 'gitea-leak-code');
    await codeFor(`${FORGEJO_USER} on forgejo.example.com`, forgejo.sim, FORGEJO_USER);
    // Found by its last eight characters with that code; deleting it takes the next one.
    await codeFor(`${FORGEJO_USER} on forgejo.example.com`, forgejo.sim, FORGEJO_USER, undefined, 'the server lists it as');
    await dialog.getByRole('button', { name: 'Done' }).waitFor({ timeout: 20_000 });
    expect(forgejo.sim.tokens(FORGEJO_USER).map((token) => token.name)).not.toContain('CI (leaked)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('on Forgejo with a security key: a kept token is revoked in the browser, since Forgejo cannot delete one by itself', async () => {
    const { page } = h;
    const forgejo = h.gitea!.forgejo;
    forgejo.sim.addUser({ username: 'lena', password: 'lena password with a key 2', webauthn: true });
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account' });
    await dialog.getByLabel('Host', { exact: true }).selectOption('gitea');
    await dialog.getByLabel('Server URL').fill(forgejo.baseUrl);
    await dialog.getByLabel('Username').fill('lena');
    await dialog.getByRole('button', { name: 'My account has a security key or passkey' }).click();
    const made = forgejo.sim.issueToken('lena', 'Laptop (Forgejo)', ['write:repository', 'read:user']).secret;
    secrets.push(made);
    await dialog.getByLabel('Access token').fill(made);
    await dialog.getByLabel('Token name').fill('Laptop (Forgejo)');
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: /Laptop \(Forgejo\)/ });
    await row.waitFor();
    expect(await row.getByRole('button', { name: 'Revoke Laptop (Forgejo) in browser' }).count()).toBe(1);
    expect(await row.getByRole('button', { name: 'Revoke Laptop (Forgejo)', exact: true }).count()).toBe(0);
    expect(await row.getByRole('button', { name: 'Remove Laptop (Forgejo) from Latch' }).count()).toBe(1);
    // Forgejo has no call that describes a token to itself, so its scopes are not known.
    expect(await row.locator('.col-scopes').textContent()).toBe('not reported');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('leaves the secrets and the passwords nowhere: page, React state, LATCH_HOME, the browser profile, logs, output', async () => {
    const { page } = h;
    const canaries = [...secrets, PASSWORD, FORGEJO_PASSWORD, KEY_PASSWORD];
    expect(canaries).toHaveLength(9);
    for (const canary of canaries) {
      expect(await pageText(page)).not.toContain(canary);
      const state = await findInReactState(page, canary);
      expect(state.stringsSeen).toBeGreaterThan(100);
      expect(state.hits).toEqual([]);
    }
    await h.closeBrowser();
    for (const canary of canaries) {
      expect(filesContaining(h.home, canary)).toEqual([]);
      expect(filesContaining(h.profileDir, canary)).toEqual([]);
      expect(h.logs.join('\n')).not.toContain(canary);
      expect(output.text()).not.toContain(canary);
    }
  });
});
