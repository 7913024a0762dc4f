import { expect, test } from '@playwright/test';

// An agent opens the application, logs in with the demo account and lands on the queue.

test('un agent se connecte et arrive sur la file des dossiers', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Connexion agent' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Mode démonstration' })).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/login.png', fullPage: true });

  await page.getByLabel('Identifiant').fill('agent.nord');
  await page.getByLabel('Mot de passe', { exact: true }).fill('Demo-Agent-59');
  await page.getByRole('button', { name: 'Se connecter' }).click();

  await expect(page.getByRole('heading', { name: 'File des dossiers' })).toBeVisible();
  await expect(page.getByTestId('current-agent')).toContainText('Camille Lefebvre');
  // The embedded demo portal answers: the workstation syncs right after an online login.
  await expect(
    page.getByRole('status', { name: 'État de la synchronisation avec le portail' }),
  ).toContainText('En ligne');

  // Demo dossiers arrive with the syncs, but none is this agent's yet: the tab is empty.
  await page.getByRole('tab', { name: /^Mes dossiers/ }).click();
  await expect(page.getByText('Aucun dossier dans cet onglet')).toBeVisible();
  await expect(page.getByRole('tab', { name: /^Mes dossiers/ })).toContainText('0');
  await page.screenshot({ path: 'e2e/screenshots/queue-empty.png', fullPage: true });
  await page.getByRole('tab', { name: /^Tous/ }).click();
  await expect(page.getByRole('tab', { name: /^Tous/ })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion agent' })).toBeVisible();
});

test('un mauvais mot de passe est refusé avec un message clair', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Identifiant').fill('agent.nord');
  await page.getByLabel('Mot de passe', { exact: true }).fill('pas-le-bon');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Identifiant' })).toHaveText(
    'Identifiant ou mot de passe incorrect.',
  );
  await expect(page.getByLabel('Mot de passe', { exact: true })).toHaveValue('');
  await expect(page.getByText('Ce champ est obligatoire.')).toBeHidden();
  await page.screenshot({ path: 'e2e/screenshots/login-error.png', fullPage: true });
});

test('un identifiant inconnu reçoit le même message', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Identifiant').fill('personne.inconnue');
  await page.getByLabel('Mot de passe', { exact: true }).fill('Demo-Agent-59');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Identifiant' })).toHaveText(
    'Identifiant ou mot de passe incorrect.',
  );
});

test('un formulaire vide est signalé champ par champ, sans appel au serveur', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByText('Ce champ est obligatoire.')).toHaveCount(2);
  await expect(page.getByRole('heading', { name: 'Connexion agent' })).toBeVisible();
});

test('la file est fermée à qui ne s’est pas connecté', async ({ page }) => {
  await page.goto('/#/file');
  await expect(page.getByRole('heading', { name: 'Connexion agent' })).toBeVisible();
});

test('le superviseur se connecte avec le compte de démonstration proposé', async ({ page }) => {
  await page.goto('/');
  const row = page.getByRole('row').filter({ hasText: 'chef.nord' });
  await row.getByRole('button', { name: 'Utiliser ce compte' }).click();
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByTestId('current-agent')).toContainText('Chef de bureau');
});
