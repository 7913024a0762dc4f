import { PDFDocument } from 'pdf-lib';
import { refused, usable, type PdfProblem, type Verdict } from './verdict';

const ENCRYPT_KEY = new TextEncoder().encode('/Encrypt');

/** The trailer (or cross-reference stream) of an encrypted PDF names its /Encrypt dictionary. */
function mentionsEncryption(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(ENCRYPT_KEY) >= 0;
}

/**
 * A PDF is usable when pdf-lib parses every object, it is not encrypted (even an owner password
 * alone: the workstation must be able to read, stamp and print it) and its page tree has a page.
 * `throwOnInvalidObject` turns pdf-lib's silent repair of broken objects into a refusal. Encryption
 * is read from the document rather than from pdf-lib's error, whose class does not survive its
 * ES5 build (instanceof fails).
 */
export async function checkPdf(bytes: Uint8Array): Promise<Verdict<PdfProblem>> {
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      throwOnInvalidObject: true,
      updateMetadata: false,
    });
  } catch {
    // Encrypted object streams cannot be parsed without the key: say why rather than « illisible ».
    return refused({ kind: mentionsEncryption(bytes) ? 'encrypted' : 'unreadable' });
  }
  if (document.isEncrypted) return refused({ kind: 'encrypted' });
  try {
    // Walks the page tree: a missing catalogue or a broken tree throws here.
    const pages = document.getPages();
    for (const page of pages) page.getSize();
    return pages.length === 0 ? refused({ kind: 'noPage' }) : usable(pages.length);
  } catch {
    return refused({ kind: 'unreadable' });
  }
}
