import type { api } from '../api/trpc-client';
import type { ViewerFile } from '../viewer/types';

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

/** What stands between the dossier and each instruction action (`instruction.checks`). */
export type InstructionChecks = Awaited<ReturnType<typeof api.instruction.checks.query>>;

/** An attestation rendered for the agent to read in the viewer before issuing it. */
export interface AttestationPreview {
  file: ViewerFile;
  /** « Attestation de prolongation d’instruction » */
  title: string;
  /** « Valable du 27/11/2026 au 26/02/2027 » */
  facts: string;
}
