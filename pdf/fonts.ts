import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * The attestations' typeface, DejaVu Sans (resources/fonts/, its licence beside it), embedded as
 * a subset of the glyphs used. Its files sit in resources/fonts/ at the project's root, which is
 * also the root of the packaged app (electron-builder.yml `files`): the folder is found by walking
 * up from this module, wherever it runs from: pdf/ in tests, out/<program>/ or its chunks/ once
 * built, app.asar/out/main/ in the packaged app.
 */
const FACES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
} as const;

type Face = keyof typeof FACES;

export type AttestationFonts = Readonly<
  Record<Face, PDFFont> & {
    /** Whether both the regular and the bold face draw it (the italic one has the motto only). */
    hasGlyph: (codePoint: number) => boolean;
  }
>;

const FONTS_FOLDER = join('resources', 'fonts');

/** resources/fonts/ in the nearest folder above `modulePath` that holds it. */
export function findFontsFolder(modulePath: string): string {
  for (let dir = dirname(modulePath); ; dir = dirname(dir)) {
    const candidate = join(dir, FONTS_FOLDER);
    if (existsSync(join(candidate, FACES.regular))) return candidate;
    if (dirname(dir) === dir) {
      throw new Error(
        `Les polices des attestations sont introuvables : aucun dossier ${FONTS_FOLDER} contenant ${FACES.regular} au-dessus de ${dirname(modulePath)}.`,
      );
    }
  }
}

let fontFiles: Promise<Readonly<Record<Face, Uint8Array>>> | undefined;

/** Read once per process: every attestation embeds the same files. */
function readFontFiles(): Promise<Readonly<Record<Face, Uint8Array>>> {
  fontFiles ??= (async () => {
    const folder = findFontsFolder(fileURLToPath(import.meta.url));
    const read = (face: Face) => readFile(join(folder, FACES[face]));
    const [regular, bold, italic] = await Promise.all([
      read('regular'),
      read('bold'),
      read('italic'),
    ]);
    return { regular, bold, italic };
  })();
  // A failed read is not kept: the next attestation tries again.
  fontFiles.catch(() => (fontFiles = undefined));
  return fontFiles;
}

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type Font = ReturnType<Fontkit['create']>;
type Glyph = ReturnType<Font['glyphForCodePoint']>;

/**
 * One glyph per character, from the font's character map, instead of fontkit's OpenType shaping:
 * pdf-lib draws each glyph at its advance width and leaves positioning (kerning, marks) out
 * anyway, and the scripts the page draws (glyph-fallback.ts) need no substitution; ligatures (ﬁ)
 * are left out with it. Shaping cost some 50 ms per font and document and 1 ms per measured line.
 * Each call gives new glyph records, so what a glyph stands for in the PDF's text (its code
 * point) comes from this document only, never from an earlier one sharing the parsed font.
 */
function oneGlyphPerCharacter(font: Font): Font {
  font.layout = (text) => {
    // pdf-lib 1.17 reads only the glyphs of a layout, and of each its id, width and code points.
    const glyphs = [...text].map((char) => {
      const codePoint = char.codePointAt(0) ?? 0;
      const { id, advanceWidth } = font.glyphForCodePoint(codePoint);
      return { id, advanceWidth, codePoints: [codePoint] } as Glyph;
    });
    return { glyphs } as ReturnType<Font['layout']>;
  };
  return font;
}

/** Each font file parsed once per process: parsing DejaVu Sans costs more than a whole page. */
const parsedFonts = new WeakMap<Uint8Array, Font>();

const parsingOnce: Fontkit = {
  create(bytes) {
    let font = parsedFonts.get(bytes);
    if (font === undefined) {
      font = oneGlyphPerCharacter(fontkit.create(bytes));
      parsedFonts.set(bytes, font);
    }
    return font;
  },
};

/** The same font files in every document: their common characters are counted once. */
let drawnByBoth: ReadonlySet<number> | undefined;

/**
 * Subsets named by a fixed tag, not pdf-lib's random suffix: the same attestation is the same
 * bytes. The tag (six capitals and « + ») is how PDF marks a subset.
 */
export async function embedAttestationFonts(doc: PDFDocument): Promise<AttestationFonts> {
  const files = await readFontFiles();
  doc.registerFontkit(parsingOnce);
  const embed = (face: Face) =>
    doc.embedFont(files[face], {
      subset: true,
      customName: `ATTEST+${FACES[face].replace(/\.ttf$/, '')}`,
    });
  // One after the other: the fonts' object numbers, hence the bytes, never depend on timing.
  const regular = await embed('regular');
  const bold = await embed('bold');
  const italic = await embed('italic');
  if (drawnByBoth === undefined) {
    const inBold = new Set(bold.getCharacterSet());
    drawnByBoth = new Set(regular.getCharacterSet().filter((codePoint) => inBold.has(codePoint)));
  }
  const drawn = drawnByBoth;
  return { regular, bold, italic, hasGlyph: (codePoint) => drawn.has(codePoint) };
}
