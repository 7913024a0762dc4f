// A deterministic "scanned" PDF for the viewer bench: 12 A4 pages, each one large JPEG of paper
// grain, lines of "text" and a stamp, about 10 MB in all. Same bytes on every machine (seeded).
import jpeg from 'jpeg-js';
import { PDFDocument } from 'pdf-lib';

const PAGES = 12;
// 200 dpi A4, the resolution of an office scanner's default.
const WIDTH = 1654;
const HEIGHT = 2339;

/** mulberry32: small, fast, seeded. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pagePixels(index, grain) {
  const rnd = random(1000 + index);
  const data = Buffer.alloc(WIDTH * HEIGHT * 4);
  // Lines of words: dark runs on a light paper, as a scanned letter looks.
  const ink = new Uint8Array(WIDTH * HEIGHT);
  for (let line = 0; line < 48; line++) {
    const top = 260 + line * 40;
    let x = 180;
    while (x < WIDTH - 240) {
      const word = 30 + Math.floor(rnd() * 120);
      for (let y = top; y < top + 18; y++)
        for (let i = x; i < Math.min(x + word, WIDTH - 180); i++)
          if (rnd() < 0.85) ink[y * WIDTH + i] = 1;
      x += word + 18 + Math.floor(rnd() * 12);
    }
  }
  const tint = 230 + Math.floor(rnd() * 12);
  for (let p = 0, i = 0; p < WIDTH * HEIGHT; p++, i += 4) {
    const noise = (rnd() - 0.5) * grain;
    const value = ink[p] ? 40 + noise : tint + noise;
    const v = Math.max(0, Math.min(255, value));
    data[i] = v;
    data[i + 1] = Math.max(0, Math.min(255, v - 3));
    data[i + 2] = Math.max(0, Math.min(255, v - 8));
    data[i + 3] = 255;
  }
  return data;
}

/** The PDF's bytes: 10.6 MB with the default grain (pixel noise, which sets the JPEGs' weight). */
export async function scanPdf(grain = 6) {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  pdf.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  pdf.setProducer('bench-viewer');
  pdf.setCreator('bench-viewer');
  for (let index = 0; index < PAGES; index++) {
    const { data } = jpeg.encode(
      { data: pagePixels(index, grain), width: WIDTH, height: HEIGHT },
      80,
    );
    const image = await pdf.embedJpg(data);
    const page = pdf.addPage([595.28, 841.89]);
    page.drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return pdf.save({ useObjectStreams: false });
}
