import { expect, type APIRequestContext, type Page } from '@playwright/test';

// What several end-to-end specs do the same way: log in as the demo agent, call the desktop
// backend over HTTP, wait for the demo dossiers, let transitions finish before a screenshot.

export const NORD_DOSSIER = /59\d{17}/;

/** Logs in through the login page; the demo agent of the Nord unless told otherwise. */
export async function logIn(
  page: Page,
  login = 'agent.nord',
  password = 'Demo-Agent-59',
  /** Another workstation's address; the run's own workstation when empty. */
  base = '',
): Promise<void> {
  await page.goto(`${base}/`);
  const identifier = page.getByLabel('Identifiant');
  // Vuetify focuses the Identifiant once an IntersectionObserver reports it drawn; on a busy
  // machine that may come while the password is being typed, which then lands in the Identifiant.
  await expect(identifier).toBeFocused();
  await identifier.fill(login);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // A first login on a workstation goes through the portal (its password check is slow on purpose).
  await expect(page.getByRole('heading', { name: 'File des dossiers' })).toBeVisible({
    timeout: 15_000,
  });
}

/** One tRPC call to the host (queries by GET, the login by POST). */
export async function trpc<T>(
  request: APIRequestContext,
  path: string,
  input: unknown,
  token?: string,
): Promise<T> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const response =
    path === 'auth.login'
      ? await request.post(`/trpc/${path}`, { data: input, headers })
      : await request.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
          headers,
        });
  expect(response.ok(), `${path}: ${response.status()}`).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

/** The queue's rows that hold a dossier of the Nord. */
export const dossierRows = (page: Page) => page.getByRole('row').filter({ hasText: NORD_DOSSIER });

/** The first dossier of the queue nobody has taken yet: its number and its row (by number). */
export async function firstFreeDossier(page: Page) {
  const free = dossierRows(page)
    .filter({ has: page.getByRole('button', { name: 'Prendre le dossier' }) })
    .first();
  const number = NORD_DOSSIER.exec(await free.innerText())?.[0] ?? '';
  expect(number).not.toBe('');
  return { number, row: page.getByRole('row').filter({ hasText: number }) };
}

/** The simulator files its dossiers in the background of a first start. */
export async function waitForDemoDossiers(page: Page): Promise<void> {
  await expect
    .poll(() => dossierRows(page).count(), { timeout: 60_000, intervals: [1_000] })
    .toBeGreaterThanOrEqual(3);
}

/**
 * Dialogs and menus fade in: wait until they are drawn in full (a spinner's animation never
 * ends, hence the bound), the pointer out of the way.
 */
export async function settled(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() =>
    Promise.race([
      Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]),
  );
}

/** A dossier as `dossier.get` lists its documents, for choosing which one a spec works on. */
export type DemoDossier = {
  applicationNumber: string;
  applicantName: string;
  documents: {
    key: string;
    label: string;
    versions: { version: number; files: { sha256: string; name: string; mime: string }[] }[];
  }[];
};

/** A document with at least one version filed. */
export const filed = (document: DemoDossier['documents'][number]) => document.versions.length > 0;

/** decision.spec's choice: a demo dossier whose documents were all filed, so all can be « Conforme ». */
export const fullyFiled = (dossier: DemoDossier) =>
  dossier.documents.length >= 3 && dossier.documents.every(filed);

/** The files' kinds the viewer shows apart: a PDF, a TIFF and an image. */
export const FILE_KINDS = [
  /^application\/pdf$/,
  /^image\/tiff$/,
  /^image\/(jpeg|png|bmp)$/,
] as const;

/** agent-walk.spec's choice: a demo dossier holding a file of each kind. */
export const holdsEveryKind = (dossier: DemoDossier) => {
  const mimes = dossier.documents.flatMap((d) =>
    d.versions.flatMap((v) => v.files.map((f) => f.mime)),
  );
  return FILE_KINDS.every((kind) => mimes.some((mime) => kind.test(mime)));
};

/** The first demo dossier of the Nord that `fits`, once the simulator has filed it. */
export async function findDemoDossier(
  request: APIRequestContext,
  fits: (dossier: DemoDossier) => boolean,
): Promise<DemoDossier> {
  const { token } = await trpc<{ token: string }>(request, 'auth.login', {
    login: 'agent.nord',
    password: 'Demo-Agent-59',
  });
  let chosen: DemoDossier | null = null;
  await expect
    .poll(
      async () => {
        const { rows } = await trpc<{
          rows: { applicationNumber: string; applicantName: string }[];
        }>(request, 'queue.page', { tab: 'all', limit: 200 }, token);
        for (const row of rows) {
          const { documents } = await trpc<Pick<DemoDossier, 'documents'>>(
            request,
            'dossier.get',
            { applicationNumber: row.applicationNumber },
            token,
          );
          if (fits({ ...row, documents })) {
            chosen = { ...row, documents };
            return true;
          }
        }
        return false;
      },
      { timeout: 90_000, intervals: [2_000] },
    )
    .toBe(true);
  return chosen!;
}

/**
 * A fully filed dossier, its passport among them, still « Déposé, à instruire », that neither
 * decision.spec nor agent-walk.spec works on (each takes the first dossier fitting its criterion),
 * nor any spec before (it is no longer « Déposé » once worked on).
 */
export async function untouchedPassportDossier(request: APIRequestContext): Promise<DemoDossier> {
  const decided = (await findDemoDossier(request, fullyFiled)).applicationNumber;
  const walked = (await findDemoDossier(request, holdsEveryKind)).applicationNumber;
  const { token } = await trpc<{ token: string }>(request, 'auth.login', {
    login: 'agent.nord',
    password: 'Demo-Agent-59',
  });
  const { rows } = await trpc<{ rows: { applicationNumber: string; status: string }[] }>(
    request,
    'queue.page',
    { tab: 'all', limit: 200 },
    token,
  );
  const worked = rows.filter((row) => row.status !== 'submitted').map((r) => r.applicationNumber);
  return findDemoDossier(
    request,
    (dossier) =>
      fullyFiled(dossier) &&
      dossier.documents.some((d) => d.key === 'nationality' && filed(d)) &&
      ![decided, walked, ...worked].includes(dossier.applicationNumber),
  );
}
