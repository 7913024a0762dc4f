import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { logIn, NORD_DOSSIER, settled, waitForDemoDossiers, dossierRows } from './support';

// The queue and the dossier view checked by axe-core against WCAG 2.1 A and AA: no serious or
// critical violation. Each one found is printed with the elements concerned.

/** The serious and critical violations on the page as it is now, described for the report. */
async function seriousViolations(page: Page): Promise<string[]> {
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

test('la file et le dossier n’ont aucune violation grave ou critique', async ({ page }) => {
  test.setTimeout(150_000);
  await logIn(page);
  await page.getByRole('tab', { name: /^Tous/ }).click();
  await waitForDemoDossiers(page);
  expect(await seriousViolations(page)).toEqual([]);

  await dossierRows(page).first().getByRole('cell').nth(1).click();
  await expect(page.getByTestId('application-number')).toHaveText(NORD_DOSSIER);
  await page.getByRole('tab', { name: /^Pièces justificatives/ }).click();
  await expect(page.getByRole('article').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  for (const tab of ['Demande', 'Notes', 'Historique', 'Complément', 'Décision']) {
    await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    // The supplement requests load with the tab: judged once it says what it offers.
    if (tab === 'Complément')
      await expect(page.getByText(/^Nouvelle demande (de complément|impossible)/)).toBeVisible();
    expect(await seriousViolations(page), tab).toEqual([]);
  }

  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toContainText('Raccourcis clavier');
  expect(await seriousViolations(page), 'raccourcis').toEqual([]);
});
