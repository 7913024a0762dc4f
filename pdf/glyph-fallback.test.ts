import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedAttestationFonts } from './fonts';
import { withGlyphFallback } from './glyph-fallback';

// What the attestations' fonts draw: DejaVu Sans, regular and bold.
let hasGlyph: (codePoint: number) => boolean;

beforeAll(async () => {
  ({ hasGlyph } = await embedAttestationFonts(await PDFDocument.create()));
});

describe('withGlyphFallback', () => {
  it('keeps French as it is: accents, capitals, ’, « », €, Œ', () => {
    const french = 'É é è ê à ç ù ï ô Ç Œ œ Ÿ ’ « » € – … DÉPÔT N’DIAYE';
    expect(withGlyphFallback(french, hasGlyph)).toBe(french);
  });

  it('keeps the names the font writes, in Latin, Cyrillic or Greek letters', () => {
    const names = 'Nguyễn Thị Minh Łukasz Ğül Đorđević Ərdoğan ИВАНОВА Жанна Ἀλέξανδρος Şəhla';
    expect(withGlyphFallback(names, hasGlyph)).toBe(names);
  });

  it('drops an accent the font lacks, keeping the letter', () => {
    const latinOnly = (codePoint: number) => codePoint < 0x250;
    expect(withGlyphFallback('Nguyễn Thị', latinOnly)).toBe('Nguyen Thi');
  });

  it('writes compatibility characters in their plain form', () => {
    const plainOnly = (codePoint: number) => codePoint < 0x80;
    expect(withGlyphFallback('ﬁ Ａ ² ǅ', plainOnly)).toBe('fi A 2 Dz');
  });

  it('writes « ? » for a script the font lacks, and never throws', () => {
    expect(withGlyphFallback('王 小明 สมชาย देव', hasGlyph)).toBe('? ?? ????? ???');
  });

  it('writes « ? » for right-to-left scripts, which the page would draw backwards', () => {
    expect(withGlyphFallback('أحمد שרה', hasGlyph)).toBe('???? ???');
  });

  it('turns any space into a space and removes invisible characters', () => {
    expect(withGlyphFallback('A\tB\u202FC\u00ADD\u200BE\u200FF', hasGlyph)).toBe('A B CDEF');
  });

  it('returns only characters the font draws', () => {
    const text = withGlyphFallback('Ѐ𝔸🙂ſ ǅ ẞ ﬁ ² \u0007', hasGlyph);
    expect([...text].every((c) => hasGlyph(c.codePointAt(0) ?? 0))).toBe(true);
  });
});
