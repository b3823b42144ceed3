// The scenario's steps as a person does them, for any page showing Latch (Chromium or Electron).
import type { Locator, Page } from 'playwright-core';

export async function addAccount(page: Page, account: { baseUrl: string; username: string; password: string; displayName: string }) {
  await page.getByRole('button', { name: 'Add account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add an account' });
  await dialog.getByLabel('Server URL').fill(account.baseUrl);
  await dialog.getByLabel('Username').fill(account.username);
  await dialog.getByLabel('Password', { exact: true }).fill(account.password);
  await dialog.getByRole('button', { name: 'Verify and add' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('heading', { level: 1, name: account.displayName }).waitFor();
}

/** Creates a personal token (project read, repository write, stored in the keychain); answers the revealed secret. */
export async function createToken(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Create token' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create an access token' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByRole('group', { name: 'Repository permission' }).getByLabel('Write').check();
  await dialog.getByRole('button', { name: 'Create token' }).click();
  const reveal = page.getByRole('dialog', { name: 'Copy your new token now' });
  await reveal.waitFor();
  return (await reveal.getByLabel('Token secret').textContent()) ?? '';
}

export async function copySecret(page: Page): Promise<string> {
  const reveal = page.getByRole('dialog', { name: 'Copy your new token now' });
  await reveal.getByRole('button', { name: 'Copy', exact: true }).click();
  const status = reveal.getByRole('status');
  await status.filter({ hasText: 'Copied' }).waitFor();
  return (await status.textContent()) ?? '';
}

export async function closeReveal(page: Page, tokenName: string) {
  await page.getByRole('button', { name: 'I have copied it' }).click();
  await page.getByRole('dialog', { name: 'Copy your new token now' }).waitFor({ state: 'detached' });
  await page.locator('tbody .token-name', { hasText: tokenName }).waitFor();
}

export async function revokeToken(page: Page, tokenName: string) {
  await page.getByRole('button', { name: `Revoke ${tokenName}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Revoke “${tokenName}”?` });
  await confirm.getByRole('button', { name: 'Revoke token' }).click();
  await confirm.waitFor({ state: 'detached' });
  await page.locator('tbody .token-name', { hasText: tokenName }).waitFor({ state: 'detached' });
}

/** The page's markup and every form value. */
export async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea, select')].map((element) => (element as HTMLInputElement).value);
    return [document.documentElement.outerHTML, document.title, ...values].join('\n');
  });
}

/** Fills the pasted-token fields of the open dialog (Add account for Bitbucket Cloud, or Add API token). */
export async function fillBrowserToken(dialog: Locator, token: { secret: string; name: string; expiresOn: string }) {
  await dialog.getByLabel('API token', { exact: true }).fill(token.secret);
  await dialog.getByLabel('Token name').fill(token.name);
  await dialog.getByLabel('Expires on').fill(token.expiresOn);
}
