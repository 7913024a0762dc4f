// `npm run bench:viewer`: time to the first painted page of a 10 MB scanned PDF (12 pages of large
// JPEGs) in our viewer (renderer/src/viewer/DocumentViewer.vue) beside pdf.js's own viewer
// component (pdfjs-dist/web/pdf_viewer.mjs), both built with Vite into out/bench-viewer/site,
// served by one local HTTP server under the application's CSP, in Chromium, several runs each
// (alternating, each in a fresh browser context, nothing cached). Prints each run, the medians, and
// last `RESULT first_page_ms=<ours median> first_page_ratio=<ours/stock>` (target ratio ≤ 1.0).
// BENCH_VIEWER_RUNS=<n> sets the runs per viewer (default 7).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import vuetify from 'vite-plugin-vuetify';
import { findBrowser } from '../../scripts/find-browser.mjs';
import { scanPdf } from './scan-pdf.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = join(root, 'out/bench-viewer');
const site = join(out, 'site');
const runs = Number(process.env.BENCH_VIEWER_RUNS ?? 7);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`BENCH_VIEWER_RUNS invalide : « ${process.env.BENCH_VIEWER_RUNS} ».`);
  process.exit(2);
}

// The application's policy (electron/backend/security-headers.ts): the worker from the site itself.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
].join('; ');

const browser = await findBrowser();
if (!browser) {
  console.error('Aucun navigateur : installez Chromium (`sudo apt-get install chromium`).');
  process.exit(1);
}

mkdirSync(out, { recursive: true });
const pdfPath = join(out, 'scan-10mb.pdf');
if (!existsSync(pdfPath)) {
  console.info('Création du PDF scanné de 12 pages (une fois, ≈ 15 s)…');
  writeFileSync(pdfPath, await scanPdf());
}
const pdf = readFileSync(pdfPath);
const sha256 = createHash('sha256').update(pdf).digest('hex');
console.info(`PDF : ${(pdf.length / 1e6).toFixed(1)} Mo, 12 pages (${pdfPath}).`);

console.info('Construction des deux pages de mesure (Vite)…');
await build({
  root: join(root, 'bench/viewer'),
  base: '/',
  logLevel: 'warn',
  configFile: false,
  plugins: [vue(), vuetify({ autoImport: true })],
  build: {
    outDir: site,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: {
        ours: join(root, 'bench/viewer/ours.html'),
        stock: join(root, 'bench/viewer/stock.html'),
      },
    },
  },
});

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const headers = { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' };
  if (path === '/scan.pdf') {
    // Like the workstation's /local-files/: the whole file, no ranges.
    response.writeHead(200, {
      ...headers,
      'Content-Type': 'application/pdf',
      'Content-Length': pdf.length,
      'X-Sha256': sha256,
    });
    response.end(pdf);
    return;
  }
  const file = normalize(join(site, path === '/' ? 'ours.html' : path));
  if (!file.startsWith(site) || !existsSync(file)) {
    response.writeHead(404, headers).end();
    return;
  }
  response.writeHead(200, {
    ...headers,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
  });
  response.end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const chrome = await chromium.launch({
  executablePath: browser.system ? browser.path : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});

async function measure(page) {
  const context = await chrome.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const tab = await context.newPage();
    const errors = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    tab.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await tab.goto(`${base}/${page}.html`);
    await tab.waitForFunction(() => globalThis.benchResult, null, { timeout: 120_000 });
    const result = await tab.evaluate(() => globalThis.benchResult);
    if ('error' in result) throw new Error(`${page} : ${result.error}`);
    if (errors.length) console.warn(`  (${page}) ${errors.join(' | ')}`);
    if (process.env.BENCH_VIEWER_TRACE) console.info(`  (${page}) ${JSON.stringify(result.marks)}`);
    return result;
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

try {
  // One run each to warm the disk cache and the browser, not counted.
  await measure('ours');
  await measure('stock');
  const times = { ours: [], stock: [] };
  const loads = { ours: [], stock: [] };
  for (let run = 1; run <= runs; run++) {
    for (const page of run % 2 ? ['ours', 'stock'] : ['stock', 'ours']) {
      const { firstPageMs, fromNavigationMs } = await measure(page);
      times[page].push(firstPageMs);
      loads[page].push(fromNavigationMs);
      console.info(
        `run ${run} ${page.padEnd(5)} première page : ${firstPageMs.toFixed(0)} ms après l'ouverture du fichier, ${fromNavigationMs.toFixed(0)} ms après le début du chargement de la page`,
      );
    }
  }
  const ours = median(times.ours);
  const stock = median(times.stock);
  console.info(
    `médianes depuis le début du chargement de la page (code compris) : notre visionneuse ${median(loads.ours).toFixed(0)} ms, pdf.js ${median(loads.stock).toFixed(0)} ms`,
  );
  console.info(
    `médianes depuis l'ouverture du fichier : notre visionneuse ${ours.toFixed(0)} ms, pdf.js (PDFViewer) ${stock.toFixed(0)} ms`,
  );
  console.info(
    `RESULT first_page_ms=${Math.round(ours)} first_page_ratio=${(ours / stock).toFixed(2)}`,
  );
} finally {
  await chrome.close();
  server.close();
}
