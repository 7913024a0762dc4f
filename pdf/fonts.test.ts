import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFontsFolder } from './fonts';

const fonts = resolve(import.meta.dirname, '../resources/fonts');

describe('findFontsFolder', () => {
  it('finds resources/fonts/ from the source, and from a program built into out/', () => {
    expect(findFontsFolder(join(import.meta.dirname, 'fonts.ts'))).toBe(fonts);
    const root = resolve(import.meta.dirname, '..');
    expect(findFontsFolder(join(root, 'out/main/index.js'))).toBe(fonts);
    expect(findFontsFolder(join(root, 'out/main/chunks/render-documents-1a2b.js'))).toBe(fonts);
  });

  it('finds them at the root of app.asar in the packaged app (electron-builder.yml `files`)', () => {
    const app = mkdtempSync(join(tmpdir(), 'instructeur-app-'));
    try {
      const asar = join(app, 'resources/app.asar');
      mkdirSync(join(asar, 'resources/fonts'), { recursive: true });
      writeFileSync(join(asar, 'resources/fonts/DejaVuSans.ttf'), '');
      expect(findFontsFolder(join(asar, 'out/main/index.js'))).toBe(join(asar, 'resources/fonts'));
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });

  it('says in French where it looked when the fonts are missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'instructeur-empty-'));
    try {
      expect(() => findFontsFolder(join(empty, 'out/main/index.js'))).toThrow(
        /^Les polices des attestations sont introuvables.*DejaVuSans\.ttf/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
