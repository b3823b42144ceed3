// Screenshots for the README, written only when LATCH_SCREENSHOTS=1 so an ordinary test run leaves
// the tree untouched.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './build';

export const SCREENSHOTS_ON = process.env.LATCH_SCREENSHOTS === '1';

export async function screenshot(page: Page, name: string, scheme: 'light' | 'dark' = 'light'): Promise<void> {
  if (!SCREENSHOTS_ON) return;
  const dir = join(ROOT, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.emulateMedia({ colorScheme: scheme });
  // Let the caret and hover states settle; animations are off (reducedMotion).
  await page.mouse.move(0, 0);
  // Even a simulator's secret stays out of pictures: the reveal's value is masked.
  await page.screenshot({
    path: join(dir, `${name}.png`),
    animations: 'disabled',
    caret: 'hide',
    mask: [page.locator('.secret__value')],
    maskColor: '#8a94a6',
  });
  await page.emulateMedia({ colorScheme: 'light' });
}
