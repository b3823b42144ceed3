// The rest of the app, full stack in Chromium: the bridge's shape and the sender check, errors shown
// as the core's sentences, locking, project tokens (Bearer only), git setup, settings, and removing an
// account with its keychain entries, a damaged list. axe runs on every screen in light and dark.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, splitChannel } from '../../shared/channels';
import { keychainKeys } from '../../electron/core/vault/types';
import { seriousViolations } from './support/axe';
import { DATA_CENTER_NAME, startHarness, type Harness } from './support/harness';
import { screenshot } from './support/screenshots';
import { addAccount } from './support/steps';
import { FOREIGN_PAGE } from './support/static-server';

const PASSWORD = `pw ${randomBytes(6).toString('hex')}`;

describe('Latch in Chromium: bridge, errors, locking, project tokens, git, settings, removal', { timeout: 90_000 }, () => {
  let h: Harness;
  let accountId = '';

  beforeAll(async () => {
    // Under its real-looking name, so the screenshots show bitbucket.example.com, not a loopback address.
    h = await startHarness({ clipboardClearMs: 1000, realNames: true });
    h.sim.addUser({ username: 'bob', password: PASSWORD, displayName: 'Bob Builder' });
    h.sim.addProject('WEB');
    await h.open();
  }, 240_000);

  afterAll(async () => {
    await h?.close();
  });

  it('exposes only a frozen window.latch, one function per contract channel', async () => {
    const shape = await h.page.evaluate(() => {
      const latch = window.latch as unknown as Record<string, Record<string, unknown>>;
      return {
        groups: Object.keys(latch).sort(),
        methods: Object.fromEntries(Object.entries(latch).map(([group, methods]) => [group, Object.keys(methods).sort()])),
        frozen: Object.isFrozen(latch) && Object.values(latch).every((group) => Object.isFrozen(group)),
        leaked: ['ipcRenderer', 'require', 'process', 'electron', 'module'].filter((name) => name in window),
      };
    });
    const expected: Record<string, string[]> = {};
    for (const channel of CHANNELS) {
      const [group, method] = splitChannel(channel);
      (expected[group] ??= []).push(method);
    }
    expect(shape.groups).toEqual(Object.keys(expected).sort());
    for (const [group, methods] of Object.entries(expected)) expect(shape.methods[group]).toEqual(methods.sort());
    expect(shape.methods.tokens).toEqual(['add', 'create', 'list', 'remove', 'replace', 'revoke', 'rotate', 'useForGit']);
    expect(shape.frozen).toBe(true);
    expect(shape.leaked).toEqual([]);
  });

  it('refuses malformed input with a sentence, and any call from a page that is not Latch', async () => {
    const invalid = await h.page.evaluate(() => window.latch!.tokens.create({ accountId: 'x' } as never));
    expect(invalid).toMatchObject({ ok: false, code: 'validation' });

    await h.page.goto(h.server.origin + FOREIGN_PAGE);
    const foreign = await h.page.evaluate(() => window.latch!.accounts.list({}));
    expect(foreign).toEqual({ ok: false, code: 'forbidden-sender', message: 'Latch refused a request that did not come from its own window.' });
    expect(h.ipcCalls.at(-1)).toMatchObject({ channel: 'accounts:list', trusted: false });
    await h.open();
  });

  it('shows why an account could not be added, in the core’s words, and says what hosts without an API cannot do', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account' });
    await dialog.getByLabel('Host', { exact: true }).selectOption('gitlab');
    expect(await dialog.textContent()).toContain('Create a personal access token with the api scope in your browser');
    expect(await seriousViolations(page)).toEqual([]);
    // The host's own page opens in the system browser; a self-hosted one needs its address first.
    await dialog.getByLabel('Server URL').fill('');
    await dialog.getByRole('button', { name: "Open GitLab's token page" }).click();
    expect(await dialog.getByRole('alert').textContent()).toBe('Enter the GitLab server address first.');
    await dialog.getByLabel('Host', { exact: true }).selectOption('bitbucket-cloud');
    await dialog.getByRole('button', { name: 'Open id.atlassian.com' }).click();
    await expect.poll(() => h.opened).toEqual(['https://id.atlassian.com/manage-profile/security/api-tokens']);
    await dialog.getByLabel('Host', { exact: true }).selectOption('bitbucket-datacenter');

    await dialog.getByLabel('Server URL').fill('http://bitbucket.example.com');
    await dialog.getByLabel('Username').fill('bob');
    await dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    expect(await dialog.getByRole('alert').textContent()).toContain('Plain http:// would send your password to bitbucket.example.com unencrypted.');

    // Nothing typed is lost on an error; the empty-field checks speak before anything is sent.
    await dialog.getByLabel('Username').fill('');
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    expect(await dialog.getByText('Enter your username.').isVisible()).toBe(true);
    expect(await dialog.getByLabel('Password', { exact: true }).inputValue()).toBe(PASSWORD);

    await dialog.getByLabel('Server URL').fill(DATA_CENTER_NAME);
    await dialog.getByLabel('Username').fill('bob');
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    await dialog.waitFor({ state: 'detached' });
    accountId = (await h.core.accounts.list())[0]!.id;

    await page.getByRole('button', { name: 'Token page in browser' }).click();
    await expect.poll(() => h.opened.at(-1)).toBe(`${DATA_CENTER_NAME}/plugins/servlet/access-tokens/manage`);
  });

  it('locks on request and asks for the password before listing again', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Lock now: Bob Builder' }).click();
    const unlock = page.getByRole('region', { name: 'Unlock Bob Builder' });
    await unlock.waitFor();
    expect(await page.locator('.lock-status').textContent()).toContain('Locked');
    expect(h.core.session.password(accountId)).toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'unlock');

    await unlock.getByLabel('Password for bob').fill('wrong');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await unlock.getByRole('alert').waitFor();
    expect(await unlock.getByLabel('Password for bob').inputValue()).toBe('');

    await unlock.getByLabel('Password for bob').fill(PASSWORD);
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'No personal tokens yet' }).waitFor();
  });

  it('creates a project token, which git can use only as a Bearer token', async () => {
    const { page, sim } = h;
    await page.getByRole('radio', { name: 'Project' }).check();
    await page.getByLabel('Project key').fill('no spaces allowed');
    await page.getByRole('button', { name: 'Show tokens' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Enter a project key');
    await page.getByLabel('Project key').fill('WEB');
    await page.getByRole('button', { name: 'Show tokens' }).click();
    await page.getByRole('heading', { name: 'No tokens of project WEB yet' }).waitFor();

    await page.getByRole('button', { name: 'Create token' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create an access token' });
    expect(await dialog.textContent()).toContain('A new project WEB token');
    await dialog.getByLabel('Name', { exact: true }).fill('Web deploy pipeline');
    await dialog.getByLabel('Never expires').check();
    await dialog.getByLabel('Store in keychain for git and the CLI').uncheck();
    await dialog.getByRole('button', { name: 'Create token' }).click();

    const reveal = page.getByRole('dialog', { name: 'Copy your new token now' });
    await reveal.waitFor();
    expect(await reveal.textContent()).toContain('Bearer token: use an Authorization header');
    expect(await reveal.textContent()).toContain('Not stored');
    await reveal.getByRole('button', { name: 'I have copied it' }).click();
    await page.locator('tbody .token-name', { hasText: 'Web deploy pipeline' }).waitFor();
    expect(sim.tokens({ kind: 'project', projectKey: 'WEB' }).map((token) => [token.name, token.expiryDays])).toEqual([['Web deploy pipeline', null]]);
    expect((await h.core.store.read()).storedTokens).toEqual([]);

    // A repository token takes only a repository permission: the form offers no other.
    sim.addRepo('WEB', 'site');
    await page.getByRole('radio', { name: 'Repository' }).check();
    await page.getByLabel('Repository slug').fill('site');
    await page.getByRole('button', { name: 'Show tokens' }).click();
    await page.getByRole('heading', { name: 'No tokens of repository WEB/site yet' }).waitFor();
    await page.getByRole('button', { name: 'Create token' }).first().click();
    const repoDialog = page.getByRole('dialog', { name: 'Create an access token' });
    expect(await repoDialog.getByRole('group', { name: 'Project permission' }).count()).toBe(0);
    expect(await repoDialog.getByRole('group', { name: 'Repository permission' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await repoDialog.waitFor({ state: 'detached' });
    await page.getByRole('radio', { name: 'Personal' }).check();
    await page.getByRole('heading', { name: 'No personal tokens yet' }).waitFor();
  });

  it('shows the exact git lines for the host, sets them up and undoes them', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Use with git' }).click();
    const host = new URL(DATA_CENTER_NAME).host;
    const dialog = page.getByRole('dialog', { name: `Use with git on ${host}` });
    const code = dialog.locator('pre code');
    await code.waitFor();
    expect(await code.textContent()).toContain(`credential.https://${host}.helper=`);
    expect(await seriousViolations(page)).toEqual([]);

    const gitconfig = join(h.gitHome, '.gitconfig');
    await dialog.getByRole('button', { name: 'Set up git' }).click();
    await dialog.getByRole('button', { name: 'Undo' }).waitFor();
    expect(readFileSync(gitconfig, 'utf8')).toContain(`[credential "https://${host}"]`);
    await dialog.getByRole('button', { name: 'Undo' }).click();
    await dialog.getByRole('button', { name: 'Set up git' }).waitFor();
    expect(existsSync(gitconfig) ? readFileSync(gitconfig, 'utf8') : '').not.toContain('credential');
    // Focus follows the toggle; and even with nothing focused, Escape still closes the dialog.
    expect(await dialog.getByRole('button', { name: 'Set up git' }).evaluate((element) => element === document.activeElement)).toBe(true);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('changes settings', async () => {
    const { page, core } = h;
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const minutes = dialog.getByLabel('Keep an account password unlocked for (minutes)');
    await minutes.fill('0');
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect(await dialog.getByText('Enter a whole number of minutes from 1 to 480.').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await minutes.fill('25');
    await dialog.getByLabel('Keep credentials git hands me').check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await core.settings.get()).toEqual({ unlockMinutes: 25, keepCredentialsFromGit: true });
  });

  it('installs the command line tools from Settings and removes them again', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const link = join(h.gitHome, '.local', 'bin', 'latch');
    await dialog.getByRole('button', { name: 'Install command line tools' }).click();
    await dialog.getByRole('button', { name: 'Remove command line tools' }).waitFor();
    expect(readlinkSync(link)).toBe(join(h.gitHome, 'opt', 'Latch', 'resources', 'bin', 'latch'));
    expect(await dialog.getByText(`latch and git-credential-latch are installed in ${join(h.gitHome, '.local', 'bin')}.`).isVisible()).toBe(true);
    // ~/.local/bin is not on this PATH: the window says how to add it.
    expect(await dialog.getByText('export PATH="$HOME/.local/bin:$PATH"', { exact: false }).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Remove command line tools' }).click();
    await dialog.getByRole('button', { name: 'Install command line tools' }).waitFor();
    expect(existsSync(link)).toBe(false);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('opens the leak response from the sidebar, and passes axe there', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'A secret leaked…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Respond to a leaked secret' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // A Data Center secret Latch does not hold: the question names its token once the host accepted it.
    const unheld = await h.core.tokens.create({ accountId, owner: { kind: 'user' }, name: 'build agent', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: 7, store: false });
    await dialog.getByLabel('Leaked secret').fill(unheld.secret);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByText(`Its host accepts it as token ${unheld.token.id} ("build agent") of`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(h.sim.tokens().some((token) => token.id === unheld.token.id)).toBe(true);
  });

  it('says why a revoke failed, and then keeps the token and its keychain copy', async () => {
    const { page, core, sim } = h;
    await core.tokens.create({ accountId, owner: { kind: 'user' }, name: 'still needed', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: 7, store: true });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.locator('tbody .token-name', { hasText: 'still needed' }).waitFor();
    const stored = (await core.store.read()).storedTokens.find((entry) => entry.name === 'still needed')!;

    sim.failNext(403);
    await page.getByRole('button', { name: 'Revoke still needed' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Revoke “still needed”?' });
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    const alert = confirm.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())!.length).toBeGreaterThan(15);
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(sim.tokens().some((token) => token.id === stored.tokenId)).toBe(true);
    expect(await core.keychain.get(stored.keychainKey)).not.toBeNull();
    expect(await page.locator('tbody .token-name', { hasText: 'still needed' }).count()).toBe(1);

    // git's `erase` reported a refusal but could not ask the host: still offered, and the table says so.
    await core.store.update((data) => {
      for (const entry of data.storedTokens) {
        if (entry.tokenId === stored.tokenId) entry.refusal = { at: new Date().toISOString(), path: 'scm/other/lib.git', check: 'unsure' };
      }
    });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const doubted = page.getByRole('row', { name: /still needed/ }).getByText('Refused, not checked', { exact: true });
    await doubted.waitFor();
    expect(await doubted.getAttribute('title')).toContain('scm/other/lib.git');
    expect(await seriousViolations(page)).toEqual([]);

    // git's `erase` marks a stored token the host refused and says is dead; the table says so.
    await core.store.update((data) => {
      for (const entry of data.storedTokens) if (entry.tokenId === stored.tokenId) entry.rejectedAt = new Date().toISOString();
    });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('row', { name: /still needed/ }).getByText('Rejected', { exact: true }).waitFor();
  });

  it('marks a stored token revoked outside Latch as gone from the host, and removes its dead copy after a confirmation', async () => {
    const { page, core, sim } = h;
    const created = await core.tokens.create({ accountId, owner: { kind: 'user' }, name: 'old laptop', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: 7, store: true });
    const stored = (await core.store.read()).storedTokens.find((entry) => entry.tokenId === created.token.id)!;
    // Revoked in the host's web page: Latch is not told.
    const web = await fetch(`${h.baseUrl}/rest/access-tokens/latest/users/bob/${created.token.id}`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`bob:${PASSWORD}`).toString('base64')}` },
    });
    expect(web.status).toBe(204);
    expect(sim.tokens().some((token) => token.id === created.token.id)).toBe(false);

    await page.getByRole('button', { name: 'Refresh' }).click();
    const row = page.getByRole('row', { name: /old laptop/ });
    await row.getByText('Gone from host', { exact: true }).waitFor();
    await screenshot(page, 'gone-from-host');
    expect(await row.getByRole('button', { name: 'Revoke old laptop' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByRole('button', { name: 'Remove the stored copy of old laptop' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove the stored copy of “old laptop”?' });
    expect(await confirm.textContent()).toContain('revoked or deleted outside Latch');
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Remove copy' }).click();
    await confirm.waitFor({ state: 'detached' });
    await row.waitFor({ state: 'detached' });
    expect(await core.keychain.get(stored.keychainKey)).toBeNull();
    expect((await core.store.read()).storedTokens.map((entry) => entry.tokenId)).not.toContain(created.token.id);
    expect(h.ipcCalls.at(-1)).toMatchObject({ channel: 'tokens:remove', trusted: true });
  });

  it('removes the account after a confirmation naming it, with its keychain entries', async () => {
    const { page, core } = h;
    const created = await core.tokens.create({ accountId, owner: { kind: 'user' }, name: 'kept secret', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: 7, store: true });
    const stored = (await core.store.read()).storedTokens;
    expect(stored).toHaveLength(2);
    expect(await core.keychain.get(stored.find((entry) => entry.name === 'kept secret')!.keychainKey)).toBe(created.secret);

    await page.getByRole('button', { name: 'Remove account' }).click();
    const host = new URL(DATA_CENTER_NAME).host;
    const confirm = page.getByRole('alertdialog', { name: `Remove bob on ${host}?` });
    await confirm.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Remove account' }).click();
    await page.getByRole('heading', { name: 'Access tokens for your git hosts, in one place' }).waitFor();
    expect(await core.accounts.list()).toEqual([]);
    for (const entry of stored) expect(await core.keychain.get(entry.keychainKey)).toBeNull();
  });

  it('with two accounts on one host, lets the person choose the one git uses by default', async () => {
    const { page, sim, core } = h;
    const host = new URL(DATA_CENTER_NAME).host;
    for (const [username, displayName] of [['dana', 'Dana Ops'], ['erin', 'Erin Dev']] as const) {
      sim.addUser({ username, password: PASSWORD, displayName });
      await addAccount(page, { baseUrl: DATA_CENTER_NAME, username, password: PASSWORD, displayName });
    }
    // Erin is selected (just added); Dana, first on the host, is git's default.
    await page.getByRole('button', { name: `Make default for git on ${host}` }).click();
    await page.getByText(`Default for git on ${host}`, { exact: true }).waitFor();
    const accounts = await core.accounts.list();
    expect(accounts.map((account) => [account.username, account.isDefault])).toEqual([
      ['dana', false],
      ['erin', true],
    ]);
    expect(await page.getByRole('button', { name: /^Dana Ops/ }).getAttribute('aria-current')).toBeNull();
    await page.getByRole('button', { name: /^Dana Ops/ }).click();
    expect(await page.getByRole('button', { name: /^Dana Ops/ }).getAttribute('aria-current')).toBe('page');
    expect(await seriousViolations(page, ['light'])).toEqual([]);
  });

  it('deletes a remembered password the server stopped accepting, and asks for the current one', async () => {
    const { page, sim, core } = h;
    sim.addUser({ username: 'fay', password: PASSWORD, displayName: 'Fay Keeper' });
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account' });
    await dialog.getByLabel('Server URL').fill(DATA_CENTER_NAME);
    await dialog.getByLabel('Username').fill('fay');
    await dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await dialog.getByLabel('Remember password in keychain').check();
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'No personal tokens yet' }).waitFor();
    const fay = (await core.accounts.list()).find((account) => account.username === 'fay')!;
    const passwordKey = keychainKeys.accountPassword(fay.id);
    expect(await core.keychain.get(passwordKey)).toBe(PASSWORD);

    // Fay changes her password in Bitbucket's web page; Latch still holds the old one.
    const current = `new ${PASSWORD}`;
    sim.setPassword('fay', current);
    sim.requests.length = 0;
    await page.getByRole('button', { name: 'Refresh' }).click();
    const unlock = page.getByRole('region', { name: 'Unlock Fay Keeper' });
    await unlock.waitFor();
    expect(await unlock.textContent()).toContain('The password Latch saved for fay on');
    expect(await unlock.textContent()).toContain('no longer works');
    expect(await unlock.textContent()).toContain('Enter the current password to unlock the account.');
    expect(await core.keychain.get(passwordKey)).toBeNull();
    // Sent once, refused, never again.
    expect(sim.requests.filter((request) => request.auth === 'refused')).toHaveLength(1);
    expect(await seriousViolations(page)).toEqual([]);

    await unlock.getByLabel('Password for fay').fill(current);
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'No personal tokens yet' }).waitFor();
    expect(await core.keychain.get(passwordKey)).toBe(current);
    expect(sim.requests.filter((request) => request.auth === 'refused')).toHaveLength(1);

    // As found: the accounts of the earlier tests only.
    await core.accounts.remove(fay.id);
    expect(await core.keychain.get(passwordKey)).toBeNull();
  });

  it('after a damaged list, says so and offers to start with an empty one, keeping the damaged file', async () => {
    const { page, home } = h;
    writeFileSync(join(home, 'index.json'), '{"version": 1, "accounts": [ broken');
    await h.open();
    await page.getByRole('heading', { name: 'Latch could not read its accounts' }).waitFor();
    // The first reader moves the file aside; a second one (settings load at the same time) says so too.
    expect(await page.getByRole('main').textContent()).toMatch(/was kept at \S+index\.json\.corrupt-/);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Start with an empty list…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Start with an empty list?' });
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Start with an empty list' }).click();
    await page.getByRole('heading', { name: 'Access tokens for your git hosts, in one place' }).waitFor();
    const kept = readdirSync(home).filter((name) => name.startsWith('index.json.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(home, kept[0]!), 'utf8')).toBe('{"version": 1, "accounts": [ broken');
    expect(await h.core.accounts.list()).toEqual([]);
  });
});
