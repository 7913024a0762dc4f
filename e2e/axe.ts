import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { settled } from './support';

/** The serious and critical WCAG 2.1 A/AA violations on the page as it is now, described for the report. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Transitions finished: a colour caught mid-fade would be judged on a wrong contrast.
  await settled(page);
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes
          .slice(0, 5)
          .map((node) => `${node.target.join(' ')} (${node.failureSummary?.replace(/\s+/g, ' ')})`)
          .join(', ')}`,
    );
}
