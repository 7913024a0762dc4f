import type { DocumentKey } from '../procedures/documents';

/**
 * Observations an agent picks from when a document is « À compléter »: they go word for word into
 * the supplement request the applicant reads, so they speak to the applicant (« vous »). The first
 * one is the guide's own example. Free text is always possible.
 */
export const COMMON_OBSERVATIONS: readonly string[] = [
  'Veuillez fournir une copie lisible de ce document.',
  'Veuillez fournir une copie complète de ce document (toutes les pages, recto et verso).',
  "Le document fourni n'est plus valable : veuillez fournir un document en cours de validité.",
  'Le document fourni ne correspond pas à la pièce demandée : veuillez fournir la pièce demandée.',
  "Veuillez joindre une traduction en français de ce document, si elle n'est pas déjà fournie.",
];

const SPECIFIC_OBSERVATIONS: Partial<Readonly<Record<DocumentKey, readonly string[]>>> = {
  nationality: [
    'Veuillez fournir une copie lisible de votre passeport.',
    "Veuillez fournir la copie des pages de votre passeport comportant votre état civil, sa date de validité et les cachets d'entrée en France.",
  ],
  identity: ['Veuillez fournir une copie intégrale de votre acte de naissance, avec filiation.'],
  residence: [
    'Veuillez fournir un justificatif de domicile datant de moins de 6 mois.',
    "Veuillez joindre l'attestation d'hébergement signée et la pièce d'identité de la personne qui vous héberge.",
  ],
  complaint: [
    'Veuillez fournir le récépissé de votre dépôt de plainte, ou la référence de la procédure judiciaire comportant votre témoignage.',
  ],
  parental_consent: [
    "Veuillez fournir l'accord signé de votre représentant légal et la copie de sa pièce d'identité.",
  ],
};

/** The observations offered for one document: its own first, then the common ones. */
export function observationTemplates(documentKey: string): readonly string[] {
  return [...(SPECIFIC_OBSERVATIONS[documentKey as DocumentKey] ?? []), ...COMMON_OBSERVATIONS];
}
