import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { formatFrenchDate } from '../shared/dates/format';
import { parisDateOf } from '../shared/dates/paris-time';
import { STATUS_LABELS } from '../shared/workflow/statuses';
import {
  applicantOf,
  expectPdfText,
  scannedPassportPdf,
  type ApplicantClient,
  type ApplicantNotification,
} from './applicant';
import { favorableText, holderOf } from './attestation-texts';
import { seriousViolations } from './axe';
import { logIn, settled, untouchedPassportDossier } from './support';

// The supplement request, end to end on a demo dossier: the passport judged « À compléter » with
// an observation from the templates, the request prefilled from it in the « Complément » tab,
// its notification previewed as the applicant will read it, sent; the applicant (for real, on
// the portal) opens it and sends a new scan of their passport; the agent sees it read and
// answered, compares the two versions side by side, judges the new one « Conforme », resumes the
// review and takes the favourable decision, whose attestation the applicant downloads.

const PASSPORT = 'Justificatif de nationalité';
const OBSERVATION = 'Veuillez fournir une copie lisible de votre passeport.';
const MESSAGE = 'Voici une copie lisible de mon nouveau passeport.';
const NEW_SCAN = 'nouveau-passeport.pdf';

/** The applicant's one notification of this kind on this dossier, once the portal has it. */
async function notificationOf(
  applicant: ApplicantClient,
  applicationNumber: string,
  kind: ApplicantNotification['kind'],
): Promise<ApplicantNotification> {
  let found: ApplicantNotification[] = [];
  await expect
    .poll(
      async () => {
        found = (await applicant.notifications()).filter(
          (n) => n.applicationNumber === applicationNumber && n.kind === kind,
        );
        return found.length;
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe(1);
  return found[0]!;
}

const tab = (page: Page, name: string | RegExp) => page.getByRole('tab', { name });
const syncNow = (page: Page) =>
  page.getByRole('banner').getByRole('button', { name: 'Synchroniser' });

/** The snackbar « Action enregistrée » gone, so that it hides nothing on a screenshot. */
const recordedNotice = (page: Page) => page.getByText('Action enregistrée, en attente d’envoi');

test('l’agent demande un complément, le demandeur envoie un nouveau passeport, l’agent décide', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const dossier = await untouchedPassportDossier(request);
  const { applicationNumber } = dossier;
  const passportV1 = dossier.documents.find((d) => d.key === 'nationality')!.versions[0]!.files;

  await logIn(page);
  await page.goto(`/#/dossier/${applicationNumber}`);
  await expect(page.getByTestId('application-number')).toHaveText(applicationNumber);
  const status = page.getByTestId('dossier-status');
  await expect(status).toHaveText(STATUS_LABELS.submitted);

  // The passport « À compléter » with an observation from the templates, the others « Conforme ».
  await tab(page, /^Pièces justificatives/).click();
  const documents = page.getByRole('article');
  const passport = page.getByRole('article', { name: PASSPORT });
  await passport.getByRole('button', { name: `À compléter : ${PASSPORT}` }).click();
  // The field's own inner box takes the pointer: the click lands on the same select.
  await passport.getByRole('combobox', { name: 'Modèle d’observation' }).click({ force: true });
  await page.getByRole('option', { name: OBSERVATION, exact: true }).click();
  await expect(passport.getByLabel('Observation (lue par le demandeur)')).toHaveValue(OBSERVATION);
  await passport.getByRole('button', { name: 'Enregistrer « À compléter »' }).click();
  await expect(passport.getByTestId('verdict')).toHaveText('À compléter');
  await expect(passport).toContainText(OBSERVATION);
  const count = await documents.count();
  expect(count).toBe(dossier.documents.length);
  for (let index = 0; index < count; index++) {
    const document = documents.nth(index);
    if ((await document.getAttribute('data-document')) === 'nationality') continue;
    await document.getByRole('button', { name: /^Conforme/ }).click();
    await expect(document.getByTestId('verdict')).toHaveText('Conforme');
  }

  // The review starts: a supplement is asked for under review.
  await tab(page, 'Décision').click();
  await page.getByRole('button', { name: 'Commencer l’instruction' }).click();
  await expect(recordedNotice(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Commencer l’instruction' })).toBeHidden();

  // The request, prefilled from the verdict: the passport alone, with its observation.
  await tab(page, 'Complément').click();
  const composer = page.getByRole('region', { name: 'Nouvelle demande de complément' });
  await expect(composer).toBeVisible();
  const asked = composer.getByRole('group');
  await expect(asked).toHaveCount(1);
  await expect(asked).toHaveAccessibleName(PASSPORT);
  await expect(asked.getByLabel(`Observations sur « ${PASSPORT} »`)).toHaveValue(OBSERVATION);
  const send = page.getByRole('button', { name: 'Envoyer la demande de complément' });
  await expect(send).toBeDisabled();
  await expect(page.getByText('Prévisualisez la notification avant de l’envoyer.')).toBeVisible();

  // The notification exactly as the applicant will read it.
  await page.getByRole('button', { name: 'Prévisualiser la notification' }).click();
  const preview = page.getByRole('region', {
    name: 'Aperçu : la notification telle que le demandeur la lira',
  });
  await expect(preview.getByRole('heading', { name: 'Demande de complément' })).toBeVisible();
  await expect(preview).toContainText(`${PASSPORT} :`);
  for (const file of passportV1) await expect(preview).toContainText(file.name);
  await expect(preview).toContainText(`Observations : ${OBSERVATION}`);
  await expect(preview).toContainText('dans un délai de 30 jours après avoir pris connaissance');
  await expect(send).toBeEnabled();
  await preview.scrollIntoViewIfNeeded();
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/supplement-composer.png' });
  expect(await seriousViolations(page), 'demande prévisualisée').toEqual([]);
  const previewed = (await preview.innerText()).replace(/\s+/g, ' ');

  await send.click();
  const confirm = page.getByRole('dialog', { name: 'Envoyer la demande de complément ?' });
  await expect(confirm).toContainText(
    'La notification « Demande de complément » sera envoyée au demandeur à la prochaine synchronisation.',
  );
  await confirm.getByRole('button', { name: 'Envoyer la demande de complément' }).click();
  await expect(confirm).toBeHidden();
  // Queued in the outbox; the workstation sends it at once when online, at the latest at the sync.
  await expect(recordedNotice(page)).toBeVisible();

  // Sent at the sync: unread today, and it may still be amended or withdrawn.
  await syncNow(page).click();
  const reading = page.getByTestId('supplement-reading');
  await expect(reading).toHaveText("non lue, envoyée aujourd'hui", { timeout: 30_000 });
  await expect(status).toHaveText(STATUS_LABELS.supplement_requested);
  await expect(page.getByRole('heading', { name: 'Demande en cours' })).toBeVisible();
  await expect(
    page.getByText(/^Envoyée le \d{2}\/\d{2}\/\d{4} par Camille Lefebvre/),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Modifier la demande' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retirer la demande' })).toBeVisible();
  await expect(page.getByText('Demande de complément en attente d’envoi')).toBeHidden();
  await expect(recordedNotice(page)).toBeHidden();
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/supplement-sent.png' });
  expect(await seriousViolations(page), 'demande envoyée').toEqual([]);

  // The applicant reads the request on the portal: what the agent previewed, word for word.
  const applicant = await applicantOf(request, applicationNumber);
  const notification = await notificationOf(applicant, applicationNumber, 'supplement_request');
  expect(notification.title).toBe('Demande de complément');
  expect(notification.readAt).toBeNull();
  const opened = await applicant.open(notification.id);
  expect(opened.readAt).not.toBeNull();
  expect(opened.paragraphs.some((p) => p.text.includes(OBSERVATION))).toBe(true);
  for (const paragraph of opened.paragraphs)
    expect(previewed).toContain(paragraph.text.replace(/\s+/g, ' ').trim());
  expect(opened.supplementRequest).toMatchObject({
    items: [{ documentKey: 'nationality', documentLabel: PASSPORT, observation: OBSERVATION }],
    answered: false,
  });

  // A new scan of their passport, sent as the answer.
  const scan = await applicant.upload(await scannedPassportPdf(applicant.plan), NEW_SCAN);
  expect(scan.mime).toBe('application/pdf');
  const answer = await applicant.answer(notification.id, [
    { documentKey: 'nationality', action: 'update', files: [scan.sha256], message: MESSAGE },
  ]);
  expect(answer.documents).toEqual([{ documentKey: 'nationality', version: 2 }]);

  // The agent syncs: read and answered, the passport in a version 2 to judge again.
  const readOn = formatFrenchDate(parisDateOf(new Date(opened.readAt!)));
  const answeredOn = formatFrenchDate(parisDateOf(new Date(answer.answeredAt)));
  await syncNow(page).click();
  await expect(reading).toHaveText(`lue le ${readOn} — réponse reçue le ${answeredOn}`, {
    timeout: 30_000,
  });
  await expect(status).toHaveText(STATUS_LABELS.supplement_answered);
  await expect(page.getByText('Mis à jour par le demandeur : version 2')).toBeVisible();
  await expect(page.getByText(`Message au service : « ${MESSAGE} »`)).toBeVisible();
  await expect(page.getByText(/^Le demandeur a répondu : jugez à nouveau/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Modifier la demande' })).toHaveCount(0);
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/supplement-answered.png' });
  expect(await seriousViolations(page), 'réponse reçue').toEqual([]);

  // The new version beside the one it replaces, each in its own viewer.
  await page.getByRole('button', { name: 'Comparer avec la version 1' }).click();
  const newer = page.getByRole('region', { name: `Visionneuse : ${NEW_SCAN}` });
  const older = page.getByRole('region', { name: `Visionneuse : ${passportV1[0]!.name}` });
  await expect(page.getByRole('region', { name: /^Visionneuse :/ })).toHaveCount(2);
  for (const viewer of [newer, older])
    await expect(viewer.locator('.viewer-page__drawing canvas').first()).toBeVisible({
      timeout: 30_000,
    });
  await expect(newer.getByText('Document PDF')).toBeVisible();
  const left = await newer.boundingBox();
  const right = await older.boundingBox();
  expect(left!.x + left!.width).toBeLessThanOrEqual(right!.x + 1);
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/supplement-compare.png' });

  // The new version judged « Conforme »: nothing blocks once the review resumes.
  await tab(page, /^Pièces justificatives/).click();
  await expect(passport).toContainText(/Version 2 — réponse au complément du \d{2}\/\d{2}\/\d{4}/);
  await expect(passport).toContainText(MESSAGE);
  await passport.getByRole('button', { name: `Conforme : ${PASSPORT}` }).click();
  await expect(passport.getByTestId('verdict')).toHaveText('Conforme');

  // The review resumes after the answer, and nothing blocks any more.
  await tab(page, 'Décision').click();
  await page.getByRole('button', { name: 'Commencer l’instruction' }).click();
  await expect(page.getByText('Aucun obstacle')).toBeVisible();
  const favorable = page.getByRole('region', { name: 'Décision favorable', exact: true });
  await favorable.getByRole('button', { name: 'Prévisualiser l’attestation' }).click();
  const attestation = page.getByRole('region', { name: /^Visionneuse/ }).first();
  await expect(attestation.getByText(/ATTESTATION DE DÉCISION FAVORABLE/).first()).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    page.getByRole('heading', { name: 'Aperçu : Attestation de décision favorable' }),
  ).toBeVisible();
  await favorable.scrollIntoViewIfNeeded();
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/supplement-decision-preview.png' });
  await favorable.getByRole('button', { name: 'Prendre la décision favorable' }).click();
  const decision = page.getByRole('dialog');
  await decision.getByRole('button', { name: 'Prendre la décision favorable' }).click();
  await expect(decision).toBeHidden();
  await expect(recordedNotice(page)).toBeVisible();
  await syncNow(page).click();
  await expect(status).toHaveText(STATUS_LABELS.favorable, { timeout: 30_000 });
  // The request is history now: the last one, read and answered.
  await tab(page, 'Complément').click();
  await expect(page.getByRole('heading', { name: 'Dernière demande' })).toBeVisible();
  await expect(reading).toHaveText(`lue le ${readOn} — réponse reçue le ${answeredOn}`);
  await tab(page, 'Décision').click();
  await expect(recordedNotice(page)).toBeHidden();
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/supplement-decision.png' });

  // The applicant reads the decision and downloads its attestation from the portal.
  const today = parisDateOf(new Date());
  const decided = await notificationOf(applicant, applicationNumber, 'favorable_decision');
  expect(decided.title).toBe('Notification de décision');
  const letter = await applicant.open(decided.id);
  expect(letter.body).toContain(`n° ${applicationNumber} a été acceptée.`);
  expect(letter.attachments).toHaveLength(1);
  const [file] = letter.attachments;
  expect(file!.name).toBe(`attestation-decision-favorable-${applicationNumber}.pdf`);
  const pdf = await applicant.download(file!.sha256);
  expect(createHash('sha256').update(pdf).digest('hex')).toBe(file!.sha256);
  await expectPdfText(
    pdf,
    favorableText(applicationNumber, await holderOf(request, applicationNumber), today),
  );
  const application = (await applicant.applications()).find(
    (a) => a.applicationNumber === applicationNumber,
  );
  expect(application).toMatchObject({ status: 'favorable', statusLabel: 'Décision favorable' });
});
