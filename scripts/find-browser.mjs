import { existsSync } from 'node:fs';
import { ensureDebianPackage } from './debian-package.mjs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Playwright's own Chromium, where `npx playwright install` could fetch it. */
async function playwrightChromium() {
  try {
    const { chromium } = await import('@playwright/test');
    const path = chromium.executablePath();
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * The browser for end-to-end tests: E2E_BROWSER if set; Debian's Chromium (installed with apt when
 * we are root and it is missing); Playwright's own browser. Returns { path, system } or null.
 */
export async function findBrowser() {
  if (process.env.E2E_BROWSER) return { path: process.env.E2E_BROWSER, system: true };
  if (existsSync(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, system: true };
  const own = await playwrightChromium();
  if (own) return { path: own, system: false };
  if (await ensureDebianPackage(DEBIAN_CHROMIUM, 'chromium')) {
    return { path: DEBIAN_CHROMIUM, system: true };
  }
  return null;
}
