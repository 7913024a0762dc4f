/**
 * A text as the applicant reads it: paragraphs, some of them a link. Screens render the
 * paragraphs; e-mails and logs use the plain-text join. A paragraph may hold line breaks ('\n')
 * where the guide breaks lines without a blank line (signatures, a document's heading and files).
 */
export type Paragraph = Readonly<{ text: string; href?: string }>;

/** Paragraphs separated by a blank line; a link whose label is not its address is « label <address> ». */
export function plainText(paragraphs: readonly Paragraph[]): string {
  return paragraphs
    .map(({ text, href }) => (href === undefined || href === text ? text : `${text} <${href}>`))
    .join('\n\n');
}

export function paragraphs(...texts: readonly string[]): Paragraph[] {
  return texts.map((text) => ({ text }));
}
