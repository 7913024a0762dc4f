import { expect, test } from '@playwright/test';
import { findDemoDossier, logIn, settled, type DemoDossier } from './support';

// An agent's day on one dossier, end to end on the demo data: found by a name typed without its
// accents, a PDF, a TIFF and an image read in the embedded viewer, a page annotated, one document
// « À compléter » and all the others « Conforme » — with a screenshot of each screen.

const IMAGE = /^image\/(jpeg|png|bmp)$/;
const KINDS = [
  { test: (mime: string) => mime === 'application/pdf', label: 'Document PDF', shot: 'pdf' },
  { test: (mime: string) => mime === 'image/tiff', label: 'Image TIFF', shot: 'tiff' },
  { test: (mime: string) => IMAGE.test(mime), label: /Image (JPEG|PNG|BMP)/, shot: 'image' },
] as const;

/** The demo dossier of the Nord holding a PDF, a TIFF and an image. */
const holdsEveryKind = (dossier: DemoDossier) => {
  const mimes = dossier.documents.flatMap((d) =>
    d.versions.flatMap((v) => v.files.map((f) => f.mime)),
  );
  return KINDS.every((kind) => mimes.some(kind.test));
};

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
  for (const kind of KINDS) {
    const document = chosen.documents.find((d) =>
      d.versions.some((v) => v.files.some((f) => kind.test(f.mime))),
    )!;
    const version = document.versions.find((v) => v.files.some((f) => kind.test(f.mime)))!;
    const file = version.files.find((f) => kind.test(f.mime))!;
    await page
      .getByRole('button', { name: `Afficher ${file.name} (version ${version.version})` })
      .click();
    await expect(viewer.getByText(kind.label)).toBeVisible({ timeout: 30_000 });
    await expect(viewer.getByText(file.sha256)).toBeVisible();
    const painted = viewer.locator('.viewer-page__drawing canvas, .viewer-page__drawing img');
    await expect(painted.first()).toBeVisible({ timeout: 30_000 });
    const counter = viewer.getByText(/^Page 1 sur \d+$/);
    await expect(counter).toBeVisible();
    const pages = Number(/sur (\d+)/.exec((await counter.textContent()) ?? '')?.[1]);
    if (pages > 1) {
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

  // A zone drawn on the page shown, with its comment, listed under its document.
  await page.getByRole('button', { name: 'Annoter une zone' }).click();
  const surface = page.locator('.viewer-page__surface').first();
  const box = (await surface.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.32, { steps: 6 });
  await page.mouse.up();
  const zone = page.getByRole('dialog');
  await zone.getByLabel('Commentaire (facultatif)').fill('Date de délivrance illisible');
  await zone.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(
    page.getByRole('button', { name: /Date de délivrance illisible/ }).first(),
  ).toBeVisible();

  // The first document « À compléter » with an observation, every other one « Conforme ».
  const documents = page.getByRole('article');
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
