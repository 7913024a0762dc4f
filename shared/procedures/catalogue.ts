import { DOCUMENTS, type DocumentDefinition } from './documents';

/**
 * The procedures of lot 3 « Vulnérabilités » of the teleprocedure « Vie privée et familiale », as
 * data: one entry per motive, same flow, their own documents and card facts. Adding a motive is
 * adding an entry. Facts marked `toConfirm` were not in the guide (it covers the trafficking
 * motive only) and must be checked before that motive is opened to applicants.
 */
export const PROCEDURE_KEYS = ['vpf-teh', 'vpf-ase', 'vpf-protection-order'] as const;

export type ProcedureKey = (typeof PROCEDURE_KEYS)[number];

export type CardFacts = Readonly<{
  /** « Une carte de séjour temporaire, valable du … au … portant la mention Vie privée et familiale » */
  title: 'Carte de séjour temporaire';
  kind: 'Vie privée et familiale';
  durationMonths: number;
  /** null: not known yet. */
  taxesEuros: number | null;
  legalBasis: readonly string[];
  toConfirm: boolean;
}>;

export type Procedure = Readonly<{
  key: ProcedureKey;
  /** The option the applicant ticks under « Je suis en situation de vulnérabilité ». */
  choiceLabel: string;
  /** The pre-filled sentence of step 2 « Motif de séjour »; null when not known yet. */
  motiveStatement: string | null;
  /** « Type de demande » in the applicant's list of applications. */
  applicationType: string;
  card: CardFacts;
  /** In the order of the form. */
  documents: readonly DocumentDefinition[];
}>;

const COMMON_DOCUMENTS: readonly DocumentDefinition[] = [
  DOCUMENTS.photo,
  DOCUMENTS.nationality,
  DOCUMENTS.identity,
  DOCUMENTS.parental_consent,
  DOCUMENTS.emancipation,
  DOCUMENTS.residence,
];

const APPLICATION_TYPE = 'Demande de vie privée et familiale';

export const PROCEDURES: Readonly<Record<ProcedureKey, Procedure>> = {
  'vpf-teh': {
    key: 'vpf-teh',
    choiceLabel: 'En tant que victime de la traite des êtres humains',
    motiveStatement:
      "Je demande un titre de séjour en tant qu'étranger victime de la traite d'êtres humains",
    applicationType: APPLICATION_TYPE,
    card: {
      title: 'Carte de séjour temporaire',
      kind: 'Vie privée et familiale',
      durationMonths: 12,
      taxesEuros: 0,
      legalBasis: ['CESEDA L425-1', 'CESEDA R425-5'],
      toConfirm: false,
    },
    documents: [...COMMON_DOCUMENTS, DOCUMENTS.complaint],
  },
  'vpf-ase': {
    key: 'vpf-ase',
    choiceLabel: "En tant qu'étranger confié à l'ASE (Aide Sociale à l'Enfance)",
    motiveStatement: null,
    applicationType: APPLICATION_TYPE,
    card: {
      title: 'Carte de séjour temporaire',
      kind: 'Vie privée et familiale',
      durationMonths: 12,
      taxesEuros: null,
      legalBasis: ['CESEDA L423-22'],
      toConfirm: true,
    },
    documents: [...COMMON_DOCUMENTS, DOCUMENTS.ase_placement],
  },
  'vpf-protection-order': {
    key: 'vpf-protection-order',
    choiceLabel: "En tant que bénéficiaire d'une ordonnance de protection",
    motiveStatement: null,
    applicationType: APPLICATION_TYPE,
    card: {
      title: 'Carte de séjour temporaire',
      kind: 'Vie privée et familiale',
      durationMonths: 12,
      taxesEuros: null,
      legalBasis: ['CESEDA L425-6'],
      toConfirm: true,
    },
    documents: [...COMMON_DOCUMENTS, DOCUMENTS.protection_order],
  },
};

export function isProcedureKey(value: unknown): value is ProcedureKey {
  return typeof value === 'string' && (PROCEDURE_KEYS as readonly string[]).includes(value);
}
