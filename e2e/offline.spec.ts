import { expect, test } from '@playwright/test';
import { cuttableLink, startSecondWorkstation } from './second-workstation';
import { firstFreeDossier, logIn, trpc, waitForDemoDossiers } from './support';

// A workstation loses its network: the agent keeps working, the action waits on the dossier as
// « En attente d'envoi », and leaves by itself when the network is back. The run's workstation
// keeps its own link; this one reaches the same portal through a relay the spec cuts.

const CHEF = { login: 'chef.nord', password: 'Demo-Chef-59', name: 'Dominique Roussel' };

test('hors ligne, l’action attend sur le dossier et part d’elle-même au retour du réseau', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(150_000);
  const { token } = await trpc<{ token: string }>(request, 'auth.login', {
    login: CHEF.login,
    password: CHEF.password,
  });
  const { portal } = await trpc<{ portal: { url: string } }>(request, 'sync.status', {}, token);
  const link = await cuttableLink(portal.url);
  const station = await startSecondWorkstation(link.url);
  try {
    await logIn(page, CHEF.login, CHEF.password, station.url);
    await page.getByRole('tab', { name: /^Tous/ }).click();
    await waitForDemoDossiers(page);
    const status = page.getByRole('status', {
      name: 'État de la synchronisation avec le portail',
    });
    await expect(status).toContainText('En ligne', { timeout: 15_000 });
    const syncNow = page.getByRole('banner').getByRole('button', { name: 'Synchroniser' });

    // The network goes: the next sync finds the portal out of reach.
    await link.cut();
    await syncNow.click();
    await expect(status).toContainText('Hors ligne', { timeout: 15_000 });

    // The supervisor takes a dossier all the same: it waits, on the queue and on the dossier.
    const { number, row } = await firstFreeDossier(page);
    await row.getByRole('button', { name: 'Prendre le dossier' }).click();
    await expect(row).toContainText('En attente d’envoi');
    await expect(status).toContainText('1 action en attente d’envoi');
    await expect(status).toContainText('Hors ligne');
    await page.mouse.move(0, 0);
    await page.getByRole('banner').screenshot({ path: 'e2e/screenshots/offline-status.png' });

    await row.getByRole('cell').nth(1).click();
    // The dossier opens from this workstation's copy alone.
    await expect(page.getByTestId('application-number')).toHaveText(number, { timeout: 15_000 });
    await page.getByRole('tab', { name: 'Historique' }).click();
    const waiting = page
      .getByRole('listitem')
      .filter({ hasText: 'Attribution du dossier' })
      .filter({ hasText: 'En attente d’envoi' });
    await expect(waiting).toHaveCount(1);
    await expect(waiting).toContainText(CHEF.name);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: 'e2e/screenshots/offline-dossier.png' });

    // The network comes back; the system says so and the workstation sends without being asked.
    await link.restore();
    await context.setOffline(true);
    await context.setOffline(false);
    await expect(status).toContainText('En ligne', { timeout: 30_000 });
    await expect(status).not.toContainText('en attente d’envoi');
    await expect(waiting).toHaveCount(0);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'File des dossiers' })
      .click();
    await page.getByRole('tab', { name: /^Tous/ }).click();
    await expect(row).toContainText(CHEF.name);
    await expect(row).not.toContainText('En attente d’envoi');
  } finally {
    await station.stop();
    await link.close();
  }
});
