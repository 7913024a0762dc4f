import { expect, test } from '@playwright/test';
import { seriousViolations } from './axe';
import { logIn, NORD_DOSSIER, waitForDemoDossiers, dossierRows } from './support';

// The queue and the dossier view checked by axe-core against WCAG 2.1 A and AA: no serious or
// critical violation. Each one found is printed with the elements concerned.

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
