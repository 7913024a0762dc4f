/**
 * The PDFs use the standard Helvetica (no font file to ship; @pdf-lib/fontkit, needed to embed
 * one, is not installed). Its WinAnsi encoding covers French (É, é, ’, «», €, Œ) but not every
 * name: a character it cannot encode would make pdf-lib throw. Nothing is refused: such
 * characters are written in Latin letters: diacritics the font lacks dropped (NGUYỄN → NGUYEN,
 * ŁUKASZ → LUKASZ), Cyrillic and Greek transliterated letter by letter with the tables of
 * passports' machine-readable zones (ICAO 9303 part 3: ИВАНОВА → IVANOVA), anything else as « ? ». The
 * national file holds names in Latin letters already: this is a safety net, not a translation.
 */

/** 'А=A Б=B …' → a map; an empty right side drops the letter. */
function table(pairs: string): ReadonlyMap<string, string> {
  return new Map(pairs.split(' ').map((pair) => pair.split('=') as [string, string]));
}

// ICAO 9303 part 3, table A: Cyrillic (Russian, Ukrainian, Belarusian, Serbian, Macedonian).
const CYRILLIC = table(
  'А=A Б=B В=V Г=G Ґ=G Д=D Ђ=D Ѓ=G Е=E Ё=E Є=IE Ж=ZH З=Z Ѕ=DZ И=I І=I Ї=I Й=I Ј=J К=K Ќ=K Л=L ' +
    'Љ=LJ М=M Н=N Њ=NJ О=O П=P Р=R С=S Т=T Ћ=C У=U Ў=U Ф=F Х=KH Ц=TS Ч=CH Џ=DZ Ш=SH Щ=SHCH Ъ=IE ' +
    'Ы=Y Ь= Э=E Ю=IU Я=IA',
);

// ICAO 9303 part 3, table B: Greek (accents are dropped before the look-up).
const GREEK = table(
  'Α=A Β=V Γ=G Δ=D Ε=E Ζ=Z Η=I Θ=TH Ι=I Κ=K Λ=L Μ=M Ν=N Ξ=X Ο=O Π=P Ρ=R Σ=S Τ=T Υ=Y Φ=F Χ=CH ' +
    'Ψ=PS Ω=O',
);

// Latin letters without a decomposition, and punctuation the encoding lacks.
const OTHERS = table(
  "Ł=L ł=l Đ=D đ=d Ħ=H ħ=h ı=i ĸ=k Ŋ=N ŋ=n Ŧ=T ŧ=t Ə=E ə=e ẞ=SS Ɨ=I ɨ=i ʼ=’ ʻ=‘ ʹ=' ′=' " +
    '″=" ‐=- ‑=- ‒=– −=-',
);

function fromTables(char: string): string | undefined {
  // 'ς', the final sigma, has 'Σ' for capital like 'σ'.
  const upper = char.toUpperCase();
  const latin = CYRILLIC.get(upper) ?? GREEK.get(upper);
  if (latin !== undefined) return char === upper ? latin : latin.toLowerCase();
  return OTHERS.get(char);
}

const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const COMBINING_MARKS = /\p{M}/gu;

/** The same text, every character encodable: `canEncode` says what the font's encoding covers. */
export function toWinAnsi(text: string, canEncode: (codePoint: number) => boolean): string {
  const encodable = (value: string): boolean =>
    [...value].every((c) => canEncode(c.codePointAt(0) ?? 0));
  const chars = [...text.normalize('NFC').replace(INVISIBLE, '').replace(/\s/g, ' ')];
  return chars
    .map((char, index) => {
      if (encodable(char)) return char;
      const bare = char.normalize('NFKD').replace(COMBINING_MARKS, '');
      if (bare !== '' && encodable(bare)) return bare;
      const latin = fromTables(bare) ?? fromTables(char);
      if (latin === undefined) return '?';
      // Жанна → Zhanna, ЖАННА → ZHANNA: a multi-letter capital followed by small letters.
      const next = chars[index + 1] ?? '';
      const nextIsSmall = next !== next.toUpperCase();
      return latin.length > 1 && nextIsSmall ? latin[0] + latin.slice(1).toLowerCase() : latin;
    })
    .join('');
}
