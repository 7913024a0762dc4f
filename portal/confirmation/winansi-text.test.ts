import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { toWinAnsi } from './winansi-text';

let canEncode: (codePoint: number) => boolean;

beforeAll(async () => {
  const doc = await PDFDocument.create();
  const charset = new Set((await doc.embedFont(StandardFonts.Helvetica)).getCharacterSet());
  canEncode = (codePoint) => charset.has(codePoint);
});

describe('toWinAnsi', () => {
  it('keeps French as it is: accents, capitals, ’, « », €, Œ', () => {
    const french = 'É é è ê à ç ù ï ô Ç Œ œ Ÿ ’ « » € – … DÉPÔT N’DIAYE';
    expect(toWinAnsi(french, canEncode)).toBe(french);
  });

  it('drops the diacritics the font lacks, keeping the letter', () => {
    expect(toWinAnsi('Nguyễn Thị Minh', canEncode)).toBe('Nguyen Thi Minh');
    expect(toWinAnsi('Łukasz Ğül Đorđević Ərdoğan', canEncode)).toBe('Lukasz Gül Dordevic Erdogan');
  });

  it('transliterates Cyrillic and Greek after ICAO 9303, matching the case of the word', () => {
    expect(toWinAnsi('ИВАНОВА Жанна Щукина', canEncode)).toBe('IVANOVA Zhanna Shchukina');
    expect(toWinAnsi('ЖАННА', canEncode)).toBe('ZHANNA');
    expect(toWinAnsi('Ἀλέξανδρος ΠΑΠΑΔΟΠΟΥΛΟΣ', canEncode)).toBe('Alexandros PAPADOPOYLOS');
  });

  it('writes « ? » for a character it cannot write in Latin letters, and never throws', () => {
    expect(toWinAnsi('王 أحمد', canEncode)).toBe('? ????');
  });

  it('turns any space into a space and removes invisible characters', () => {
    expect(toWinAnsi('A\tB\u202FC\u00ADD\u200BE', canEncode)).toBe('A B CDE');
  });

  it('returns only characters the font encodes', () => {
    const text = toWinAnsi('Ѐ𝔸🙂ſ ǅ ẞ ﬁ ²', canEncode);
    expect([...text].every((c) => canEncode(c.codePointAt(0) ?? 0))).toBe(true);
  });
});
