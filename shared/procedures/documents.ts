/**
 * The supporting documents (pièces justificatives) as data. Texts are the guide's, word for word:
 * `description` is what the form shows under the document at step 3 « Justificatifs », `annex` the
 * matching entry of annex 1 « Liste des pièces justificatives demandées » (the downloadable list).
 * A document whose texts are not known yet has `description: null` and `toConfirm: true`.
 */
export const DOCUMENT_KEYS = [
  'photo',
  'nationality',
  'identity',
  'parental_consent',
  'emancipation',
  'residence',
  'complaint',
  'ase_placement',
  'protection_order',
] as const;

export type DocumentKey = (typeof DOCUMENT_KEYS)[number];

/** The photo is given as an e-photo number; every other document as 1 to 3 files. */
export type FileDocumentKey = Exclude<DocumentKey, 'photo'>;

export const FILE_DOCUMENT_KEYS = DOCUMENT_KEYS.filter(
  (key): key is FileDocumentKey => key !== 'photo',
);

/**
 * When a document is asked for. Minor means aged 16 to under 18 on the submission date
 * (documents/requirements.ts decides who is a minor).
 */
export type RequiredWhen = 'always' | 'minorNotEmancipated' | 'minorEmancipated';

export type DocumentSection = 'personal' | 'residence' | 'motive';

/** Section titles of step 3 of the form. */
export const DOCUMENT_SECTION_LABELS: Readonly<Record<DocumentSection, string>> = {
  personal: 'Informations personnelles',
  residence: 'Domiciliation',
  motive: 'Motif de séjour',
};

export type DocumentDefinition = Readonly<{
  key: DocumentKey;
  label: string;
  description: string | null;
  annex: Readonly<{ title: string; text: string }> | null;
  section: DocumentSection;
  input: 'ephoto' | 'files';
  required: Readonly<{ when: RequiredWhen }>;
  toConfirm: boolean;
}>;

const PARENTAL_CONSENT_ANNEX = [
  'Veuillez joindre les justificatifs suivants :',
  "- Passeport ou carte d'identité de la personne représentante (Parents, représentant légal ou mandataire)",
  "- Copie intégrale de l'acte de naissance avec filiation du mineur",
  'Si le ou les documents ne sont pas en français il est préférable de joindre également une traduction.',
  'Si parents mariés :',
  'Veuillez joindre le justificatif suivant :',
  "- Extrait d'acte de mariage",
  'Si parents divorcés :',
  'Veuillez joindre le justificatif suivant :',
  '- Jugement de divorce',
  "Si parents non mariés, pacsés ou concubins - reconnaissance avant l'âge d'un an de l'enfant :",
  'Veuillez joindre le justificatif suivant :',
  '- Acte de naissance mentionnant la reconnaissance',
  "Si parents non mariés, pacsés ou concubins - reconnaissance après l'âge d'un an de l'enfant :",
  'Veuillez joindre le justificatif suivant :',
  "- Une déclaration conjointe d'exercice en commun de l'autorité parentale faite auprès du greffier du tribunal de grande instance ou copie de la décision de justice statuant sur l'autorité parentale",
  'Si parents séparés :',
  'Veuillez joindre le justificatif suivant :',
  '- Ordonnance de séparation',
  "Si l'autorité parentale est exercée par un tiers ou mandataire :",
  "Veuillez joindre l'un des justificatifs suivants :",
  "- Une copie de la décision de justice portant délégation de l'autorité parentale ou de la décision du conseil de famille",
  '- Mandat de représentation du mineur',
].join('\n');

const EMANCIPATION_TEXT = [
  'Veuillez joindre un des justificatifs suivants :',
  '- Décision du juge des tutelles',
  '- Un acte de mariage',
].join('\n');

const COMPLAINT_TEXT =
  'Veuillez joindre le récépissé du dépôt de plainte ou référence à la procédure judiciaire engagée comportant votre témoignage ou en cas de condamnation définitive du ou des auteur(s) le jugement de condamnation définitive.';

export const DOCUMENTS: Readonly<Record<DocumentKey, DocumentDefinition>> = {
  photo: {
    key: 'photo',
    label: "Photographie d'identité récente",
    description:
      "Si vous disposez d'une photo et d'une signature numériques, veuillez renseigner ci-dessous le numéro ephoto figurant sur votre planche de photos d'identité. Si vous ne disposez pas encore de ephoto, vous pouvez localiser un service photo et signature numériques en suivant ce lien.",
    annex: {
      title: "Photographie d'identité récente - Numéro EPhoto",
      text: "Si vous disposez d'une photo et d'une signature numériques, veuillez renseigner le numéro ephoto figurant sur votre planche de photos d'identité. Si vous ne disposez pas encore de ephoto, vous pouvez localiser un service photo et signature numériques en suivant ce lien : https://permisdeconduire.ants.gov.fr/Services-associes/Ou-faire-ma-photo-et-ma-signature-numerisee",
    },
    section: 'personal',
    input: 'ephoto',
    required: { when: 'always' },
    toConfirm: false,
  },
  nationality: {
    key: 'nationality',
    label: 'Justificatif de nationalité',
    description: [
      'Veuillez joindre un des justificatifs suivants :',
      '- Passeport ;',
      "- ou carte nationale d'identité ;",
      '- ou certificat de nationalité de moins de 6 mois.',
    ].join('\n'),
    annex: {
      title: 'Justificatif de nationalité',
      text: [
        'Veuillez joindre un des justificatifs suivants :',
        '- Passeport ;',
        '- ou attestation consulaire ;',
        "- ou carte d'identité ;",
        '- ou carte consulaire.',
      ].join('\n'),
    },
    section: 'personal',
    input: 'files',
    required: { when: 'always' },
    toConfirm: false,
  },
  identity: {
    key: 'identity',
    label: "Justificatif d'identité",
    description:
      "Extrait d'acte de naissance avec filiation ou copie intégrale de l'acte de naissance",
    annex: {
      title: "Justificatif d'identité",
      text: "Veuillez joindre le justificatif suivant :\nExtrait d'acte de naissance avec filiation ou copie intégrale de l'acte de naissance.",
    },
    section: 'personal',
    input: 'files',
    required: { when: 'always' },
    toConfirm: false,
  },
  parental_consent: {
    key: 'parental_consent',
    label: 'Accord du parent/représentant légal ou du mandataire',
    description:
      'Veuillez joindre le justificatif suivant :\nAccord des parents / représentant légal / mandataire...',
    annex: { title: 'Justificatif de représentation légale', text: PARENTAL_CONSENT_ANNEX },
    section: 'personal',
    input: 'files',
    required: { when: 'minorNotEmancipated' },
    toConfirm: false,
  },
  emancipation: {
    key: 'emancipation',
    label: "Justificatif d'émancipation",
    // The guide shows no form screen for an emancipated minor: the annex text stands for it.
    description: EMANCIPATION_TEXT,
    annex: { title: "Justificatif d'émancipation", text: EMANCIPATION_TEXT },
    section: 'personal',
    input: 'files',
    required: { when: 'minorEmancipated' },
    toConfirm: false,
  },
  residence: {
    key: 'residence',
    label: 'Justificatif de domicile datant de moins de 6 mois',
    description: [
      'Veuillez joindre un des justificatifs de domicile suivants :',
      "- Une facture d'électricité, gaz, eau, internet, fixe ou mobile ;",
      '- ou une copie du bail de location ;',
      "- ou une copie d'une quittance de loyer ou de taxe d'habitation.",
      "Si hébergement à l'hôtel :",
      'Veuillez joindre un des justificatifs de domicile suivants :',
      "- Une attestation de l'hôtelier ;",
      '- Une copie de la facture du dernier mois.',
      'Si hébergement chez un particulier :',
      'Veuillez joindre un des justificatifs de domicile suivants :',
      "- Une attestation de l'hébergeant datée et signée ;",
      "- Une copie de sa Carte Nationale d'Identité ou de sa carte de séjour ;",
      "- Un justificatif de domicile de l'hébergeant si l'adresse inscrite sur sa carte d'identité n'est plus à jour.",
    ].join('\n'),
    annex: {
      title: 'Justificatif de domicile datant de moins de 6 mois',
      text: [
        'Veuillez joindre un des justificatifs de domicile suivant :',
        "- Facture d'électricité, gaz, eau, internet, fixe ou mobile ;",
        '- ou copie du bail de location ;',
        "- ou copie d'une quittance de loyer ou de taxe d'habitation.",
        "Si hébergement à l'hôtel :",
        'Veuillez joindre les justificatifs de domicile suivants :',
        "- Une attestation de l'hôtelier ;",
        '- Une copie de la facture du dernier mois.',
        'Si hébergement chez un particulier :',
        'Veuillez joindre les justificatifs de domicile suivants :',
        "- Attestation de l'hébergeant datée et signée,",
        "- copie de sa Carte Nationale d'Identité ou de sa carte de séjour,",
        "- justificatif de domicile de l'hébergeant si l'adresse inscrite sur sa carte d'identité ou sa carte de séjour n'est plus à jour.",
      ].join('\n'),
    },
    section: 'residence',
    input: 'files',
    required: { when: 'always' },
    toConfirm: false,
  },
  complaint: {
    key: 'complaint',
    label: 'Récépissé du dépôt de plainte ou jugement de condamnation définitive',
    description: COMPLAINT_TEXT,
    annex: {
      title: 'Récépissé du dépôt de plainte ou jugement de condamnation définitive',
      text: COMPLAINT_TEXT,
    },
    section: 'motive',
    input: 'files',
    required: { when: 'always' },
    toConfirm: false,
  },
  // The two sibling motives of lot 3: their own document is known by name only. The guide covers
  // the trafficking motive alone; fill the texts in from the official list before using them.
  ase_placement: {
    key: 'ase_placement',
    label: "Justificatif de la prise en charge par l'aide sociale à l'enfance",
    description: null,
    annex: null,
    section: 'motive',
    input: 'files',
    required: { when: 'always' },
    toConfirm: true,
  },
  protection_order: {
    key: 'protection_order',
    label: 'Ordonnance de protection',
    description: null,
    annex: null,
    section: 'motive',
    input: 'files',
    required: { when: 'always' },
    toConfirm: true,
  },
};
