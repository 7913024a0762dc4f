import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { dossierRows, logIn, NORD_DOSSIER, settled, waitForDemoDossiers } from './support';

// The agent's workspace: the queue's tabs, search and export, then one dossier examined document
// by document, with notes on the dossier and on a document, and the keyboard shortcuts.

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });

/** A tab's counter, as shown beside its name. */
async function counter(page: Page, name: string): Promise<number> {
  const text = await tab(page, name).innerText();
  return Number(/(\d+)\s*$/.exec(text)?.[1] ?? Number.NaN);
}

/** The name as an agent types it in a hurry: no accents, lower case (or an accent too many). */
function typedWithoutCare(name: string): string {
  const stripped = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (stripped !== name) return stripped.toLowerCase();
  return name.toLowerCase().replace('e', 'é');
}

test('l’agent trouve un dossier, l’examine pièce par pièce et l’annote', async ({ page }) => {
  test.setTimeout(150_000);
  await logIn(page);
  await tab(page, 'Tous').click();
  await waitForDemoDossiers(page);

  // Counters: each tab says how many dossiers it holds; « Tous » is the sum of the open and done ones.
  await expect.poll(() => counter(page, 'Tous')).toBeGreaterThanOrEqual(3);
  const all = await counter(page, 'Tous');
  await expect(dossierRows(page)).toHaveCount(Math.min(all, 25));
  const todo = await counter(page, 'À traiter');
  const mine = await counter(page, 'Mes dossiers');
  const done = await counter(page, 'Traités');
  expect(todo + done).toBeLessThanOrEqual(all);
  await tab(page, 'À traiter').click();
  await expect(dossierRows(page)).toHaveCount(Math.min(todo, 25));
  await tab(page, 'Mes dossiers').click();
  await expect(dossierRows(page)).toHaveCount(Math.min(mine, 25));
  await tab(page, 'Tous').click();
  await expect(dossierRows(page)).toHaveCount(Math.min(all, 25));
  await page.getByRole('heading', { name: 'File des dossiers' }).click();
  await page.mouse.move(0, 0);
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/queue-tabs.png', fullPage: true });

  // Export: every row of the view, with French headers, as French Excel reads it.
  await page.getByRole('button', { name: 'Exporter' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: /CSV/ }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^file-tous-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await file.path(), 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const lines = csv.slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    '"N° de la demande";"N° étranger";"Nom et prénoms";"Nationalité";"Déposée le";"État";"Agent";"Prochaine échéance";"Nature de l’échéance";"Jours restants";"Rejet implicite le"',
  );
  expect(lines).toHaveLength(all + 1);

  // The same view as an Excel workbook: a sheet named after the tab, dates typed as dates.
  await page.getByRole('button', { name: 'Exporter' }).click();
  const downloadingXlsx = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: /Excel/ }).click();
  const xlsx = await downloadingXlsx;
  expect(xlsx.suggestedFilename()).toMatch(/^file-tous-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsx.path());
  const sheet = workbook.worksheets[0]!;
  expect(sheet.name).toBe('Tous');
  expect(sheet.rowCount).toBe(all + 1);
  expect(sheet.getRow(1).getCell(1).value).toBe('N° de la demande');
  expect(sheet.getRow(2).getCell(5).value).toBeInstanceOf(Date);

  // Saved filters: the view under a name, applied again from the menu, then deleted.
  await tab(page, 'À traiter').click();
  await page.getByRole('button', { name: 'Filtres enregistrés' }).click();
  await page.getByRole('menuitem', { name: 'Enregistrer ce filtre' }).click();
  await page.getByRole('dialog').getByLabel('Nom du filtre').fill('Nouveaux dossiers');
  await page.getByRole('dialog').getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Filtre « Nouveaux dossiers » enregistré.')).toBeVisible();
  await tab(page, 'Tous').click();
  // Seen on « Tous » first, as the agent does, so that the filter is what brings « À traiter » back.
  await expect(tab(page, 'Tous')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('menuitem', { name: /Nouveaux dossiers/ })).toBeHidden();
  await page.getByRole('button', { name: 'Filtres enregistrés' }).click();
  await page.getByRole('menuitem', { name: /Nouveaux dossiers/ }).click();
  await expect(tab(page, 'À traiter')).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Filtres enregistrés' }).click();
  await page.getByRole('button', { name: 'Supprimer le filtre « Nouveaux dossiers »' }).click();
  await expect(page.getByText('Filtre « Nouveaux dossiers » supprimé.')).toBeVisible();
  await page.keyboard.press('Escape');
  await tab(page, 'Tous').click();

  // Search: the name typed without its accents (or with one too many) still finds the dossier.
  // Number and name read at once from the row's label: rows may move while a sync lands.
  const label = (await dossierRows(page).first().getAttribute('aria-label')) ?? '';
  const [, number = '', name = ''] = /n° (\d{19}) de (.+)$/.exec(label) ?? [];
  const typed = typedWithoutCare(name);
  await page.getByRole('textbox', { name: 'Rechercher' }).fill(typed);
  await expect(dossierRows(page)).toHaveCount(1);
  await expect(dossierRows(page)).toContainText(number);
  await expect.poll(() => counter(page, 'Tous')).toBe(1);

  // The dossier opens on its documents.
  await dossierRows(page).filter({ hasText: number }).getByRole('cell').nth(1).click();
  await expect(page).toHaveURL(new RegExp(`#/dossier/${number}$`));
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('application-number')).toHaveText(number);
  const documents = page.getByRole('article');
  await expect(documents.first()).toBeVisible();
  expect(await documents.count()).toBeGreaterThanOrEqual(2);

  await page.getByRole('tab', { name: 'Demande' }).click();
  for (const section of [
    'État civil',
    'Adresse',
    'Contact',
    'Motif',
    'Liens personnels et familiaux',
    'Attestations sur l’honneur',
    'Observations à destination de l’administration',
  ])
    await expect(page.getByRole('heading', { name: section, exact: true })).toBeVisible();
  await expect(page.getByText('Nom de naissance')).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'e2e/screenshots/dossier.png' });

  // One document « À compléter » with a template observation, another « Conforme ».
  await page.getByRole('tab', { name: /^Pièces justificatives/ }).click();
  const first = documents.nth(0);
  const second = documents.nth(1);
  await first.getByRole('button', { name: /^À compléter/ }).click();
  // The field's own inner box takes the pointer: the click lands on the same select.
  await first.getByRole('combobox', { name: 'Modèle d’observation' }).click({ force: true });
  const template = page.getByRole('option').first();
  const observation = (await template.innerText()).trim();
  await template.click();
  await expect(first.getByLabel('Observation (lue par le demandeur)')).toHaveValue(observation);
  await first.getByRole('button', { name: 'Enregistrer « À compléter »' }).click();
  await expect(first.getByTestId('verdict')).toHaveText('À compléter');
  await expect(first).toContainText(observation);

  await second.getByRole('button', { name: /^Conforme/ }).click();
  await expect(second.getByTestId('verdict')).toHaveText('Conforme');
  await first.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.mouse.move(0, 0);
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/dossier-verdict.png' });

  // A file this workstation could not get is asked for again after the next sync, unasked; a file
  // on show stays as it is when the dossier is read again (after each verdict, note or zone).
  let refused = true;
  await page.route('**/local-files/**', (route) =>
    refused
      ? route.fulfill({
          status: 503,
          contentType: 'text/plain; charset=utf-8',
          body: 'Cette pièce n’est pas encore sur ce poste et le portail ne répond pas.',
        })
      : route.fallback(),
  );
  const viewer = page.getByRole('region', { name: /^Visionneuse/ }).first();
  await second
    .getByRole('button', { name: /^Afficher / })
    .first()
    .click();
  await expect(viewer.getByRole('alert')).toContainText(
    'Ce fichier n’est pas disponible sur ce poste pour le moment.',
    { timeout: 30_000 },
  );
  refused = false;
  await page.getByRole('banner').getByRole('button', { name: 'Synchroniser' }).click();
  await expect(viewer.locator('.viewer-page__drawing canvas')).toBeVisible({ timeout: 30_000 });
  await expect(viewer.getByRole('alert')).toHaveCount(0);
  await page.unroute('**/local-files/**');
  const firstFile = first.getByRole('button', { name: /^Afficher / }).first();
  await firstFile.click();
  await expect(firstFile).toHaveAttribute('aria-pressed', 'true');

  // A zone drawn on the shown file asks for its comment, then is listed under its document.
  await page.getByRole('button', { name: 'Annoter une zone' }).click();
  const surface = page.locator('.viewer-page__surface').first();
  await expect(surface).toBeVisible();
  const box = (await surface.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3, { steps: 5 });
  await page.mouse.up();
  const zoneDialog = page.getByRole('dialog');
  await zoneDialog.getByLabel('Commentaire (facultatif)').fill('Tampon illisible');
  await zoneDialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(first.getByRole('button', { name: /Page 1 — Tampon illisible/ })).toBeVisible();

  // Comparing shows a second file beside the first.
  await page.getByRole('button', { name: 'Comparer' }).click();
  await expect(page.getByRole('combobox', { name: 'À droite' })).toBeVisible();
  await page.getByRole('button', { name: 'Comparer' }).click();

  // A note on the dossier, still there when the dossier is opened again.
  await page.getByRole('tab', { name: /^Notes/ }).click();
  await page
    .getByLabel('Nouvelle note sur le dossier')
    .fill('Récépissé de plainte à vérifier auprès du parquet.');
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByText('Récépissé de plainte à vérifier auprès du parquet.')).toBeVisible();
  await expect(page.getByRole('tab', { name: /^Notes/ })).toContainText('(1)');
  await page.getByRole('link', { name: 'File des dossiers' }).first().click();
  await expect(page.getByRole('textbox', { name: 'Rechercher' })).toHaveValue(typed);
  await dossierRows(page).filter({ hasText: number }).getByRole('cell').nth(1).click();
  await page.getByRole('tab', { name: /^Notes/ }).click();
  await expect(page.getByText('Récépissé de plainte à vérifier auprès du parquet.')).toBeVisible();

  // A note on one document: listed under it, and among the dossier's notes with its name.
  await page.getByRole('tab', { name: /^Pièces justificatives/ }).click();
  const noted = documents.nth(1);
  const notedLabel = (await noted.getByRole('heading', { level: 3 }).innerText()).trim();
  const documentNote = 'Tampon de la préfecture à comparer avec la version précédente.';
  await noted.getByText('Notes sur cette pièce', { exact: true }).click();
  await noted.getByLabel('Nouvelle note sur cette pièce').fill(documentNote);
  await noted.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByText('Note ajoutée.')).toBeVisible();
  await expect(noted.getByRole('list', { name: 'Notes', exact: true })).toContainText(documentNote);
  await expect(noted.getByText('Notes sur cette pièce (1)')).toBeVisible();
  await expect(noted.getByLabel('Nouvelle note sur cette pièce')).toHaveValue('');
  await expect(documents.nth(0)).not.toContainText(documentNote);
  await page.getByRole('tab', { name: /^Notes/ }).click();
  await expect(page.getByRole('tab', { name: /^Notes/ })).toContainText('(2)');
  // Only the dossier's list names the document (the panels cross-fade: both lists are drawn).
  await expect(
    page
      .getByRole('list', { name: 'Notes', exact: true })
      .getByRole('listitem')
      .filter({ hasText: documentNote })
      .filter({ hasText: notedLabel }),
  ).toBeVisible();

  // The shortcuts: « ? » lists them, Échap closes; « n » moves to the next document.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog');
  await expect(help).toContainText('Raccourcis clavier');
  await expect(help).toContainText('Marquer la pièce « Conforme »');
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/shortcuts.png' });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.getByRole('tab', { name: /^Pièces justificatives/ }).click();
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('n');
  await page.keyboard.press('n');
  const third = documents.nth(2);
  const thirdLabel = await third.getByRole('heading', { level: 3 }).innerText();
  // « c » then at once « a », as an agent who changes their mind: the observation opened by « a »,
  // its field ready for typing, outlives the save of « Conforme » that returns after it.
  await page.keyboard.press('c');
  await page.keyboard.press('a');
  await expect(page.getByText(`« ${thirdLabel} » : conforme.`)).toBeVisible();
  const observationField = third.getByLabel('Observation (lue par le demandeur)');
  await expect(observationField).toBeFocused();
  await page.keyboard.type('Le document est rogné : merci de le numériser en entier.');
  await third.getByRole('button', { name: 'Enregistrer « À compléter »' }).click();
  await expect(third.getByTestId('verdict')).toHaveText('À compléter');
  await expect(third).toContainText('Le document est rogné : merci de le numériser en entier.');
  await expect(observationField).toBeHidden();
  await page.getByRole('tab', { name: 'Historique' }).click();
  await expect(page.getByText('Dépôt de la demande').first()).toBeVisible();

  // « ] » follows the queue's order, as it was when the dossier was opened from it.
  await page.getByRole('link', { name: 'File des dossiers' }).first().click();
  await page.getByRole('textbox', { name: 'Rechercher' }).clear();
  await expect(dossierRows(page)).toHaveCount(Math.min(all, 25));
  const [firstNumber, secondNumber] = (await dossierRows(page).allInnerTexts()).map(
    (text) => NORD_DOSSIER.exec(text)?.[0] ?? '',
  );
  await dossierRows(page).first().getByRole('cell').nth(1).click();
  await expect(page).toHaveURL(new RegExp(`#/dossier/${firstNumber}$`));
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press(']');
  await expect(page).toHaveURL(new RegExp(`#/dossier/${secondNumber}$`));
  await expect(page.getByTestId('application-number')).toHaveText(secondNumber ?? '');
});
