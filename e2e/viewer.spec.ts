import { encodePng, encodeTiff } from '../simulator/files/encode';
import { Raster } from '../simulator/files/raster';
import {
  expect,
  test,
  type APIRequestContext,
  type Locator,
  type Page,
  type Route,
} from '@playwright/test';
import { logIn, trpc } from './support';

// The embedded viewer on the demo dossiers the simulator files: PDF pages with thumbnails and
// selectable text, multi-page TIFF, JPEG, BMP, two files side by side, the fitting zooms, rotation
// remembered page by page, a zone drawn, and a damaged or foreign file told in place of the page
// while the other side keeps working.

interface FoundFile {
  applicationNumber: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
}

type DossierFiles = {
  documents: { versions: { files: Omit<FoundFile, 'applicationNumber'>[] }[] }[];
};

/** Every file of the agent's service's dossiers, once the simulator has filed enough of them. */
async function demoFiles(request: APIRequestContext): Promise<FoundFile[]> {
  const { token } = await trpc<{ token: string }>(request, 'auth.login', {
    login: 'agent.nord',
    password: 'Demo-Agent-59',
  });
  let files: FoundFile[] = [];
  await expect
    .poll(
      async () => {
        const page = await trpc<{ rows: { applicationNumber: string }[] }>(
          request,
          'queue.page',
          { tab: 'all', limit: 200 },
          token,
        );
        files = [];
        for (const { applicationNumber } of page.rows) {
          const dossier = await trpc<DossierFiles>(
            request,
            'dossier.get',
            { applicationNumber },
            token,
          );
          for (const document of dossier.documents)
            for (const version of document.versions)
              for (const file of version.files) files.push({ ...file, applicationNumber });
        }
        return ['application/pdf', 'image/tiff', 'image/jpeg'].every((mime) =>
          files.some((f) => f.mime === mime),
        );
      },
      { timeout: 90_000, intervals: [2_000] },
    )
    .toBe(true);
  return files;
}

/** The largest file of a type: scans of several pages. */
const largest = (files: FoundFile[], mime: string) =>
  files.filter((f) => f.mime === mime).sort((a, b) => b.size - a.size)[0]!;

/** The preview route keeps the session: only the hash changes. */
async function openPreview(page: Page, left: FoundFile, right?: FoundFile): Promise<void> {
  const query = new URLSearchParams({
    gauche: left.sha256,
    ...(right ? { droite: right.sha256 } : {}),
  });
  await page.evaluate(
    (hash) => (window.location.hash = hash),
    `#/apercu-pieces/${left.applicationNumber}?${query}`,
  );
  await expect(page.getByRole('heading', { name: /Aperçu des pièces/ })).toBeVisible();
}

const menuItem = (page: Page, text: string) =>
  page.locator('.v-overlay__content .v-list-item', { hasText: text });

/** A dossier holding a file of each kind: the preview shows one dossier at a time. */
function pairInOneDossier(
  left: (f: FoundFile) => boolean,
  right: (f: FoundFile) => boolean,
): [FoundFile, FoundFile] | null {
  for (const a of files.filter(left).sort((x, y) => y.size - x.size)) {
    const b = files.find((f) => f.applicationNumber === a.applicationNumber && f !== a && right(f));
    if (b) return [a, b];
  }
  return null;
}

const painted = (viewer: Locator) => viewer.locator('.viewer-page__drawing canvas');

/** Portrait (-1), square (0) or landscape (1): how a drawn page or miniature lies. */
async function lie(locator: Locator): Promise<number | null> {
  const box = await locator.boundingBox();
  return box ? Math.sign(box.width - box.height) : null;
}

/** A quarter turn of the page on show, once this workstation has saved it. */
async function rotateSaved(page: Page, viewer: Locator): Promise<void> {
  const saved = page.waitForResponse(
    (response) => response.url().includes('dossier.setRotation') && response.ok(),
  );
  await viewer.getByRole('button', { name: 'Faire pivoter la page' }).click();
  await saved;
}

test.describe.configure({ mode: 'serial' });
let files: FoundFile[] = [];

test.beforeAll(async ({ request }) => {
  test.setTimeout(150_000);
  files = await demoFiles(request);
});

test('un PDF s’affiche avec ses miniatures, son texte, le zoom et la rotation', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const pdf = largest(files, 'application/pdf');
  const sameDossier = files.filter(
    (f) => f.applicationNumber === pdf.applicationNumber && f.sha256 !== pdf.sha256,
  );
  const other = sameDossier.find((f) => f.mime !== 'application/pdf') ?? sameDossier[0];
  await logIn(page);
  await openPreview(page, pdf, other);

  const viewer = page.getByTestId('viewer-left');
  await expect(painted(viewer)).toBeVisible({ timeout: 30_000 });
  const counter = viewer.getByText(/^Page 1 sur \d+$/);
  await expect(counter).toBeVisible();
  const count = Number((await counter.textContent())!.match(/sur (\d+)/)![1]);
  await expect(viewer.getByText('Document PDF')).toBeVisible();
  await expect(viewer.getByText(pdf.sha256)).toBeVisible();

  if (count > 1) {
    const thumbnails = viewer.getByRole('navigation', { name: 'Miniatures des pages' });
    await expect(thumbnails.getByRole('button')).toHaveCount(count);
    await expect(thumbnails.locator('canvas').first()).toBeVisible({ timeout: 20_000 });
    await viewer.getByRole('button', { name: 'Page suivante' }).click();
    await expect(viewer.getByText(`Page 2 sur ${count}`)).toBeVisible();
    await thumbnails.getByRole('button', { name: 'Page 1', exact: true }).click();
    await expect(viewer.getByText(`Page 1 sur ${count}`)).toBeVisible();
  }

  // Zoom: the menu's choices, then a step in.
  await viewer.getByRole('button', { name: /Choisir le zoom/ }).click();
  await menuItem(page, '100 %').click();
  await expect(viewer.getByRole('button', { name: /actuellement 100 %/ })).toBeVisible();
  await viewer.getByRole('button', { name: 'Agrandir' }).click();
  await expect(viewer.getByRole('button', { name: /actuellement 125 %/ })).toBeVisible();
  await viewer.getByRole('button', { name: /Choisir le zoom/ }).click();
  await menuItem(page, 'Ajuster à la largeur').click();
  await expect(page.locator('.v-overlay__content .v-list')).toBeHidden();
  await page.screenshot({ path: 'e2e/screenshots/viewer-side-by-side.png' });
  await viewer.screenshot({ path: 'e2e/screenshots/viewer-pdf.png' });

  // Rotation is remembered for the file on this workstation.
  const canvas = painted(viewer);
  const before = (await canvas.boundingBox())!;
  await rotateSaved(page, viewer);
  await expect.poll(() => lie(canvas)).toBe(-Math.sign(before.width - before.height));
  await page.evaluate(() => (window.location.hash = '#/file'));
  await expect(page.getByRole('heading', { name: 'File des dossiers' })).toBeVisible();
  await openPreview(page, pdf, other);
  await expect
    .poll(() => lie(painted(page.getByTestId('viewer-left'))))
    .toBe(-Math.sign(before.width - before.height));
  await page
    .getByTestId('viewer-left')
    .screenshot({ path: 'e2e/screenshots/viewer-pdf-rotated.png' });
  // Turn it back: three more quarters, each saved before the next (other tests open this file).
  for (let i = 0; i < 3; i++) await rotateSaved(page, page.getByTestId('viewer-left'));
});

test('le texte d’un PDF se sélectionne', async ({ page }) => {
  test.setTimeout(60_000);
  // Vector PDFs (forms, certificates) carry text; scans do not: take the smallest PDF.
  const pdf = files.filter((f) => f.mime === 'application/pdf').sort((a, b) => a.size - b.size)[0]!;
  await logIn(page);
  await openPreview(page, pdf);
  const viewer = page.getByTestId('viewer-left');
  await expect(painted(viewer)).toBeVisible({ timeout: 30_000 });
  await expect(viewer.locator('.textLayer span').first()).toBeAttached({ timeout: 15_000 });
  const selected = await viewer.locator('.textLayer').evaluate((layer) => {
    const range = document.createRange();
    range.selectNodeContents(layer);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return selection.toString();
  });
  expect(selected.trim().length).toBeGreaterThan(10);
});

/** Three grey pages of a fax-like letter, as the simulator writes multi-page TIFFs. */
function threePageTiff(): Uint8Array {
  const pages = [1, 2, 3].map((n) => {
    const raster = new Raster(850, 1100);
    raster.strokeRect(40, 40, 770, 1020, 4, [30, 30, 30]);
    raster.text(90, 140, `PAGE ${n} SUR 3`, 60, [0, 0, 0]);
    for (let line = 0; line < 14; line++)
      raster.fillRect(90, 220 + line * 50, 400 + ((line * 97 * n) % 260), 14, [60, 60, 60]);
    return raster;
  });
  return encodeTiff(pages, 'grey', {
    dpi: 100,
    software: 'e2e',
    dateTime: '2026:01:01 00:00:00',
  });
}

/** A 24-bit BMP of the given size: a blue-to-red gradient with a dark frame. */
function bmpBytes(width: number, height: number): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const file = Buffer.alloc(54 + row * height);
  file.write('BM', 0, 'latin1');
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(54, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(width, 18);
  file.writeInt32LE(height, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  file.writeUInt32LE(row * height, 34);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const edge = x < 8 || y < 8 || x >= width - 8 || y >= height - 8;
      const at = 54 + y * row + x * 3;
      file[at] = edge ? 40 : Math.round((255 * x) / width); // blue
      file[at + 1] = edge ? 40 : 90; // green
      file[at + 2] = edge ? 40 : Math.round((255 * y) / height); // red
    }
  return file;
}

test('un TIFF de plusieurs pages, une image JPEG et une image BMP', async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page);
  const viewer = page.getByTestId('viewer-left');
  // The demo scans are drawn at random: a TIFF of several pages among them, else one made here
  // the way the simulator makes them, served in place of the largest TIFF's bytes.
  const tiffs = files.filter((f) => f.mime === 'image/tiff').sort((a, b) => b.size - a.size);
  let pages = 0;
  for (const tiff of tiffs) {
    await openPreview(page, tiff);
    await expect(painted(viewer)).toBeVisible({ timeout: 30_000 });
    await expect(viewer.getByText('Image TIFF')).toBeVisible();
    const counter = await viewer.getByText(/^Page 1 sur \d+$/).textContent();
    pages = Number(counter!.match(/sur (\d+)/)![1]);
    if (pages > 1) break;
    await page.evaluate(() => (window.location.hash = '#/file'));
  }
  if (pages < 2) {
    await page.route('**/local-files/**', (route) =>
      route.fulfill({ status: 200, contentType: 'image/tiff', body: Buffer.from(threePageTiff()) }),
    );
    await openPreview(page, tiffs[0]!);
    await expect(viewer.getByText('Page 1 sur 3')).toBeVisible({ timeout: 30_000 });
    pages = 3;
  }
  await expect(
    viewer.getByRole('navigation', { name: 'Miniatures des pages' }).locator('canvas'),
  ).toHaveCount(pages, { timeout: 20_000 });
  await viewer.getByRole('button', { name: 'Page suivante' }).click();
  await expect(viewer.getByText(`Page 2 sur ${pages}`)).toBeVisible();
  await expect(painted(viewer)).toBeVisible();
  await page.unrouteAll();
  await viewer.screenshot({ path: 'e2e/screenshots/viewer-tiff.png' });

  const jpeg = largest(files, 'image/jpeg');
  await openPreview(page, jpeg);
  await expect(painted(viewer)).toBeVisible({ timeout: 30_000 });
  await expect(viewer.getByText('Image JPEG')).toBeVisible();
  await viewer.screenshot({ path: 'e2e/screenshots/viewer-jpeg.png' });

  // BMP: a demo one if the simulator drew one, else a BMP served in place of the JPEG's bytes.
  const bmp = files.find((f) => f.mime === 'image/bmp');
  if (!bmp) {
    await page.route('**/local-files/**', (route) =>
      route.fulfill({ status: 200, contentType: 'image/bmp', body: bmpBytes(600, 400) }),
    );
  }
  await page.evaluate(() => (window.location.hash = '#/file'));
  await openPreview(page, bmp ?? jpeg);
  await expect(painted(viewer)).toBeVisible({ timeout: 30_000 });
  await expect(viewer.getByText('Image BMP')).toBeVisible();
  await viewer.screenshot({ path: 'e2e/screenshots/viewer-bmp.png' });
  await page.unrouteAll();
});

test('l’agent trace une zone à surligner sur la page', async ({ page }) => {
  test.setTimeout(60_000);
  const jpeg = largest(files, 'image/jpeg');
  await logIn(page);
  await openPreview(page, jpeg);
  const viewer = page.getByTestId('viewer-left');
  await expect(painted(viewer)).toBeVisible({ timeout: 30_000 });
  await viewer.getByRole('button', { name: 'Surligner une zone' }).click();
  const box = (await viewer.locator('.viewer-page').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + 60);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + 160, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByText('Zone tracée sur la page 1.')).toBeVisible();
  await expect(
    viewer.getByRole('button', { name: 'Zone surlignée sans commentaire' }),
  ).toBeVisible();
  await viewer.screenshot({ path: 'e2e/screenshots/viewer-highlight.png' });
});

test('un fichier endommagé est signalé à la place de la page, l’autre reste lisible', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const pair = pairInOneDossier(
    (f) => f.mime === 'application/pdf',
    (f) => f.mime.startsWith('image/'),
  );
  // The demo seed is deterministic: such a dossier exists, and its absence is a failure.
  expect(pair, 'aucun dossier de démonstration avec un PDF et une image').toBeTruthy();
  const [pdf, image] = pair!;
  await logIn(page);
  // A real browser given real truncated bytes: the first 3 kB of the PDF only.
  let served = 0;
  await page.route('**/local-files/**', async (route) => {
    const response = await route.fetch();
    const bytes = await response.body();
    served++;
    if (response.headers()['content-type'] === 'application/pdf') {
      await route.fulfill({ response, body: bytes.subarray(0, 3000) });
    } else {
      await route.fulfill({ response });
    }
  });
  await openPreview(page, pdf, image);
  const left = page.getByTestId('viewer-left');
  await expect(left.getByRole('alert')).toContainText(
    'Ce fichier PDF est endommagé ou incomplet.',
    {
      timeout: 30_000,
    },
  );
  await expect(painted(page.getByTestId('viewer-right'))).toBeVisible({ timeout: 30_000 });
  expect(served).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: 'e2e/screenshots/viewer-corrupt.png' });
});

test('un lien expiré est renouvelé ; un fichier absent du poste est dit en français', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const pair = pairInOneDossier(
    (f) => f.mime === 'application/pdf',
    (f) => f.mime.startsWith('image/'),
  );
  // The demo seed is deterministic: such a dossier exists, and its absence is a failure.
  expect(pair, 'aucun dossier de démonstration avec un PDF et une image').toBeTruthy();
  const [pdf, image] = pair!;
  await logIn(page);
  // The PDF's first link answers as an expired one; the image is not on this workstation.
  const seen = new Set<string>();
  await page.route('**/local-files/**', async (route) => {
    const response = await route.fetch();
    const type = response.headers()['content-type'] ?? '';
    if (type === 'application/pdf' && !seen.has('pdf')) {
      seen.add('pdf');
      await route.fulfill({
        status: 404,
        contentType: 'text/plain; charset=utf-8',
        body: 'Ce lien de fichier a expiré : rouvrez la pièce.',
      });
    } else if (type.startsWith('image/')) {
      await route.fulfill({
        status: 503,
        contentType: 'text/plain; charset=utf-8',
        body: 'Cette pièce n’est pas encore sur ce poste et le portail ne répond pas.',
      });
    } else {
      await route.fulfill({ response });
    }
  });
  await openPreview(page, pdf, image);
  await expect(painted(page.getByTestId('viewer-left'))).toBeVisible({ timeout: 30_000 });
  const right = page.getByTestId('viewer-right').getByRole('alert');
  await expect(right).toContainText(
    'Ce fichier n’est pas disponible sur ce poste pour le moment.',
    {
      timeout: 30_000,
    },
  );
  await expect(right).toContainText(
    'Cette pièce n’est pas encore sur ce poste et le portail ne répond pas.',
  );
  await page.screenshot({ path: 'e2e/screenshots/viewer-unavailable.png' });
});

/** Bytes no viewer opens: a Word document (a ZIP archive) as far as its first bytes tell. */
function wordLikeBytes(): Buffer {
  const bytes = Buffer.alloc(8_000);
  bytes.write('PK\x03\x04\x14\x00\x06\x00', 0, 'latin1');
  let state = 59;
  for (let i = 8; i < bytes.length; i++) {
    state = (state * 48271) % 2_147_483_647;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/** The dossier as the page reads it (`dossier.get`, batched or not), one file renamed and retyped. */
async function renameFile(page: Page, sha256: string, name: string, mime: string): Promise<void> {
  await page.route(
    (url) =>
      url.pathname.startsWith('/trpc/') &&
      url.pathname.slice('/trpc/'.length).split(',').includes('dossier.get'),
    async (route) => {
      const response = await route.fetch();
      const json: unknown = JSON.parse(await response.text(), (_key, value: unknown) =>
        value && typeof value === 'object' && 'mime' in value && 'sha256' in value
          ? value.sha256 === sha256
            ? { ...value, name, mime }
            : value
          : value,
      );
      await route.fulfill({ response, json });
    },
  );
}

/** The first `fraction` of a file's bytes, as an interrupted upload leaves it. */
async function fulfillCut(route: Route, bytes: Uint8Array, type: string, fraction: number) {
  await route.fulfill({
    status: 200,
    contentType: type,
    body: Buffer.from(bytes.subarray(0, Math.floor(bytes.length * fraction))),
  });
}

/** A grey scan as the simulator writes PNGs: a framed page with lines of text. */
function pngBytes(): Uint8Array {
  const raster = new Raster(900, 1200);
  raster.strokeRect(30, 30, 840, 1140, 4, [30, 30, 30]);
  for (let line = 0; line < 30; line++)
    raster.fillRect(80, 100 + line * 34, 300 + ((line * 131) % 420), 12, [60, 60, 60]);
  return encodePng(raster, false);
}

const isPdf = (f: FoundFile) => f.mime === 'application/pdf';

test('un fichier d’un format inconnu est dit non pris en charge, l’autre côté reste lisible', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const pair = pairInOneDossier((f) => f.mime.startsWith('image/'), isPdf);
  expect(pair, 'aucun dossier de démonstration avec un PDF et une image').toBeTruthy();
  const [image, pdf] = pair!;
  await logIn(page);
  // The image's file as a Word document: so named and typed in the dossier, such bytes served.
  const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  await renameFile(page, image.sha256, 'attestation-hebergement.docx', docx);
  let foreignServed = false;
  await page.route('**/local-files/**', async (route) => {
    const response = await route.fetch();
    if ((response.headers()['content-type'] ?? '').startsWith('image/')) {
      foreignServed = true;
      await route.fulfill({ status: 200, contentType: docx, body: wordLikeBytes() });
    } else {
      await route.fulfill({ response });
    }
  });
  await openPreview(page, image, pdf);
  const left = page.getByTestId('viewer-left');
  await expect(left.getByRole('alert')).toContainText('Format de fichier non pris en charge.', {
    timeout: 30_000,
  });
  await expect(left.getByRole('alert')).toContainText(
    'Les autres pièces du dossier restent consultables.',
  );
  expect(foreignServed).toBe(true);
  await expect(painted(left)).toHaveCount(0);
  await expect(left.getByRole('button', { name: 'Faire pivoter la page' })).toBeDisabled();
  const right = page.getByTestId('viewer-right');
  await expect(painted(right)).toBeVisible({ timeout: 30_000 });
  await expect(right.getByText('Document PDF')).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/viewer-unsupported.png' });
});

test('une image PNG ou un TIFF tronqués sont dits endommagés ; le reste reste lisible', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // A demo PNG if the simulator drew one, else a PNG served in place of a JPEG's bytes.
  const realPng = pairInOneDossier((f) => f.mime === 'image/png', isPdf);
  const pngPair = realPng ?? pairInOneDossier((f) => f.mime === 'image/jpeg', isPdf);
  const tiffPair = pairInOneDossier((f) => f.mime === 'image/tiff', isPdf);
  expect(pngPair, 'aucun dossier de démonstration avec un PDF et une image').toBeTruthy();
  expect(tiffPair, 'aucun dossier de démonstration avec un PDF et un TIFF').toBeTruthy();
  await logIn(page);
  const cut: string[] = [];
  await page.route('**/local-files/**', async (route) => {
    const response = await route.fetch();
    const type = response.headers()['content-type'] ?? '';
    if (type === 'image/tiff') {
      // Three pages, the first two whole: the cut falls in the last one.
      cut.push('tiff');
      await fulfillCut(route, threePageTiff(), 'image/tiff', 0.9);
    } else if (type.startsWith('image/')) {
      cut.push('png');
      await fulfillCut(route, realPng ? await response.body() : pngBytes(), 'image/png', 0.5);
    } else {
      await route.fulfill({ response });
    }
  });
  const left = page.getByTestId('viewer-left');
  const right = page.getByTestId('viewer-right');

  await openPreview(page, ...pngPair!);
  await expect(left.getByRole('alert')).toContainText('Cette image est endommagée ou incomplète.', {
    timeout: 30_000,
  });
  await expect(painted(left)).toHaveCount(0);
  await expect(painted(right)).toBeVisible({ timeout: 30_000 });
  expect(cut).toContain('png');
  await page.screenshot({ path: 'e2e/screenshots/viewer-damaged-png.png' });

  // The preview reads its files from the address when it opens: leave it, then come back.
  await page.evaluate(() => (window.location.hash = '#/file'));
  await expect(page.getByRole('heading', { name: 'File des dossiers' })).toBeVisible();
  const [tiff, pdf] = tiffPair!;
  await openPreview(page, tiff, pdf);
  await expect(left.getByRole('alert')).toContainText('Cette image est endommagée ou incomplète.', {
    timeout: 30_000,
  });
  await expect(left.getByText(/^Page 1 sur/)).toHaveCount(0);
  await expect(painted(right)).toBeVisible({ timeout: 30_000 });
  expect(cut).toContain('tiff');
  await page.screenshot({ path: 'e2e/screenshots/viewer-damaged-tiff.png' });

  // The same viewer opens the next file the agent chooses.
  await page.getByRole('combobox', { name: 'Pièce de gauche' }).click({ force: true });
  await page.getByRole('option').filter({ hasText: pdf.name }).first().click();
  await expect(left.getByRole('alert')).toHaveCount(0);
  await expect(painted(left)).toBeVisible({ timeout: 30_000 });
  await expect(left.getByText('Document PDF')).toBeVisible();
});

test('« Page entière » fait tenir toute la page dans la visionneuse', async ({ page }) => {
  test.setTimeout(60_000);
  const pdf = largest(files, 'application/pdf');
  await logIn(page);
  await openPreview(page, pdf);
  const viewer = page.getByTestId('viewer-left');
  await expect(painted(viewer)).toBeVisible({ timeout: 30_000 });
  const stage = viewer.locator('.document-viewer__stage');
  const sheet = viewer.locator('.viewer-page');
  const MARGIN = 16; // above and below the page, and at least beside it

  await viewer.getByRole('button', { name: /Choisir le zoom/ }).click();
  await menuItem(page, 'Page entière').click();
  await expect(viewer.getByRole('button', { name: /actuellement Page entière/ })).toBeVisible();
  await expect(page.locator('.v-overlay__content .v-list')).toBeHidden();
  /** How far the page stays inside the stage on each side (negative: it overflows). */
  const inside = async () => {
    const room = (await stage.boundingBox())!;
    const box = (await sheet.boundingBox())!;
    return {
      top: box.y - room.y,
      bottom: room.y + room.height - (box.y + box.height),
      left: box.x - room.x,
      right: room.x + room.width - (box.x + box.width),
    };
  };
  // The whole page within the stage, its margins kept, and as large as they allow: one pair of
  // sides touches the margins (top and bottom for a portrait page).
  await expect
    .poll(async () => {
      const { top, bottom, left, right } = await inside();
      const fits = Math.min(top, bottom, left, right) >= MARGIN - 1;
      const tight = Math.min(Math.max(top, bottom), Math.max(left, right)) <= MARGIN + 2;
      return fits && tight;
    })
    .toBe(true);
  expect(await stage.evaluate((el) => el.scrollHeight <= el.clientHeight)).toBe(true);
  // The drawing itself is redrawn at that size.
  await expect
    .poll(async () => {
      const canvas = (await painted(viewer).boundingBox())!;
      const box = (await sheet.boundingBox())!;
      return Math.abs(canvas.height - box.height) <= 1 && Math.abs(canvas.width - box.width) <= 1;
    })
    .toBe(true);
  await viewer.screenshot({ path: 'e2e/screenshots/viewer-fit-page.png' });

  // Back to the width: the page is wider, and a portrait page runs past the stage.
  const fitted = (await sheet.boundingBox())!;
  await viewer.getByRole('button', { name: /Choisir le zoom/ }).click();
  await menuItem(page, 'Ajuster à la largeur').click();
  await expect.poll(async () => (await sheet.boundingBox())!.width).toBeGreaterThan(fitted.width);
});

test('la rotation d’une autre page que la première est retenue pour cette page seule', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // Three portrait pages served in place of the largest TIFF's bytes: rotations are kept per
  // file and page on this workstation, whatever the bytes.
  const tiff = largest(files, 'image/tiff');
  await logIn(page);
  await page.route('**/local-files/**', (route) =>
    route.fulfill({ status: 200, contentType: 'image/tiff', body: Buffer.from(threePageTiff()) }),
  );
  await openPreview(page, tiff);
  const viewer = page.getByTestId('viewer-left');
  const thumbnails = viewer.getByRole('navigation', { name: 'Miniatures des pages' });
  const miniature = (n: number) =>
    thumbnails.getByRole('button', { name: `Page ${n}`, exact: true }).locator('canvas');
  const PORTRAIT = -1;
  const LANDSCAPE = 1;
  await expect(viewer.getByText('Page 1 sur 3')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => lie(painted(viewer))).toBe(PORTRAIT);

  await viewer.getByRole('button', { name: 'Page suivante' }).click();
  await expect(viewer.getByText('Page 2 sur 3')).toBeVisible();
  await expect.poll(() => lie(painted(viewer))).toBe(PORTRAIT);
  await rotateSaved(page, viewer);
  await expect.poll(() => lie(painted(viewer))).toBe(LANDSCAPE);
  await expect.poll(() => lie(miniature(2))).toBe(LANDSCAPE);
  await expect.poll(() => lie(miniature(1))).toBe(PORTRAIT);
  await viewer.screenshot({ path: 'e2e/screenshots/viewer-page2-rotated.png' });

  // Page 1 as it was; page 2 turned again when the agent comes back to it.
  await viewer.getByRole('button', { name: 'Page précédente' }).click();
  await expect(viewer.getByText('Page 1 sur 3')).toBeVisible();
  await expect.poll(() => lie(painted(viewer))).toBe(PORTRAIT);
  await viewer.getByRole('button', { name: 'Page suivante' }).click();
  await expect(viewer.getByText('Page 2 sur 3')).toBeVisible();
  await expect.poll(() => lie(painted(viewer))).toBe(LANDSCAPE);

  // Kept on this workstation: still so after a reload (the session ends with the page).
  await page.reload();
  await logIn(page); // the page's routes outlive the reload
  await openPreview(page, tiff);
  await expect(viewer.getByText('Page 1 sur 3')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => lie(painted(viewer))).toBe(PORTRAIT);
  await thumbnails.getByRole('button', { name: 'Page 2', exact: true }).click();
  await expect(viewer.getByText('Page 2 sur 3')).toBeVisible();
  await expect.poll(() => lie(painted(viewer))).toBe(LANDSCAPE);

  // Turned back, each quarter saved: the TIFF test opens this file too.
  for (let i = 0; i < 3; i++) await rotateSaved(page, viewer);
  await expect.poll(() => lie(painted(viewer))).toBe(PORTRAIT);
});
