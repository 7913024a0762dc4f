import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { addDays, daysBetween, type IsoDate } from '../shared/dates/calendar-date';
import { formatFrenchDate } from '../shared/dates/format';
import { parisDateOf } from '../shared/dates/paris-time';
import { CLOSURE_CONSEQUENCES } from '../shared/texts/closure-consequences';
import { isTerminal, STATUS_LABELS, type ApplicationStatus } from '../shared/workflow/statuses';
import { applicantOf, setPortalClock, type ApplicantNotification } from './applicant';
import { logIn, settled, trpc, untouchedPassportDossier } from './support';
import { seriousViolations } from './axe';

// A supplement request left unanswered: the agent asks for the passport again, the applicant
// opens the request and never answers; 31 days later on the portal's clock (dev.setClock) the
// workstation, whose clock follows the portal's, says the deadline is over and offers to close
// the dossier as incomplete, with the consequence stated before the agent confirms.
//
// The portal's clock is moved for everyone: it is set back in any case at the end, and the
// workstation is brought back to the real time before the next spec.
//
// Named to run after sync.spec (specs run alphabetically on one data folder): the demo has five
// dossiers of the Nord, and sync.spec needs three still open and unassigned once decision.spec
// and supplement.spec have decided theirs; this one closes a fourth, so it comes after.

const PASSPORT = 'Justificatif de nationalité';
const OBSERVATION =
  "Veuillez fournir la copie des pages de votre passeport comportant votre état civil, sa date de validité et les cachets d'entrée en France.";
const DAY_MS = 24 * 60 * 60_000;

const AGENT = { login: 'agent.nord', password: 'Demo-Agent-59' };

const banner = (page: Page) => page.getByRole('banner');
const syncNow = (page: Page) => banner(page).getByRole('button', { name: 'Synchroniser' });
const syncStatus = (page: Page) =>
  page.getByRole('status', { name: 'État de la synchronisation avec le portail' });

/** A POST to the host (tRPC mutation), with the agent's session. */
async function mutate(request: APIRequestContext, path: string, token: string): Promise<void> {
  const response = await request.post(`/trpc/${path}`, {
    data: {},
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.ok(), `${path}: ${response.status()}`).toBe(true);
}

test('sans réponse 30 jours après sa lecture, la demande de complément mène à la clôture', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const { applicationNumber } = await untouchedPassportDossier(request);

  await logIn(page);
  await page.goto(`/#/dossier/${applicationNumber}`);
  await expect(page.getByTestId('application-number')).toHaveText(applicationNumber);
  const status = page.getByTestId('dossier-status');

  // The passport « À compléter », the review started, the request sent as prefilled.
  await page.getByRole('tab', { name: /^Pièces justificatives/ }).click();
  const passport = page.getByRole('article', { name: PASSPORT });
  await passport.getByRole('button', { name: `À compléter : ${PASSPORT}` }).click();
  await passport.getByRole('combobox', { name: 'Modèle d’observation' }).click({ force: true });
  await page.getByRole('option', { name: OBSERVATION, exact: true }).click();
  await passport.getByRole('button', { name: 'Enregistrer « À compléter »' }).click();
  await expect(passport.getByTestId('verdict')).toHaveText('À compléter');
  await page.getByRole('tab', { name: 'Décision' }).click();
  await page.getByRole('button', { name: 'Commencer l’instruction' }).click();
  await expect(page.getByRole('button', { name: 'Commencer l’instruction' })).toBeHidden();

  await page.getByRole('tab', { name: 'Complément' }).click();
  const composer = page.getByRole('region', { name: 'Nouvelle demande de complément' });
  await expect(composer.getByLabel(`Observations sur « ${PASSPORT} »`)).toHaveValue(OBSERVATION);
  await composer.getByRole('button', { name: 'Prévisualiser la notification' }).click();
  await expect(
    page.getByRole('region', { name: 'Aperçu : la notification telle que le demandeur la lira' }),
  ).toContainText(OBSERVATION);
  await composer.getByRole('button', { name: 'Envoyer la demande de complément' }).click();
  const confirmSend = page.getByRole('dialog', { name: 'Envoyer la demande de complément ?' });
  await confirmSend.getByRole('button', { name: 'Envoyer la demande de complément' }).click();
  await expect(confirmSend).toBeHidden();
  await syncNow(page).click();
  const reading = page.getByTestId('supplement-reading');
  await expect(reading).toHaveText("non lue, envoyée aujourd'hui", { timeout: 30_000 });
  await expect(status).toHaveText(STATUS_LABELS.supplement_requested);

  // The applicant opens it (the acknowledgment of receipt) and does not answer.
  const applicant = await applicantOf(request, applicationNumber);
  let asked: ApplicantNotification | undefined;
  await expect
    .poll(
      async () => {
        asked = (await applicant.notifications()).find(
          (n) => n.applicationNumber === applicationNumber && n.kind === 'supplement_request',
        );
        return asked !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  const opened = await applicant.open(asked!.id);
  const readOn = parisDateOf(new Date(opened.readAt!));
  const lastDay = addDays(readOn, 30);
  expect(opened.supplementRequest?.deadline).toBe(lastDay);

  // Read: the 30 days run, the request can no longer be amended or withdrawn.
  await syncNow(page).click();
  await expect(reading).toHaveText(
    `lue le ${formatFrenchDate(readOn)} — réponse attendue avant le ${formatFrenchDate(lastDay)}`,
    { timeout: 30_000 },
  );
  const deadline = page.getByTestId('deadline-supplement');
  await expect(deadline).toHaveText(
    `Réponse au complément : ${formatFrenchDate(lastDay)} (dans 30 jours)`,
  );
  await expect(page.getByRole('button', { name: 'Modifier la demande' })).toHaveCount(0);
  await expect(page.getByText(/^Modification et retrait impossibles : /)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Clôturer pour dossier incomplet' })).toHaveCount(
    0,
  );

  try {
    // 31 days later on the portal's clock.
    const portalNow = new Date(
      await setPortalClock(request, new Date(Date.now() + 31 * DAY_MS).toISOString()),
    );
    const portalToday = parisDateOf(portalNow);
    const late = daysBetween(lastDay, portalToday);
    expect(late).toBeGreaterThan(0);

    // The agent's portal session expired with the time: the workstation asks for the password
    // again (whether the agent's « Synchroniser » or the background sync met the refusal first).
    const reconnect = banner(page).getByRole('button', { name: 'Se reconnecter' });
    await expect(async () => {
      if (!(await reconnect.isVisible())) await syncNow(page).click({ timeout: 2_000 });
      await expect(reconnect).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 30_000 });
    await expect(syncStatus(page)).toContainText('Reconnexion nécessaire');
    await settled(page);
    await page.screenshot({ path: 'e2e/screenshots/closure-reconnect.png' });
    await reconnect.click();
    // The dialog has no accessible name (SyncStatus.vue): found by its title.
    const dialog = page.getByRole('dialog').filter({ hasText: 'Se reconnecter au portail' });
    await expect(dialog).toContainText(
      `Saisissez à nouveau le mot de passe de votre compte ${AGENT.login}`,
    );
    await dialog.getByLabel('Mot de passe', { exact: true }).fill(AGENT.password);
    await dialog.getByRole('button', { name: 'Se reconnecter' }).click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    await expect(syncStatus(page)).toContainText('En ligne');

    // The workstation now counts in the portal's days: the deadline is over.
    await expect(reading).toHaveText(
      `lue le ${formatFrenchDate(readOn)} — sans réponse, délai expiré le ${formatFrenchDate(lastDay)}`,
      { timeout: 30_000 },
    );
    await expect(deadline).toHaveText(
      `Réponse au complément : ${formatFrenchDate(lastDay)} (dépassée ${late === 1 ? 'de 1 jour' : `de ${late} jours`})`,
    );
    const overdue = page.getByRole('alert').filter({ hasText: 'Le délai de réponse de 30 jours' });
    await expect(overdue).toContainText(
      'Le délai de réponse de 30 jours est expiré sans réponse : le dossier peut être clôturé pour dossier incomplet.',
    );
    await settled(page);
    await page.screenshot({ path: 'e2e/screenshots/closure-overdue.png' });
    expect(await seriousViolations(page), 'délai expiré').toEqual([]);

    // The closure, its consequence stated word for word before the agent confirms.
    await overdue.getByRole('button', { name: 'Clôturer pour dossier incomplet' }).click();
    const closing = page.getByRole('dialog', { name: 'Clôturer pour dossier incomplet ?' });
    await expect(
      closing.getByText(CLOSURE_CONSEQUENCES.closeIncomplete, { exact: true }),
    ).toBeVisible();
    await settled(page);
    await page.screenshot({ path: 'e2e/screenshots/closure-confirm.png' });
    await closing.getByRole('button', { name: 'Clôturer pour dossier incomplet' }).click();
    await expect(closing).toBeHidden();
    await expect(page.getByText('Action enregistrée, en attente d’envoi')).toBeVisible();
    await syncNow(page).click();
    await expect(status).toHaveText(STATUS_LABELS.closed_incomplete, { timeout: 30_000 });
    await expect(overdue).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Dernière demande' })).toBeVisible();
    await expect(page.getByText('Nouvelle demande impossible : ')).toBeVisible();
    await expect(page.getByTestId('deadline-supplement')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Nouvelle demande de complément' })).toHaveCount(
      0,
    );
    await expect(page.getByText('Action enregistrée, en attente d’envoi')).toBeHidden();
    await settled(page);
    await page.screenshot({ path: 'e2e/screenshots/closure-closed.png' });

    // On the portal, the applicant's application is closed.
    const again = await applicantOf(request, applicationNumber);
    expect(
      (await again.applications()).find((a) => a.applicationNumber === applicationNumber),
    ).toMatchObject({
      status: 'closed_incomplete',
    });
  } finally {
    // The real time again, on the portal then on the workstation (its next exchange with the
    // portal reads the clock again): the next specs run on today.
    await setPortalClock(request, null);
    const { token } = await trpc<{ token: string }>(request, 'auth.login', AGENT);
    await mutate(request, 'sync.now', token);
  }
  // Back on today: the workstation counts the other dossiers' days from today again.
  const { token } = await trpc<{ token: string }>(request, 'auth.login', AGENT);
  const { rows } = await trpc<{ rows: { applicationNumber: string; status: ApplicationStatus }[] }>(
    request,
    'queue.page',
    { tab: 'all', limit: 200 },
    token,
  );
  const today = parisDateOf(new Date());
  for (const row of rows.filter((r) => !isTerminal(r.status))) {
    const { header } = await trpc<{
      header: { deadlines: { date: IsoDate; daysLeft: number }[] };
    }>(request, 'dossier.get', { applicationNumber: row.applicationNumber }, token);
    for (const running of header.deadlines)
      expect(running.daysLeft, row.applicationNumber).toBe(daysBetween(today, running.date));
  }
});
