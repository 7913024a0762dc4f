import type { api } from '../api/trpc-client';

/** Everything the dossier page shows, as the backend assembles it. */
export type DossierView = Awaited<ReturnType<typeof api.dossier.get.query>>;
export type DossierDocument = DossierView['documents'][number];
export type DocumentVersion = DossierDocument['versions'][number];
export type DocumentFile = DocumentVersion['files'][number];
export type DossierNote = DossierView['notes'][number];
export type DossierHighlight = DossierView['highlights'][number];

/** One file picked for the viewer: which document, which version, which file. */
export interface FileChoice {
  documentKey: string;
  version: number;
  sha256: string;
}
