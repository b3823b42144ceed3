// GitLab (a self-managed stand-in), full stack in Chromium: an account added with a pasted personal
// token with the api scope (server prefilled with gitlab.com, changed to the self-managed server), a
// personal token made on the prefilled page and pasted, a project token created with a role and scopes,
// rotated (the new secret shown once, the old one dead) and revoked, a group's tokens, and the leak
// response on a glpat- Latch never held, which revokes itself. axe in light and dark; afterwards the
// secrets are nowhere they must not be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS, startGitLabSimulator, type GitLabSimulator } from '../hosts/gitlab';
import { seriousViolations } from './support/axe';
import { captureOutput, filesContaining } from './support/canary';
import { startHarness, type Harness } from './support/harness';
import { findInReactState } from './support/react-state';
import { screenshot } from './support/screenshots';
import { pageText } from './support/steps';

const DISPLAY_NAME = 'Jane Doe';
/** The self-managed server as a person types it; the harness routes it to the simulator. */
const SERVER = 'https://gitlab.example.com';
const MANAGEMENT = 'latch on this laptop';
const PERSONAL = 'git on this computer';
const DEPLOY = 'app deploy';

describe('GitLab in Chromium: an api token signs in; project tokens created, rotated and revoked; a leak revokes itself', { timeout: 120_000 }, () => {
  let h: Harness;
  let sim: GitLabSimulator;
  let dotcom: GitLabSimulator;
  let output: ReturnType<typeof captureOutput>;
  const secrets: string[] = [];
  let leaked: { id: number; secret: string };
  let personal: { id: number; secret: string };

  const axeBoth = async () => {
    expect(await seriousViolations(h.page)).toEqual([]);
    await h.page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(h.page)).toEqual([]);
    await h.page.emulateMedia({ colorScheme: 'light' });
  };

  const revealed = async (): Promise<string> => {
    const reveal = h.page.getByRole('dialog', { name: 'Copy your new token now' });
    await reveal.waitFor();
    const secret = (await reveal.getByLabel('Token secret').textContent()) ?? '';
    secrets.push(secret);
    return secret;
  };

  const closeReveal = async () => {
    const reveal = h.page.getByRole('dialog', { name: 'Copy your new token now' });
    await reveal.getByRole('button', { name: 'I have copied it' }).click();
    await reveal.waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    output = captureOutput();
    sim = await startGitLabSimulator();
    dotcom = await startGitLabSimulator();
    sim.addUser({ username: 'jane', name: DISPLAY_NAME });
    sim.addGroup('acme', { jane: ACCESS.owner });
    sim.addProject('acme/app');
    const management = sim.issuePersonalToken({ user: 'jane', name: MANAGEMENT, scopes: ['api'] });
    personal = sim.issuePersonalToken({ user: 'jane', name: PERSONAL, scopes: ['read_repository', 'write_repository'] });
    leaked = sim.issuePersonalToken({ user: 'jane', name: 'pasted in a chat', scopes: ['read_api'] });
    secrets.push(management.secret, personal.secret, leaked.secret);
    h = await startHarness({
      publicServers: { gitlab: [{ baseUrl: 'https://gitlab.com', api: { base: dotcom.baseUrl, enterprise: false } }] },
      named: { [SERVER]: sim.baseUrl },
    });
    await h.open();
  }, 240_000);

  afterAll(async () => {
    output?.stop();
    await h?.close();
    await sim?.stop();
    await dotcom?.stop();
  });

  it('adds the account with a pasted api token: server gitlab.com first, no name and no date to type', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account' });
    await dialog.getByLabel('Host', { exact: true }).selectOption('gitlab');
    expect(await dialog.getByLabel('Server URL').inputValue()).toBe('https://gitlab.com');
    expect(await dialog.getByLabel('Personal access token').getAttribute('type')).toBe('password');
    expect(await dialog.getByLabel('Token name').count()).toBe(0);
    expect(await dialog.getByLabel('Expires on').count()).toBe(0);
    expect(await dialog.textContent()).toContain('with the api scope');
    // Said once, by the token's own field: GitLab reports the expiry, so there is no date to enter.
    expect((await dialog.textContent())!.split('GitLab tells Latch when it expires').length - 1).toBe(1);

    await dialog.getByRole('button', { name: "Open GitLab's token page" }).click();
    await expect.poll(() => h.opened.at(-1)).toBe('https://gitlab.com/-/user_settings/personal_access_tokens');

    await dialog.getByLabel('Server URL').fill(SERVER);
    await dialog.getByLabel('Personal access token').fill(secrets[0]!);
    await axeBoth();
    await screenshot(page, 'gitlab-add-account');
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: DISPLAY_NAME }).waitFor();
    expect(await h.core.accounts.list()).toEqual([expect.objectContaining({ host: 'gitlab', userSlug: 'jane' })]);
  });

  it('lists personal tokens from GitLab, and adds one made on the prefilled page', async () => {
    const { page } = h;
    const own = page.getByRole('row', { name: new RegExp(MANAGEMENT) });
    await own.waitFor();
    expect(await own.textContent()).toContain('In keychain');
    // The token Latch signs in with says so, so nobody revokes it by mistake.
    expect(await own.textContent()).toContain('Latch signs in with it');

    const before = h.opened.length;
    await page.getByRole('button', { name: 'Create on GitLab…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an API token' });
    await dialog.waitFor();
    expect(h.opened.length).toBe(before + 1);
    expect(h.opened.at(-1)).toBe(`${SERVER}/-/user_settings/personal_access_tokens?name=git%20on%20this%20computer&scopes=read_repository,write_repository`);
    await dialog.getByLabel('Personal access token').fill(personal.secret);
    await axeBoth();
    await dialog.getByRole('button', { name: 'Verify and add' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: new RegExp(PERSONAL) });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('In keychain');
    await axeBoth();
    await screenshot(page, 'gitlab-tokens');
    await screenshot(page, 'gitlab-tokens-dark', 'dark');
  });

  it('creates a project token with a role and scopes, shown once', async () => {
    const { page } = h;
    await page.getByRole('radio', { name: 'Project' }).check();
    await page.getByLabel('Project path').fill('acme/app');
    await page.getByRole('button', { name: 'Show tokens' }).click();
    await page.getByRole('button', { name: 'Create token' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create an access token' });
    await dialog.getByLabel('Name').fill(DEPLOY);
    const repository = dialog.getByRole('radiogroup', { name: 'Repository' });
    await repository.getByLabel('Read and write').check();
    await dialog.getByLabel('Role').selectOption('developer');
    expect(await dialog.getByLabel('Never expires').count()).toBe(0);
    await axeBoth();
    await screenshot(page, 'gitlab-create-token');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    await revealed();
    await closeReveal();
    const row = page.getByRole('row', { name: new RegExp(DEPLOY) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Role: developer');
    const [made] = (await h.core.tokens.list((await h.core.accounts.list())[0]!.id, { kind: 'project', projectKey: 'acme/app' }));
    expect(made).toMatchObject({ name: DEPLOY, accessLevel: ACCESS.developer, scopes: ['write_repository'], stored: true });
  });

  it('rotates it: a confirmation, the new secret once, the old one dead, the kept copy replaced', async () => {
    const { page } = h;
    const accountId = (await h.core.accounts.list())[0]!.id;
    const [old] = await h.core.tokens.list(accountId, { kind: 'project', projectKey: 'acme/app' });
    await page.getByRole('button', { name: `Rotate ${DEPLOY}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Rotate “${DEPLOY}”?` });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Latch replaces its copy in your keychain');
    await axeBoth();
    await screenshot(page, 'gitlab-rotate');
    await confirm.getByRole('button', { name: 'Rotate token' }).click();
    const secret = await revealed();
    await closeReveal();
    expect(sim.tokenState(Number(old!.id))).toBe('revoked');
    const [now] = await h.core.tokens.list(accountId, { kind: 'project', projectKey: 'acme/app' });
    expect(now!.id).not.toBe(old!.id);
    expect(await h.core.tokens.secret(accountId, now!.id)).toBe(secret);
  });

  it('revokes it after a confirmation, and shows a group\'s tokens by its path', async () => {
    const { page } = h;
    await page.getByRole('button', { name: `Revoke ${DEPLOY}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Revoke “${DEPLOY}”?` });
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.locator('tbody .token-name', { hasText: DEPLOY }).waitFor({ state: 'detached' });

    await page.getByRole('radio', { name: 'Group' }).check();
    await page.getByLabel('Group path').fill('acme//x');
    await page.getByRole('button', { name: 'Show tokens' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('full path');
    await page.getByLabel('Group path').fill('acme');
    await page.getByRole('button', { name: 'Show tokens' }).click();
    await page.getByRole('heading', { name: 'No tokens of group acme yet' }).waitFor();
    await axeBoth();
  });

  it('revokes a leaked glpat- Latch never held: the token revokes itself', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'A secret leaked…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Respond to a leaked secret' });
    await dialog.getByLabel('Leaked secret').fill(leaked.secret);
    await axeBoth();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.locator('.button--danger').click();
    await expect.poll(() => sim.tokenState(leaked.id), { timeout: 40_000 }).toBe('revoked');
    await dialog.getByRole('button', { name: 'Done' }).waitFor({ timeout: 40_000 });
    expect(await dialog.textContent()).toContain('revoked itself');
    await axeBoth();
    await screenshot(page, 'gitlab-leak');
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
