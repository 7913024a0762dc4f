import { expect, test, type Page } from '@playwright/test';
import { findDemoDossier, holdsEveryKind, logIn, settled } from './support';

// An agent's day on one dossier, end to end on the demo data: found by a name typed without its
// accents, a PDF, a TIFF and an image read in the embedded viewer, two pages annotated and each
// zone found again from the list, one document « À compléter » and all the others « Conforme » —
// with a screenshot of each screen.

const IMAGE = /^image\/(jpeg|png|bmp)$/;
const KINDS = [
  { test: (mime: string) => mime === 'application/pdf', label: 'Document PDF', shot: 'pdf' },
  { test: (mime: string) => mime === 'image/tiff', label: 'Image TIFF', shot: 'tiff' },
  { test: (mime: string) => IMAGE.test(mime), label: /Image (JPEG|PNG|BMP)/, shot: 'image' },
] as const;

/** A zone drawn near the top of the page on show, with its comment, once it is saved. */
async function drawZone(page: Page, comment: string): Promise<void> {
  await page.getByRole('button', { name: 'Annoter une zone' }).click();
  const surface = page.locator('.viewer-page__surface').first();
  await expect(surface).toBeVisible();
  const box = (await surface.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.15, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + 120, { steps: 6 });
  await page.mouse.up();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Commentaire (facultatif)').fill(comment);
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
}

/** « SÁNCHEZ-EXEMPLE María » → « sanchez-exemple maria »: as an agent types it in a hurry. */
const withoutAccents = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

test('l’agent trouve un dossier sans les accents, lit ses pièces, annote et statue sur chacune', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const chosen = await findDemoDossier(request, holdsEveryKind);

  await logIn(page);
  await page.getByRole('tab', { name: /^Tous/ }).click();

  // Found by the name typed without accents, in lower case.
  await page
    .getByRole('textbox', { name: 'Rechercher' })
    .fill(withoutAccents(chosen.applicantName));
  const rows = page.getByRole('row').filter({ hasText: chosen.applicationNumber });
  await expect(rows).toHaveCount(1);
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/walk-search.png' });
  await rows.getByRole('cell').nth(1).click();
  await expect(page.getByTestId('application-number')).toHaveText(chosen.applicationNumber);
  await page.getByRole('tab', { name: /^Pièces justificatives/ }).click();

  // Each kind of file, read in the viewer: its kind told, its page painted, pages turned.
  const viewer = page.getByRole('region', { name: /^Visionneuse/ }).first();
  const showButton = (file: { name: string }, version: { version: number }) =>
    page.getByRole('button', { name: `Afficher ${file.name} (version ${version.version})` });
  let severalPages: { show: () => Promise<void>; label: string | RegExp; pages: number } | null =
    null;
  let lastShown: (() => Promise<void>) | null = null;
  for (const kind of KINDS) {
    const document = chosen.documents.find((d) =>
      d.versions.some((v) => v.files.some((f) => kind.test(f.mime))),
    )!;
    const version = document.versions.find((v) => v.files.some((f) => kind.test(f.mime)))!;
    const file = version.files.find((f) => kind.test(f.mime))!;
    const show = () => showButton(file, version).click();
    await show();
    lastShown = show;
    await expect(viewer.getByText(kind.label)).toBeVisible({ timeout: 30_000 });
    await expect(viewer.getByText(file.sha256)).toBeVisible();
    // Downloaded to be shown: its chip says so at once, not at the next reading of the dossier.
    // (The file's item is the last one holding its button: the version's item holds it too.)
    await expect(
      page
        .getByRole('listitem')
        .filter({ has: showButton(file, version) })
        .last(),
    ).toContainText('Sur ce poste');
    const painted = viewer.locator('.viewer-page__drawing canvas, .viewer-page__drawing img');
    await expect(painted.first()).toBeVisible({ timeout: 30_000 });
    const counter = viewer.getByText(/^Page 1 sur \d+$/);
    await expect(counter).toBeVisible();
    const pages = Number(/sur (\d+)/.exec((await counter.textContent()) ?? '')?.[1]);
    if (pages > 1) {
      severalPages ??= { show, label: kind.label, pages };
      // « j » and « k » turn the pages, as the « ? » overlay says.
      await page.getByRole('heading', { level: 1 }).click();
      await page.keyboard.press('j');
      await expect(viewer.getByText(`Page 2 sur ${pages}`)).toBeVisible();
      await page.keyboard.press('k');
      await expect(viewer.getByText(`Page 1 sur ${pages}`)).toBeVisible();
    }
    await settled(page);
    await page.screenshot({ path: `e2e/screenshots/walk-${kind.shot}.png` });
  }

  // Zones on two pages of a file of several pages, each with its comment, listed under its
  // document. The demo seed is deterministic: the dossier holds such a file.
  expect(severalPages, 'aucun fichier de plusieurs pages dans le dossier').toBeTruthy();
  const long = severalPages!;
  const documents = page.getByRole('article');
  const onPage = (n: number) => viewer.getByText(`Page ${n} sur ${long.pages}`);
  const listed = (n: number, comment: string) =>
    documents.getByRole('button', { name: `Page ${n} — ${comment}` });
  await long.show();
  await expect(onPage(1)).toBeVisible({ timeout: 30_000 });
  await drawZone(page, 'Date de délivrance illisible');
  await expect(listed(1, 'Date de délivrance illisible')).toBeVisible();
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('j');
  await expect(onPage(2)).toBeVisible();
  await drawZone(page, 'Signature absente');
  await expect(listed(2, 'Signature absente')).toBeVisible();

  // A zone of the list shows its page again: from another page of the file…
  await listed(1, 'Date de délivrance illisible').click();
  await expect(onPage(1)).toBeVisible();
  await expect(
    viewer.getByRole('button', { name: 'Zone surlignée : Date de délivrance illisible' }),
  ).toBeVisible();
  // …and from another file, which it opens on that page.
  await lastShown!();
  await expect(viewer.getByText(KINDS[2].label)).toBeVisible({ timeout: 30_000 });
  await listed(2, 'Signature absente').click();
  await expect(viewer.getByText(long.label)).toBeVisible({ timeout: 30_000 });
  await expect(onPage(2)).toBeVisible();
  await expect(
    viewer.getByRole('button', { name: 'Zone surlignée : Signature absente' }),
  ).toBeVisible();
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/walk-zones.png' });

  // The first document « À compléter » with an observation, every other one « Conforme ».
  const count = await documents.count();
  expect(count).toBeGreaterThanOrEqual(3);
  const first = documents.nth(0);
  await first.getByRole('button', { name: /^À compléter/ }).click();
  const observation = 'Veuillez fournir une copie lisible de votre passeport.';
  await first.getByLabel('Observation (lue par le demandeur)').fill(observation);
  await first.getByRole('button', { name: 'Enregistrer « À compléter »' }).click();
  await expect(first.getByTestId('verdict')).toHaveText('À compléter');
  for (let index = 1; index < count; index++) {
    const document = documents.nth(index);
    await document.getByRole('button', { name: /^Conforme/ }).click();
    await expect(document.getByTestId('verdict')).toHaveText('Conforme');
  }
  await expect(first).toContainText(observation);
  await first.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/walk-verdicts.png' });

  // All of it is still there when the dossier is opened again from the queue.
  await page.getByRole('link', { name: 'File des dossiers' }).first().click();
  await rows.getByRole('cell').nth(1).click();
  await expect(page.getByTestId('application-number')).toHaveText(chosen.applicationNumber);
  await page.getByRole('tab', { name: /^Pièces justificatives/ }).click();
  await expect(documents.nth(0).getByTestId('verdict')).toHaveText('À compléter');
  for (let index = 1; index < count; index++)
    await expect(documents.nth(index).getByTestId('verdict')).toHaveText('Conforme');
  await expect(
    page.getByRole('button', { name: /Date de délivrance illisible/ }).first(),
  ).toBeVisible();
});
