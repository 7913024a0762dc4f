import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { STATUS_LABELS, type ApplicationStatus } from '../shared/workflow/statuses';
import { portalUrl } from './applicant';
import { seriousViolations } from './axe';
import {
  findDemoDossier,
  fullyFiled,
  holdsEveryKind,
  logIn,
  NORD_DOSSIER,
  settled,
  trpc,
  type DemoDossier,
} from './support';

// The supervisor's workspace, end to end on the demo dossiers (the issue's « done when »): in a
// service whose decisions are signed by the chef de bureau, the agent sends a favourable decision
// for signature; the supervisor reads the workload per agent and its charts, approves the
// decision and gives two unassigned dossiers to the agent with a reason, all of it in the audit
// journal; the agent, after a sync, finds the two dossiers under « Mes dossiers ».
//
// The specs share one data folder and run alphabetically (this one after decision.spec, before
// supplement.spec): it works on the last dossiers filed, as supplement.spec, sync.spec and
// unanswered-closure.spec take the first free ones; it turns the signature off again in any
// case, and hands the two dossiers over to the supervisor at the end, so that sync.spec still
// finds « Mes dossiers » empty before the agent takes one.

const AGENT = { login: 'agent.nord', password: 'Demo-Agent-59', name: 'Camille Lefebvre' };
const CHEF = { login: 'chef.nord', password: 'Demo-Chef-59', name: 'Dominique Roussel' };
const REASON = 'Congés de l’agent initialement prévu : dossiers confiés à Camille Lefebvre.';
const SEND_TO_SIGN = 'Envoyer la décision favorable à la signature';

type QueueRow = {
  applicationNumber: string;
  applicantName: string;
  status: ApplicationStatus;
  assignedAgentId: string | null;
};

async function tokenOf(
  request: APIRequestContext,
  account: { login: string; password: string },
): Promise<string> {
  const { token } = await trpc<{ token: string }>(request, 'auth.login', {
    login: account.login,
    password: account.password,
  });
  return token;
}

/** A POST to the host (tRPC mutation) with a session. */
async function mutate<T>(
  request: APIRequestContext,
  path: string,
  input: unknown,
  token: string,
): Promise<T> {
  const response = await request.post(`/trpc/${path}`, {
    data: input ?? {},
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

/** The portal's setting of service 59 (dev.setServiceSettings), then a sync to read it. */
async function requireSignature(request: APIRequestContext, on: boolean): Promise<void> {
  const response = await request.post(`${await portalUrl(request)}/trpc/dev.setServiceSettings`, {
    data: { serviceCode: '59', decisionValidation: on },
  });
  expect(response.ok(), `dev.setServiceSettings : ${await response.text()}`).toBe(true);
  await mutate(request, 'sync.now', {}, await tokenOf(request, AGENT));
}

/**
 * Three open, unassigned, fully filed dossiers no other spec works on, the last ones filed: the
 * one whose decision goes for signature, and the two to reassign.
 */
async function chooseDossiers(
  request: APIRequestContext,
): Promise<{ signed: QueueRow; reassigned: [QueueRow, QueueRow] }> {
  const decided = (await findDemoDossier(request, fullyFiled)).applicationNumber;
  const walked = (await findDemoDossier(request, holdsEveryKind)).applicationNumber;
  const token = await tokenOf(request, AGENT);
  let free: QueueRow[] = [];
  // The seed of playwright.config.ts files eleven dossiers of the Nord and the specs need nine:
  // wait until they are all filed (the count still for a few seconds), lest the simulator, busy
  // drawing scans, slow down the screens when this spec runs alone on a fresh data folder.
  let last = { total: -1, since: Date.now() };
  await expect
    .poll(
      async () => {
        const { rows, total } = await trpc<{ rows: QueueRow[]; total: number }>(
          request,
          'queue.page',
          { tab: 'all', sort: 'submittedAt', direction: 'asc', limit: 200 },
          token,
        );
        if (total !== last.total) last = { total, since: Date.now() };
        free = rows.filter(
          (row) =>
            row.status === 'submitted' &&
            row.assignedAgentId === null &&
            ![decided, walked].includes(row.applicationNumber),
        );
        return total >= 9 && free.length >= 6 && Date.now() - last.since >= 6_000;
      },
      { timeout: 120_000, intervals: [2_000], message: 'dossiers du Nord, tous déposés' },
    )
    .toBe(true);
  const chosen: QueueRow[] = [];
  for (const row of [...free].reverse()) {
    const { documents } = await trpc<Pick<DemoDossier, 'documents'>>(
      request,
      'dossier.get',
      { applicationNumber: row.applicationNumber },
      token,
    );
    if (fullyFiled({ ...row, documents })) chosen.push(row);
    if (chosen.length === 3) break;
  }
  expect(chosen, 'trois dossiers complets et libres').toHaveLength(3);
  const [signed, second, first] = chosen as [QueueRow, QueueRow, QueueRow];
  return { signed, reassigned: [first, second] };
}

/**
 * The two dossiers handed over to the supervisor again, through the API: later specs count the
 * agent's own dossiers (sync.spec expects one only, the one it takes).
 */
async function handBack(request: APIRequestContext, numbers: string[]): Promise<void> {
  const chef = await tokenOf(request, CHEF);
  // No input: support's trpc() always sends one.
  const listed = await request.get('/trpc/queue.agents', {
    headers: { Authorization: `Bearer ${chef}` },
  });
  expect(listed.ok(), `queue.agents : ${listed.status()}`).toBe(true);
  const agents = (
    (await listed.json()) as { result: { data: { id: string; displayName: string }[] } }
  ).result.data;
  const chefId = agents.find((agent) => agent.displayName === CHEF.name)!.id;
  await mutate(
    request,
    'supervision.reassign',
    { applicationNumbers: numbers, agentId: chefId, reason: 'Fin de la démonstration.' },
    chef,
  );
  const agent = await tokenOf(request, AGENT);
  await expect
    .poll(
      async () => {
        await mutate(request, 'sync.now', {}, agent);
        const { rows } = await trpc<{ rows: QueueRow[] }>(
          request,
          'queue.page',
          { tab: 'mine' },
          agent,
        );
        return rows.filter((row) => numbers.includes(row.applicationNumber)).length;
      },
      { timeout: 30_000, intervals: [1_000], message: 'dossiers rendus au chef de bureau' },
    )
    .toBe(0);
}

const banner = (page: Page) => page.getByRole('banner');
const syncNow = (page: Page) => banner(page).getByRole('button', { name: 'Synchroniser' });
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name });
const recordedNotice = (page: Page) => page.getByText('Action enregistrée, en attente d’envoi');

const logInAs = (page: Page, account: { login: string; password: string }) =>
  logIn(page, account.login, account.password);

async function logOut(page: Page): Promise<void> {
  await banner(page).getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion agent' })).toBeVisible();
}

test('le chef de bureau voit la charge, approuve une décision et réattribue deux dossiers que l’agent retrouve', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  // An action that cannot happen fails in half a minute, not at the end of the test's five.
  page.setDefaultTimeout(30_000);
  const { signed, reassigned } = await chooseDossiers(request);
  const numbers = reassigned.map((row) => row.applicationNumber);
  let reassignedToAgent = false;

  await requireSignature(request, true);
  try {
    // —— The agent: the review, every document « Conforme », the decision sent for signature.
    await logInAs(page, AGENT);
    await page.goto(`/#/dossier/${signed.applicationNumber}`);
    await expect(page.getByTestId('application-number')).toHaveText(signed.applicationNumber);
    const status = page.getByTestId('dossier-status');
    await expect(status).toHaveText(STATUS_LABELS.submitted);

    await page.getByRole('tab', { name: 'Décision' }).click();
    // Queued: the button goes (the snackbar says so for 4 s only, which a busy machine may miss).
    await page.getByRole('button', { name: 'Commencer l’instruction' }).click();
    await expect(page.getByRole('button', { name: 'Commencer l’instruction' })).toBeHidden();

    await page.getByRole('tab', { name: /^Pièces justificatives/ }).click();
    const documents = page.getByRole('article');
    await expect(documents.first()).toBeVisible();
    const count = await documents.count();
    expect(count).toBeGreaterThanOrEqual(3);
    for (let index = 0; index < count; index++) {
      const document = documents.nth(index);
      await document.getByRole('button', { name: /^Conforme/ }).click();
      await expect(document.getByTestId('verdict')).toHaveText('Conforme');
    }

    await page.getByRole('tab', { name: 'Décision' }).click();
    await expect(page.getByText('Aucun obstacle')).toBeVisible();
    const favorable = page.getByRole('region', { name: 'Décision favorable' });
    // The service asks for a signature: the agent's decision goes to the chef de bureau.
    await expect(favorable.getByRole('button', { name: SEND_TO_SIGN })).toBeDisabled();
    await favorable.getByRole('button', { name: 'Prévisualiser l’attestation' }).click();
    const viewer = page.getByRole('region', { name: /^Visionneuse/ }).first();
    await expect(viewer.getByText(/ATTESTATION DE DÉCISION FAVORABLE/).first()).toBeVisible({
      timeout: 30_000,
    });
    await favorable.getByRole('button', { name: SEND_TO_SIGN }).click();
    const confirmSign = page.getByRole('dialog', { name: 'Envoyer la décision à la signature ?' });
    await expect(confirmSign).toContainText('n’atteindra le demandeur qu’une fois approuvée');
    await confirmSign.getByRole('button', { name: SEND_TO_SIGN }).click();
    await expect(confirmSign).toBeHidden();
    // Queued, or sent already (the workstation sends at once when online): the notice says which.
    const waiting = page.getByTestId('signature-waiting');
    await expect(waiting).toBeVisible();

    await syncNow(page).click();
    await expect(waiting).toHaveText(
      /^Décision favorable envoyée à la signature le \d{2}\/\d{2}\/\d{4} par Camille Lefebvre : en attente du chef de bureau\.$/,
      { timeout: 30_000 },
    );
    // Not decided yet: the dossier stays under review until the signature.
    await expect(status).toHaveText(STATUS_LABELS.in_review);
    await expect(
      page
        .getByRole('listitem')
        .filter({ hasText: 'Une décision attend la signature du chef de bureau sur ce dossier.' }),
    ).toBeVisible();
    await waiting.scrollIntoViewIfNeeded();
    await expect(recordedNotice(page)).toBeHidden({ timeout: 10_000 });
    await settled(page);
    await page.screenshot({ path: 'e2e/screenshots/supervision-signature-waiting.png' });
    await logOut(page);

    // —— The supervisor: the workload per agent and the charts.
    await logInAs(page, CHEF);
    await nav(page, 'Supervision').click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Supervision du service' }),
    ).toBeVisible();
    const workload = page.getByRole('table', { name: 'Charge par agent' });
    await expect(workload).toBeVisible();
    const camille = workload.getByRole('row').filter({ hasText: AGENT.name });
    await expect(camille).toHaveCount(1);
    const unassignedRow = workload.getByRole('row').filter({ hasText: 'Non attribués' });
    await expect(unassignedRow).toHaveCount(1);
    const before = Number(await camille.getByRole('cell').first().innerText());
    await expect(
      page.getByRole('figure', { name: 'Âge des dossiers ouverts depuis le dépôt' }),
    ).toBeVisible();
    await expect(
      page.getByRole('figure', { name: 'Dossiers par statut, fin de chaque semaine' }),
    ).toBeVisible();
    // Each chart is drawn, and its figures are a table too; nothing widens the page.
    await expect(page.locator('figure canvas')).toHaveCount(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1440,
    );
    await expect(
      page.getByRole('table', { name: 'Âge des dossiers ouverts depuis le dépôt' }),
    ).toBeAttached();

    // The decision to sign, approved.
    const toSign = page.getByRole('region', { name: 'Décisions à signer' });
    const signRow = toSign.getByRole('row').filter({ hasText: signed.applicationNumber });
    await expect(signRow).toContainText('Favorable');
    await expect(signRow).toContainText(signed.applicantName);
    await expect(signRow).toContainText(AGENT.name);
    await signRow.scrollIntoViewIfNeeded();
    await settled(page);
    await page.screenshot({ path: 'e2e/screenshots/supervision-workload.png', fullPage: true });
    await page.mouse.move(0, 0);
    await toSign.screenshot({ path: 'e2e/screenshots/supervision-to-sign.png' });
    expect(await seriousViolations(page), 'supervision').toEqual([]);
    await signRow
      .getByRole('button', { name: `Approuver la décision pour ${signed.applicantName}` })
      .click();
    const approve = page.getByRole('dialog', { name: 'Approuver la décision ?' });
    await expect(approve).toContainText(
      `La décision concernant ${signed.applicantName} sera notifiée au demandeur`,
    );
    await approve.getByRole('button', { name: 'Approuver' }).click();
    await expect(approve).toBeHidden();
    await expect(
      page.getByText(`Décision pour ${signed.applicantName} approuvée, en attente d’envoi.`),
    ).toBeVisible();

    // Two unassigned dossiers given to the agent, with a reason.
    await unassignedRow.getByRole('button', { name: 'Voir les dossiers de Non attribués' }).click();
    const listed = page.getByRole('region', { name: 'Dossiers ouverts : Non attribués' });
    // The list comes under the workload table, and the focus with it.
    await expect(listed.getByRole('heading', { level: 3 })).toBeFocused();
    for (const row of reassigned)
      await listed
        .getByRole('row')
        .filter({ hasText: row.applicationNumber })
        .getByRole('checkbox', { name: `Sélectionner le dossier de ${row.applicantName}` })
        .check();
    await page.getByRole('button', { name: 'Réattribuer les 2 dossiers sélectionnés' }).click();
    const dialog = page.getByRole('dialog', { name: 'Réattribuer à un agent' });
    await expect(dialog).toContainText('2 dossiers seront attribués à l’agent choisi.');
    const confirmReassign = dialog.getByRole('button', { name: 'Réattribuer' });
    await expect(confirmReassign).toBeDisabled();
    // A forced click skips the wait for a still element: the dialog must have finished growing,
    // or the click lands on the scrim and closes it. The field's own inner box takes the pointer.
    await settled(page);
    await dialog.getByRole('combobox', { name: 'Nouvel agent' }).click({ force: true });
    await page.getByRole('option', { name: AGENT.name, exact: true }).click();
    await dialog.getByLabel('Motif de la réattribution').fill(REASON);
    await settled(page);
    await page.screenshot({ path: 'e2e/screenshots/supervision-reassign.png' });
    expect(await seriousViolations(page), 'réattribution').toEqual([]);
    await confirmReassign.click();
    reassignedToAgent = true;
    await expect(dialog).toBeHidden();
    await expect(
      page.getByText(`2 réattributions à ${AGENT.name} enregistrées, en attente d’envoi.`),
    ).toBeVisible();

    // Sent at the sync: the workload counts them for the agent.
    const openOf = async (row: typeof camille) =>
      Number(await row.getByRole('cell').first().innerText());
    await syncNow(page).click();
    await expect
      .poll(
        async () => {
          const open = await openOf(camille);
          if (open < before + 2 && (await syncNow(page).isEnabled())) await syncNow(page).click();
          return open;
        },
        { timeout: 30_000, intervals: [1_000] },
      )
      .toBe(before + 2);
    for (const number of numbers) await expect(listed).not.toContainText(number);

    // The approved decision is issued: the dossier is decided.
    await page.goto(`/#/dossier/${signed.applicationNumber}`);
    await expect(page.getByTestId('dossier-status')).toHaveText(STATUS_LABELS.favorable, {
      timeout: 30_000,
    });

    // The audit journal lists the reassignments and the signature.
    await nav(page, 'Journal d’audit').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Journal d’audit' })).toBeVisible();
    const entries = page.getByRole('row');
    for (const number of numbers)
      await expect(
        entries.filter({ hasText: number }).filter({ hasText: 'Attribution du dossier' }),
      ).not.toHaveCount(0);
    await expect(
      entries
        .filter({ hasText: signed.applicationNumber })
        .filter({ hasText: 'Décision signée par le chef de bureau' }),
    ).not.toHaveCount(0);
    await settled(page);
    await page.screenshot({ path: 'e2e/screenshots/supervision-audit.png' });
    expect(await seriousViolations(page), 'journal d’audit').toEqual([]);
    await logOut(page);

    // —— The agent, after a sync: the two dossiers are theirs, with who gave them.
    await logInAs(page, AGENT);
    await syncNow(page).click();
    await expect(syncNow(page)).toBeEnabled();
    await page.getByRole('tab', { name: /^Mes dossiers/ }).click();
    const mine = page.getByRole('row').filter({ hasText: NORD_DOSSIER });
    for (const number of numbers) await expect(mine.filter({ hasText: number })).toHaveCount(1);
    await mine.filter({ hasText: numbers[0]! }).getByRole('cell').nth(1).click();
    await expect(page.getByTestId('application-number')).toHaveText(numbers[0]!);
    await page.getByRole('tab', { name: 'Historique' }).click();
    await expect(
      page
        .getByRole('listitem')
        .filter({ hasText: 'Attribution du dossier' })
        .filter({ hasText: CHEF.name })
        .filter({ hasText: `À ${AGENT.name} — motif : ${REASON}` }),
    ).toHaveCount(1);
  } finally {
    await requireSignature(request, false);
    if (reassignedToAgent) await handBack(request, numbers);
  }
});
