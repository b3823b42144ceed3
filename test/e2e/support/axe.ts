// axe-core on the page as it is, in both colour schemes. Only serious and critical findings fail.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export interface AxeFinding {
  scheme: 'light' | 'dark';
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

export async function seriousViolations(page: Page, schemes: Array<'light' | 'dark'> = ['light', 'dark']): Promise<AxeFinding[]> {
  const findings: AxeFinding[] = [];
  // Judge the screen at rest, not whatever the last click left hovered.
  await page.mouse.move(0, 0);
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    for (const violation of results.violations) {
      if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
      findings.push({
        scheme,
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return findings;
}
