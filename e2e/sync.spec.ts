import { expect, test, type Page } from '@playwright/test';
import { startSecondWorkstation } from './second-workstation';
import { dossierRows, firstFreeDossier, logIn, waitForDemoDossiers } from './support';

// The workstation syncs with its embedded demo portal: dossiers filed by the applicant simulator
// arrive in the queue, an agent takes one, and a conflict with another workstation is resolved.

async function logInToAll(page: Page, login: string, password: string): Promise<void> {
  await logIn(page, login, password);
  // Every dossier of the service, whoever has it: taking one keeps it in view.
  await page.getByRole('tab', { name: /^Tous/ }).click();
}

const syncStatus = (page: Page) =>
  page.getByRole('status', { name: 'État de la synchronisation avec le portail' });

test('la file se remplit des dossiers du portail et l’agent en prend un', async ({ page }) => {
  test.setTimeout(120_000);
  await logInToAll(page, 'agent.nord', 'Demo-Agent-59');

  const status = syncStatus(page);
  await expect(status).toContainText('En ligne', { timeout: 15_000 });
  await expect(status).toContainText('Dernière synchronisation : ');
  await waitForDemoDossiers(page);

  const { number, row } = await firstFreeDossier(page);
  await expect(row).toContainText('Non attribué');
  await row.getByRole('button', { name: 'Prendre le dossier' }).click();
  // « En attente d'envoi » may show for an instant: the backend sends the action at once.
  await expect(row).toContainText('Camille Lefebvre', { timeout: 15_000 });
  await expect(row).not.toContainText('En attente d’envoi');
  await expect(row.getByRole('button', { name: 'Prendre le dossier' })).toHaveCount(0);

  await page.getByRole('tab', { name: /^Mes dossiers/ }).click();
  await expect(dossierRows(page)).toHaveCount(1);
  await expect(dossierRows(page)).toContainText(number);
  await page.getByRole('tab', { name: /^Tous/ }).click();
  await waitForDemoDossiers(page);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'e2e/screenshots/queue-synced.png', fullPage: true });

  const syncNow = page.getByRole('banner').getByRole('button', { name: 'Synchroniser' });
  await syncNow.click();
  await expect(syncNow).toBeEnabled();
  await expect(status).toContainText('En ligne');
  await expect(status).toContainText('Dernière synchronisation : à l’instant');
  await page.mouse.move(0, 0);
  await page.getByRole('banner').screenshot({ path: 'e2e/screenshots/sync-status.png' });

  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Synchronisation' })
    .click();
  await expect(page.getByRole('heading', { name: 'Synchronisation', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Actions à revoir' })).toBeVisible();
  await expect(page.getByText('Aucune action à revoir')).toBeVisible();
  await expect(page.getByText('Portail intégré (démonstration)')).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'e2e/screenshots/sync-page.png', fullPage: true });
});

// A second workstation on the same portal: its supervisor takes a dossier first, so the agent's
// own « Prendre le dossier », decided on the older version, comes back as a conflict.

type Json = Record<string, unknown>;

async function call<T>(base: string, token: string | null, path: string, input?: Json) {
  const post = path.endsWith('.login') || path.endsWith('.take');
  const query = !post && input ? `?input=${encodeURIComponent(JSON.stringify(input))}` : '';
  const response = await fetch(`${base}/trpc/${path}${query}`, {
    method: post ? 'POST' : 'GET',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(post ? { body: JSON.stringify(input ?? {}) } : {}),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!response.ok || !body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

async function tokenFor(base: string, login: string, password: string): Promise<string> {
  return (await call<{ token: string }>(base, null, 'auth.login', { login, password })).token;
}

interface QueueRow {
  applicationNumber: string;
  assigneeName: string | null;
}
interface Status {
  portal: { url: string };
  syncing: boolean;
  pendingActions: number;
}

/** Until the workstation has sent its outbox and is not syncing. */
async function settled(base: string, token: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const status = await call<Status>(base, token, 'sync.status');
        return !status.syncing && status.pendingActions === 0;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
}

test('un conflit avec un autre poste se règle sur la page Synchronisation', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const first = baseURL ?? '';
  const agentToken = await tokenFor(first, 'agent.nord', 'Demo-Agent-59');
  const { portal } = await call<Status>(first, agentToken, 'sync.status');
  const second = await startSecondWorkstation(portal.url);
  try {
    const chefToken = await tokenFor(second.url, 'chef.nord', 'Demo-Chef-59');

    await logInToAll(page, 'agent.nord', 'Demo-Agent-59');
    await waitForDemoDossiers(page);
    await expect(syncStatus(page)).toContainText('En ligne', { timeout: 15_000 });

    /** Two dossiers free on both workstations: one to send again, one to give up. */
    let free: string[] = [];
    await expect
      .poll(
        async () => {
          const { rows } = await call<{ rows: QueueRow[] }>(second.url, chefToken, 'queue.page', {
            tab: 'todo',
            limit: 200,
          });
          const freeHere = await dossierRows(page)
            .filter({ has: page.getByRole('button', { name: 'Prendre le dossier' }) })
            .allInnerTexts();
          free = rows
            .filter((row) => row.assigneeName === null)
            .map((row) => row.applicationNumber)
            .filter((number) => freeHere.some((text) => text.includes(number)));
          return free.length;
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThanOrEqual(2);
    const [reapplied = '', dropped = ''] = free;

    /** The supervisor takes it on the other workstation, then the agent here, on an old version. */
    async function takeOnBoth(number: string): Promise<void> {
      await settled(first, agentToken);
      await call(second.url, chefToken, 'queue.take', { applicationNumber: number });
      await settled(second.url, chefToken);
      const row = page.getByRole('row').filter({ hasText: number });
      await row.getByRole('button', { name: 'Prendre le dossier' }).click();
      await expect(row.getByRole('link', { name: 'À revoir' })).toBeVisible({ timeout: 15_000 });
      await expect(row).toContainText('Dominique Roussel');
    }

    await takeOnBoth(reapplied);
    const status = syncStatus(page);
    await expect(status).toContainText('1 action à revoir');
    // The dossier says it too, with what the other agent did.
    await page.getByRole('row').filter({ hasText: reapplied }).getByRole('cell').nth(1).click();
    await expect(page.getByTestId('application-number')).toHaveText(reapplied);
    await page.getByRole('tab', { name: 'Historique' }).click();
    await expect(
      page.getByRole('listitem').filter({ hasText: 'Attribution du dossier' }).first(),
    ).toContainText(
      'Un autre agent a statué sur ce dossier entre-temps : Attribution du dossier par Dominique Roussel',
    );
    await page.mouse.move(0, 0);
    await page.screenshot({ path: 'e2e/screenshots/sync-conflict-dossier.png' });
    await page.getByRole('banner').screenshot({ path: 'e2e/screenshots/sync-status-problem.png' });
    await status.getByRole('link', { name: '1 action à revoir' }).click();

    await expect(page.getByRole('heading', { name: 'Synchronisation', level: 1 })).toBeVisible();
    const problem = page.getByRole('article').filter({ hasText: reapplied });
    await expect(problem).toContainText('Conflit');
    await expect(problem).toContainText('Attribution du dossier');
    await expect(problem).toContainText('Faite par Camille Lefebvre');
    await expect(problem).toContainText('Motif du portail');
    await expect(problem).toContainText('Depuis, sur ce dossier');
    await expect(problem).toContainText('Attribution du dossier — Dominique Roussel');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: 'e2e/screenshots/sync-problems.png', fullPage: true });

    await problem.getByRole('button', { name: 'Renvoyer sur la version actuelle' }).click();
    await expect(page.getByText('a été renvoyée')).toBeVisible();
    await expect(page.getByText('Aucune action à revoir')).toBeVisible();

    // The second one is given up, after a confirmation.
    await page.getByRole('link', { name: 'File des dossiers' }).click();
    await expect(page.getByRole('row').filter({ hasText: reapplied })).toContainText(
      'Camille Lefebvre',
      { timeout: 15_000 },
    );
    await takeOnBoth(dropped);
    await page.getByRole('row').filter({ hasText: dropped }).getByRole('link').click();
    const toDrop = page.getByRole('article').filter({ hasText: dropped });
    await toDrop.getByRole('button', { name: 'Abandonner l’action' }).click();
    const confirm = page.getByRole('dialog');
    await expect(confirm).toContainText('Abandonner cette action ?');
    await confirm.getByRole('button', { name: 'Garder l’action' }).click();
    await expect(toDrop).toBeVisible();
    await toDrop.getByRole('button', { name: 'Abandonner l’action' }).click();
    await confirm.getByRole('button', { name: 'Abandonner l’action' }).click();
    await expect(page.getByText('a été abandonnée')).toBeVisible();
    await expect(page.getByText('Aucune action à revoir')).toBeVisible();
    await expect(syncStatus(page)).not.toContainText('à revoir');

    await page.getByRole('link', { name: 'File des dossiers' }).click();
    await expect(page.getByRole('row').filter({ hasText: dropped })).toContainText(
      'Dominique Roussel',
    );
  } finally {
    await second.stop();
  }
});
