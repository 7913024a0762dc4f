/**
 * DejaVu Sans (fonts.ts) draws French and names in Latin, Greek or Cyrillic letters, not every
 * script (Chinese, Thai, Devanagari…); and pdf-lib lays text out left to right only, so Arabic or
 * Hebrew would print backwards, letters unjoined. Nothing is refused: a character the page cannot
 * draw is written without the accent the font lacks, or in its plain form (ﬁ → fi, Ａ → A,
 * ² → 2), else as « ? ». Every other character, accents and all, is kept as it is. The national
 * file holds names in Latin letters already: this is a safety net, not a transliteration.
 */

// Soft hyphens, zero-width characters, direction marks, variation selectors: nothing to draw.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
const COMBINING_MARKS = /\p{M}/gu;
const RIGHT_TO_LEFT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;

/** The same text, every character drawable: `hasGlyph` says what the font covers. */
export function withGlyphFallback(text: string, hasGlyph: (codePoint: number) => boolean): string {
  const drawable = (value: string): boolean =>
    [...value].every((c) => !RIGHT_TO_LEFT.test(c) && hasGlyph(c.codePointAt(0) ?? 0));
  return [...text.normalize('NFC').replace(INVISIBLE, '').replace(/\s/g, ' ')]
    .map((char) => {
      if (drawable(char)) return char;
      const plain = char.normalize('NFKD').replace(COMBINING_MARKS, '');
      return plain !== '' && drawable(plain) ? plain : '?';
    })
    .join('');
}
