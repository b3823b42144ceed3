// A leak report as plain text for a terminal: the verdict first, then each step in order.
import type { LeakReport } from '../../../shared/leaks';

export function formatLeakReport(report: LeakReport): string {
  const lines = [report.summary, ''];
  lines.push(`1. Recognised: ${capitalise(report.recognized.description)}.`);
  lines.push(`2. Found: ${report.found.sentence}`);
  lines.push(`3. At the host: ${report.host.sentence}`);
  if (report.host.manageUrl && !report.host.sentence.includes(report.host.manageUrl)) lines.push(`   Where: ${report.host.manageUrl}`);
  lines.push(`4. On this computer: ${report.local.sentence}`);
  return `${lines.join('\n')}\n`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
