import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { prolongationValidity } from '../shared/dates/deadlines';
import { formatFrenchDate } from '../shared/dates/format';
import { parisDateOf } from '../shared/dates/paris-time';
import {
  applicantOf,
  expectPdfText,
  type ApplicantClient,
  type ApplicantNotification,
} from './applicant';
import { favorableText, holderOf, prolongationText } from './attestation-texts';
import { findDemoDossier, fullyFiled, logIn, settled } from './support';

// Prolongations and decisions from the dossier page, on the demo data: the checks before a
// decision, a prolongation attestation previewed in the embedded viewer then issued, every
// document judged « Conforme », the favourable decision's section; then the attestations to renew,
// renewed in batch with a progress bar — with a screenshot of each screen. The applicant's side is
// real: the applicant who filed the dossier logs in to the portal, opens each notification and
// downloads its attestation, whose text is read back from the PDF.

/** The applicant's notifications of one kind on this dossier, once the portal has them. */
async function notificationsOf(
  applicant: ApplicantClient,
  applicationNumber: string,
  kind: ApplicantNotification['kind'],
): Promise<ApplicantNotification[]> {
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
    .toBeGreaterThan(0);
  return found;
}

/**
 * Opens the notification as the applicant does (it is read from then on) and downloads its one
 * attachment, the attestation: the bytes the portal stored, whole.
 */
async function openAttestation(
  applicant: ApplicantClient,
  notification: ApplicantNotification,
  name: RegExp,
): Promise<{ body: string; pdf: Buffer }> {
  expect(notification.readAt).toBeNull();
  const opened = await applicant.open(notification.id);
  expect(opened.readAt).not.toBeNull();
  const listed = (await applicant.notifications()).find((n) => n.id === notification.id);
  expect(listed?.readAt).toBe(opened.readAt);
  expect(opened.attachments).toHaveLength(1);
  const [attachment] = opened.attachments;
  expect(attachment).toMatchObject({ name: expect.stringMatching(name), mime: 'application/pdf' });
  const pdf = await applicant.download(attachment!.sha256);
  expect(pdf.length).toBe(attachment!.size);
  expect(createHash('sha256').update(pdf).digest('hex')).toBe(attachment!.sha256);
  return { body: opened.body, pdf };
}

test('l’agent prolonge l’instruction, renouvelle les attestations et prend la décision favorable', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const { applicationNumber } = await findDemoDossier(request, fullyFiled);

  await logIn(page);
  await page.goto(`/#/dossier/${applicationNumber}`);
  await expect(page.getByTestId('application-number')).toHaveText(applicationNumber);

  // What blocks a decision, each sentence as the backend says it, and the implicit-rejection date.
  await page.getByRole('tab', { name: 'Décision' }).click();
  await expect(page.getByRole('heading', { name: 'Vérifications avant décision' })).toBeVisible();
  await expect(page.getByText(/n'est pas jugée conforme\./).first()).toBeVisible();
  await expect(page.getByTestId('implicit-rejection')).toHaveText(
    /^Rejet implicite le \d{2}\/\d{2}\/\d{4}$/,
  );
  const favorable = page.getByRole('region', { name: 'Décision favorable' });
  await expect(
    favorable.getByRole('button', { name: 'Prévisualiser l’attestation' }),
  ).toBeDisabled();
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/decision-checks.png' });

  // The prolongation attestation, previewed in the viewer with its dates, then issued.
  const prolongation = page.getByRole('region', { name: 'Prolonger l’instruction' });
  await expect(prolongation.getByRole('button', { name: 'Délivrer l’attestation' })).toBeDisabled();
  await prolongation.getByRole('button', { name: 'Prévisualiser l’attestation' }).click();
  const viewer = page.getByRole('region', { name: /^Visionneuse/ }).first();
  await expect(viewer.getByText('Document PDF')).toBeVisible({ timeout: 30_000 });
  await expect(viewer.getByText(/ATTESTATION DE PROLONGATION/).first()).toBeVisible({
    timeout: 30_000,
  });
  const validity = /^Valable du \d{2}\/\d{2}\/\d{4} au \d{2}\/\d{2}\/\d{4}$/;
  await expect(page.getByTestId('attestation-facts')).toHaveText(validity);
  await expect(
    page.getByRole('heading', { name: 'Aperçu : Attestation de prolongation d’instruction' }),
  ).toBeVisible();
  await prolongation.scrollIntoViewIfNeeded();
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/decision-prolongation-preview.png' });

  await prolongation.getByRole('button', { name: 'Délivrer l’attestation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Délivrer l’attestation de prolongation ?' });
  await expect(dialog).toContainText('sera envoyée au demandeur');
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/decision-prolongation-confirm.png' });
  await dialog.getByRole('button', { name: 'Délivrer l’attestation' }).click();
  await expect(page.getByText('Action enregistrée, en attente d’envoi')).toBeVisible();
  await expect(dialog).toBeHidden();

  // Every document « Conforme »: what still blocks is the dossier's status alone.
  await page.getByRole('tab', { name: /^Pièces justificatives/ }).click();
  const documents = page.getByRole('article');
  const count = await documents.count();
  for (let index = 0; index < count; index++) {
    const document = documents.nth(index);
    await document.getByRole('button', { name: /^Conforme/ }).click();
    await expect(document.getByTestId('verdict')).toHaveText('Conforme');
  }
  await page.getByRole('tab', { name: 'Décision' }).click();
  await expect(page.getByText(/n'est pas jugée conforme\./)).toHaveCount(0);
  // Left to block: the dossier is not under review yet.
  await expect(page.getByText(/statut « Déposé, à instruire »/).first()).toBeVisible();
  await expect(
    favorable.getByRole('button', { name: 'Prendre la décision favorable' }),
  ).toBeDisabled();
  await page
    .getByRole('heading', { name: 'Vérifications avant décision' })
    .scrollIntoViewIfNeeded();
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/decision-compliant.png' });

  // Sent at the next sync; once the portal confirmed it, the attestation is listed to renew.
  await page.getByRole('button', { name: 'Synchroniser' }).click();
  await page.getByRole('link', { name: 'Attestations à renouveler' }).click();
  await expect(page.getByRole('heading', { name: 'Attestations à renouveler' })).toBeVisible();
  await page.getByLabel('Échéance dans les (jours)').fill('120');
  const row = page.getByRole('row').filter({ hasText: applicationNumber });
  await expect
    .poll(
      async () => {
        if ((await row.count()) > 0) return true;
        await page.getByRole('button', { name: 'Synchroniser' }).click();
        await page.getByLabel('Échéance dans les (jours)').fill('119');
        await page.getByLabel('Échéance dans les (jours)').fill('120');
        return (await row.count()) > 0;
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBe(true);
  await row.getByRole('checkbox').check();
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/decision-renewals.png' });

  await page.getByRole('button', { name: 'Renouveler la sélection' }).click();
  await expect(page.getByTestId('renewal-count')).toHaveText('1 / 1');
  await expect(page.getByText(/^Renouvellement terminé/)).toBeVisible();
  // Issued today already: renewing it again the same day would notify the applicant twice.
  await expect(page.getByText(/a déjà été délivrée/)).toBeVisible();
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/decision-renewal-done.png' });

  // The applicant's side: one prolongation notification (the renewal refused, none more), opened,
  // its attestation downloaded from the portal and read back as the golden test reads it.
  const today = parisDateOf(new Date());
  const holder = await holderOf(request, applicationNumber);
  const applicant = await applicantOf(request, applicationNumber);
  const prolongations = await notificationsOf(applicant, applicationNumber, 'prolongation');
  expect(prolongations).toHaveLength(1);
  expect(prolongations[0]!.title).toBe("Notification de prolongation de l'instruction");
  const prolongationValid = prolongationValidity(today);
  const prolonged = await openAttestation(
    applicant,
    prolongations[0]!,
    new RegExp(`^attestation-prolongation-${applicationNumber}-${today}\\.pdf$`),
  );
  expect(prolonged.body).toContain(
    `autorise votre présence en France du ${formatFrenchDate(prolongationValid.validFrom)} au ${formatFrenchDate(prolongationValid.validTo)}.`,
  );
  await expectPdfText(prolonged.pdf, prolongationText(applicationNumber, holder, today));

  // Back on the dossier: the review started, nothing blocks, the favourable decision is taken.
  await page.goto(`/#/dossier/${applicationNumber}`);
  await page.getByRole('tab', { name: 'Décision' }).click();
  await page.getByRole('button', { name: 'Commencer l’instruction' }).click();
  await expect(page.getByText('Aucun obstacle')).toBeVisible();
  await favorable.getByRole('button', { name: 'Prévisualiser l’attestation' }).click();
  await expect(viewer.getByText(/ATTESTATION DE DÉCISION FAVORABLE/).first()).toBeVisible({
    timeout: 30_000,
  });
  await favorable.getByRole('button', { name: 'Prendre la décision favorable' }).click();
  const decision = page.getByRole('dialog');
  await decision.getByRole('button', { name: 'Prendre la décision favorable' }).click();
  await expect(decision).toBeHidden();
  // Queued (the snackbar says so for 4 s only, which a busy machine may miss): a second decision
  // is refused before any sync, then the sync brings the portal's status.
  await expect(
    favorable.getByRole('button', { name: 'Prendre la décision favorable' }),
  ).toBeDisabled();
  await page.getByRole('button', { name: 'Synchroniser' }).click();
  await expect(page.getByTestId('dossier-status')).toHaveText(/favorable/i, { timeout: 30_000 });
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/decision-favorable.png' });

  // The applicant reads the decision on the portal and downloads the favourable attestation.
  const [decided] = await notificationsOf(applicant, applicationNumber, 'favorable_decision');
  expect(decided!.title).toBe('Notification de décision');
  const favourable = await openAttestation(
    applicant,
    decided!,
    new RegExp(`^attestation-decision-favorable-${applicationNumber}\\.pdf$`),
  );
  expect(favourable.body).toContain(`n° ${applicationNumber} a été acceptée.`);
  await expectPdfText(favourable.pdf, favorableText(applicationNumber, holder, today));
  const application = (await applicant.applications()).find(
    (a) => a.applicationNumber === applicationNumber,
  );
  expect(application).toMatchObject({ status: 'favorable', statusLabel: 'Décision favorable' });
});
