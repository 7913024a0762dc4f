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

/** The supplement requests of a dossier and what the agent may do with them (`supplement.state`). */
export type SupplementState = Awaited<ReturnType<typeof api.supplement.state.query>>;
export type SupplementRoundView = NonNullable<SupplementState['current']>;
export type SupplementDocument = SupplementState['documents'][number];
/** One document asked for, with the observation the applicant will read. */
export interface SupplementItem {
  documentKey: string;
  observation: string;
}
/** The notification as the applicant will read it (`supplement.preview`). */
export type SupplementNotification = Awaited<ReturnType<typeof api.supplement.preview.mutate>>;
