import { describe, expect, it } from 'vitest';
import type { DomainError } from '../errors';
import { validateDossier, validateStep } from './validate';

const ASOF = '2023-08-16';
const SHA = 'a'.repeat(64);
const file = (name = 'Justificatif.png', extra: Record<string, unknown> = {}) => ({
  sha256: SHA,
  name,
  size: 20_480,
  mime: 'image/png',
  ...extra,
});

/** An adult applicant whose dossier is complete; each test breaks one thing. */
function dossier() {
  return {
    personal: {
      civilStatus: {
        birthName: 'Test',
        usageName: '',
        firstNames: 'Test',
        sex: 'female',
        birthDate: '1995-03-02',
        emancipatedMinor: false,
        birthCountry: 'Mexique',
        birthPlace: 'Cancun',
        nationality: 'Mexicaine',
      },
      foreignerNumber: '59 0800 2010',
      address: {
        line: '20 Rue Nationale 59800 Lille',
        overseas: false,
        streetNumber: '20',
        street: 'Rue Nationale',
        postcode: '59800',
        city: 'Lille',
        country: 'FRANCE',
        inseeCode: '59350',
      },
      contact: { email: 'mineuretranger1@yopmail.com', phone: '01 01 01 01 01' },
    },
    motive: {
      procedure: 'vpf-teh',
      entryDate: '2021-06-01',
      family: { situation: 'single' },
      hasDependentChildren: false,
      honourAttestations: { needsPermitToWork: true, awareOfPenalties: true },
    },
    documents: {
      ephoto: { code: 'AB12CD34EF56GH78IJ90KL', confirmation: 'ab12cd34ef56gh78ij90kl' },
      files: {
        nationality: [file('passeport.pdf', { mime: 'application/pdf' })],
        identity: [file()],
        residence: [file('facture-1.png'), file('facture-2.png')],
        complaint: [file('JUSTIFICATIF.png')],
      },
    },
    deposit: { observations: '' },
  };
}

type Dossier = ReturnType<typeof dossier>;

function errorsOf(input: unknown, asOf = ASOF): DomainError[] {
  const result = validateDossier(input, { asOf });
  return result.ok ? [] : result.errors;
}

function broken(edit: (d: Dossier & Record<string, never>) => void): DomainError[] {
  const d = dossier();
  edit(d as Dossier & Record<string, never>);
  return errorsOf(d);
}

describe('validateDossier: a complete dossier', () => {
  it('is accepted and normalised', () => {
    const result = validateDossier(dossier(), { asOf: ASOF });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { personal, motive, documents, deposit } = result.value;
    expect(personal.foreignerNumber).toBe('5908002010');
    expect(personal.contact.phone).toBe('+33101010101');
    expect(personal.civilStatus.usageName).toBeUndefined();
    expect(personal.address.inseeCode).toBe('59350');
    expect(motive.family).toEqual({ situation: 'single' });
    expect(documents.ephoto?.code).toBe('AB12CD34EF56GH78IJ90KL');
    expect(deposit.observations).toBe('');
  });

  it('fills the defaults a client may leave out', () => {
    const d: Record<string, unknown> & Partial<Dossier> = dossier();
    const civilStatus: Partial<Dossier['personal']['civilStatus']> = d.personal!.civilStatus;
    const address: Partial<Dossier['personal']['address']> = d.personal!.address;
    delete civilStatus.emancipatedMinor;
    delete address.country;
    delete address.overseas;
    delete d.deposit;
    const result = validateDossier(d, { asOf: ASOF });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.personal.civilStatus.emancipatedMinor).toBe(false);
    expect(result.value.personal.address).toMatchObject({ country: 'FRANCE', overseas: false });
    expect(result.value.deposit).toEqual({ observations: '' });
  });

  it('accepts a married applicant with the union described', () => {
    const errors = broken((d) => {
      (d.motive as Record<string, unknown>).family = {
        situation: 'married',
        unionStartDate: '2019-07-13',
        unionCountry: 'Mexique',
      };
    });
    expect(errors).toEqual([]);
  });

  it('accepts an entry on the submission day itself', () => {
    expect(broken((d) => (d.motive.entryDate = ASOF))).toEqual([]);
  });

  it('accepts an entry and a union on the birth date itself (only an earlier date is refused)', () => {
    const errors = broken((d) => {
      d.motive.entryDate = d.personal.civilStatus.birthDate;
      (d.motive as Record<string, unknown>).family = {
        situation: 'pacsed',
        unionStartDate: d.personal.civilStatus.birthDate,
        unionCountry: 'FRANCE',
      };
    });
    expect(errors).toEqual([]);
  });

  it('ignores a union date sent with a situation that has no union (the schema drops it)', () => {
    const result = validateDossier(
      {
        ...dossier(),
        motive: {
          ...dossier().motive,
          family: { situation: 'divorced', unionStartDate: '1990-01-01' },
        },
      },
      { asOf: ASOF },
    );
    expect(result.ok && result.value.motive.family).toEqual({ situation: 'divorced' });
  });
});

describe('validateDossier: every problem, with its field', () => {
  it.each<[string, (d: Dossier) => void, Partial<DomainError>]>([
    [
      'city missing',
      (d) => delete (d.personal.address as Partial<Dossier['personal']['address']>).city,
      {
        field: 'personal.address.city',
        code: 'field_invalid',
        message: 'Le champ « Ville » est obligatoire.',
      },
    ],
    [
      'city blank',
      (d) => (d.personal.address.city = '   '),
      { field: 'personal.address.city', message: 'Le champ « Ville » est obligatoire.' },
    ],
    [
      'address line too long',
      (d) => (d.personal.address.line = 'x'.repeat(301)),
      {
        field: 'personal.address.line',
        message: 'Le champ « Adresse » ne doit pas dépasser 300 caractères.',
      },
    ],
    [
      'foreigner number',
      (d) => (d.personal.foreignerNumber = '590800201'),
      {
        field: 'personal.foreignerNumber',
        code: 'identifier_invalid',
        message: 'Le numéro étranger doit comporter 10 chiffres.',
      },
    ],
    [
      'foreigner number not a text',
      (d) => ((d.personal as Record<string, unknown>).foreignerNumber = 5908002010),
      {
        field: 'personal.foreignerNumber',
        message: 'Le champ « N° étranger » doit être un texte.',
      },
    ],
    [
      'phone missing',
      (d) => (d.personal.contact.phone = ''),
      {
        field: 'personal.contact.phone',
        code: 'identifier_invalid',
        message: 'Le numéro de téléphone est obligatoire.',
      },
    ],
    [
      'email',
      (d) => (d.personal.contact.email = 'mineuretranger1'),
      {
        field: 'personal.contact.email',
        message: 'Le champ « Email » doit contenir une adresse électronique valide.',
      },
    ],
    [
      'postcode not served',
      (d) => (d.personal.address.postcode = '98800'),
      { field: 'personal.address.postcode', code: 'address_unroutable' },
    ],
    [
      'INSEE code given as a postcode',
      (d) => (d.personal.address.inseeCode = '59000'),
      { field: 'personal.address.inseeCode', code: 'identifier_invalid' },
    ],
    [
      'sex',
      (d) => (d.personal.civilStatus.sex = 'M'),
      {
        field: 'personal.civilStatus.sex',
        message: 'Le champ « Sexe » doit valoir Masculin ou Féminin.',
      },
    ],
    [
      'birth date impossible',
      (d) => (d.personal.civilStatus.birthDate = '1995-02-29'),
      {
        field: 'personal.civilStatus.birthDate',
        message: "La date de naissance n'est pas une date valide.",
      },
    ],
    [
      'entry date missing',
      (d) => ((d.motive as Record<string, unknown>).entryDate = undefined),
      {
        field: 'motive.entryDate',
        message: "Le champ « Date d'entrée en France » est obligatoire.",
      },
    ],
    [
      'entry date in the future',
      (d) => (d.motive.entryDate = '2023-08-17'),
      {
        field: 'motive.entryDate',
        message: "La date d'entrée en France ne peut pas être postérieure au 16/08/2023.",
      },
    ],
    [
      'entry date before birth',
      (d) => (d.motive.entryDate = '1990-01-01'),
      {
        field: 'motive.entryDate',
        message: "La date d'entrée en France ne peut pas être antérieure à la date de naissance.",
      },
    ],
    [
      'union before birth',
      (d) =>
        ((d.motive as Record<string, unknown>).family = {
          situation: 'married',
          unionStartDate: '1994-12-31',
          unionCountry: 'Mexique',
        }),
      {
        field: 'motive.family.unionStartDate',
        code: 'field_invalid',
        message: "La date de début de l'union ne peut pas être antérieure à la date de naissance.",
      },
    ],
    [
      'family situation missing',
      (d) => ((d.motive as Record<string, unknown>).family = undefined),
      { field: 'motive.family', message: 'Veuillez indiquer votre situation familiale.' },
    ],
    [
      'family situation unknown',
      (d) => ((d.motive.family as Record<string, unknown>).situation = 'widowed'),
      { field: 'motive.family.situation', message: 'Veuillez indiquer votre situation familiale.' },
    ],
    [
      'children question unanswered',
      (d) => ((d.motive as Record<string, unknown>).hasDependentChildren = null),
      {
        field: 'motive.hasDependentChildren',
        message: 'Veuillez indiquer si vous avez des enfants à votre charge.',
      },
    ],
    [
      'honour box unticked',
      (d) => ((d.motive.honourAttestations as Record<string, unknown>).awareOfPenalties = false),
      {
        field: 'motive.honourAttestations.awareOfPenalties',
        message:
          "Veuillez cocher la case « Avoir connaissance des sanctions pénales encourues par l'auteur d'une fausse attestation. »",
      },
    ],
    [
      'honour box on the need to work unticked',
      (d) => ((d.motive.honourAttestations as Record<string, unknown>).needsPermitToWork = false),
      {
        field: 'motive.honourAttestations.needsPermitToWork',
        message:
          "Veuillez cocher la case « Avoir besoin de disposer d'un titre afin de pouvoir travailler ou faire un stage. »",
      },
    ],
    [
      'procedure unknown',
      (d) => (d.motive.procedure = 'vpf-etudiant'),
      { field: 'motive.procedure', message: 'Le motif de séjour est inconnu.' },
    ],
    [
      'e-photo typed differently',
      (d) => (d.documents.ephoto.confirmation = 'AB12CD34EF56GH78IJ90KM'),
      { field: 'documents.ephoto.confirmation', code: 'identifier_mismatch' },
    ],
    [
      'e-photo too short',
      (d) => (d.documents.ephoto = { code: '123', confirmation: '123' }),
      { field: 'documents.ephoto.code', code: 'identifier_invalid' },
    ],
    [
      'e-photo missing',
      (d) => delete (d.documents as Partial<Dossier['documents']>).ephoto,
      {
        field: 'documents.ephoto',
        code: 'document_missing',
        message: "Le numéro ephoto (« Photographie d'identité récente ») est obligatoire.",
      },
    ],
    [
      'complaint missing',
      (d) => delete (d.documents.files as Partial<Dossier['documents']['files']>).complaint,
      {
        field: 'documents.files.complaint',
        code: 'document_missing',
        message:
          'Le justificatif « Récépissé du dépôt de plainte ou jugement de condamnation définitive » est obligatoire.',
      },
    ],
    [
      'no file in a list',
      (d) => (d.documents.files.identity = []),
      {
        field: 'documents.files.identity',
        message: 'Veuillez joindre au moins un fichier pour ce justificatif.',
      },
    ],
    [
      'four files',
      (d) => (d.documents.files.residence = [file(), file(), file(), file()]),
      {
        field: 'documents.files.residence',
        message: 'Vous pouvez joindre 3 fichiers au maximum par justificatif.',
      },
    ],
    [
      'a GIF',
      (d) => (d.documents.files.identity = [file('acte.gif', { mime: 'image/gif' })]),
      {
        field: 'documents.files.identity.0.mime',
        code: 'file_format',
        message:
          "Le fichier « acte.gif » n'est pas dans un format accepté (JPG, PNG, PDF, TIFF, BMP).",
      },
    ],
    [
      'a file too large',
      (d) => (d.documents.files.identity = [file('acte.png', { size: 10_485_761 })]),
      { field: 'documents.files.identity.0.size', code: 'file_too_large' },
    ],
    [
      'an empty file',
      (d) => (d.documents.files.identity = [file('acte.png', { size: 0 })]),
      { field: 'documents.files.identity.0.size', code: 'file_empty' },
    ],
    [
      'a bad hash',
      (d) => (d.documents.files.identity = [file('acte.png', { sha256: 'abc' })]),
      {
        field: 'documents.files.identity.0.sha256',
        message: "L'empreinte SHA-256 du fichier doit comporter 64 caractères hexadécimaux.",
      },
    ],
    [
      'an unknown document',
      (d) => ((d.documents.files as Record<string, unknown>).passport = [file()]),
      { field: 'documents.files', message: 'Justificatif inconnu : passport.' },
    ],
    [
      'a document of another motive',
      (d) => ((d.documents.files as Record<string, unknown>).protection_order = [file()]),
      {
        field: 'documents.files.protection_order',
        code: 'document_not_in_procedure',
        message:
          'Le justificatif « Ordonnance de protection » ne fait pas partie des pièces de cette démarche.',
      },
    ],
    [
      'observations too long',
      (d) => (d.deposit.observations = 'x'.repeat(4001)),
      {
        field: 'deposit.observations',
        message:
          "Le champ « Observations à destination de l'administration » ne doit pas dépasser 4000 caractères.",
      },
    ],
  ])('%s', (_case, edit, expected) => {
    const errors = broken(edit as (d: Dossier & Record<string, never>) => void);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject(expected);
  });

  it('asks a married applicant for the union, both fields at once', () => {
    const errors = broken((d) => {
      (d.motive as Record<string, unknown>).family = {
        situation: 'pacsed',
        unionStartDate: '2030-01-01',
      };
    });
    expect(errors).toEqual([
      {
        code: 'field_invalid',
        field: 'motive.family.unionStartDate',
        message: "La date de début de l'union ne peut pas être postérieure au 16/08/2023.",
      },
      {
        code: 'field_invalid',
        field: 'motive.family.unionCountry',
        message: "Le champ « Pays de l'union » est obligatoire.",
      },
    ]);
  });

  it('asks a minor for the parental consent', () => {
    const errors = broken((d) => (d.personal.civilStatus.birthDate = '2007-09-14'));
    expect(errors).toEqual([
      {
        code: 'document_missing',
        field: 'documents.files.parental_consent',
        message:
          'Le justificatif « Accord du parent/représentant légal ou du mandataire » est obligatoire.',
      },
    ]);
  });

  it('asks an emancipated minor for the proof of emancipation', () => {
    const errors = broken((d) => {
      d.personal.civilStatus.birthDate = '2006-09-14';
      d.personal.civilStatus.emancipatedMinor = true;
    });
    expect(errors.map((e) => e.field)).toEqual(['documents.files.emancipation']);
  });

  it('reports every problem of a dossier at once', () => {
    const errors = broken((d) => {
      (d.motive as Record<string, unknown>).entryDate = undefined;
      (d.motive as Record<string, unknown>).family = undefined;
      d.personal.contact.phone = '12';
      delete (d.documents.files as Partial<Dossier['documents']['files']>).complaint;
      delete (d.documents.files as Partial<Dossier['documents']['files']>).identity;
    });
    expect(errors.map((e) => e.field).sort()).toEqual([
      'documents.files.complaint',
      'documents.files.identity',
      'motive.entryDate',
      'motive.family',
      'personal.contact.phone',
    ]);
  });

  it('names each missing step', () => {
    expect(errorsOf({})).toEqual([
      {
        code: 'field_invalid',
        field: 'personal',
        message: "L'étape « Informations personnelles » n'est pas renseignée.",
      },
      {
        code: 'field_invalid',
        field: 'motive',
        message: "L'étape « Motif de séjour » n'est pas renseignée.",
      },
      {
        code: 'field_invalid',
        field: 'documents',
        message: "L'étape « Justificatifs » n'est pas renseignée.",
      },
    ]);
    expect(errorsOf(null)).toEqual([
      {
        code: 'field_invalid',
        field: '',
        message:
          'La demande doit être un objet comportant les étapes personal, motive, documents et deposit.',
      },
    ]);
  });

  it('speaks French only, even for garbage', () => {
    const garbage = {
      personal: {
        civilStatus: { birthName: 1, sex: 2, birthDate: 3, emancipatedMinor: 'oui' },
        address: 4,
        contact: { email: 5 },
      },
      motive: {
        procedure: 6,
        entryDate: 7,
        family: { situation: 'married', unionCountry: 8 },
        hasDependentChildren: 'non',
        honourAttestations: [],
      },
      documents: {
        ephoto: { code: 9 },
        files: { identity: [{ sha256: 10, name: 11, size: 'x', mime: 12 }], nationality: 'x' },
      },
      deposit: { observations: 13 },
    };
    const errors = errorsOf(garbage);
    expect(errors.length).toBeGreaterThan(15);
    for (const error of errors) {
      expect(error.message).not.toMatch(/invalid|expected|received|required/i);
      expect(error.message).toMatch(/^[A-ZÀ-ÜL«]/);
    }
  });
});

describe('validateStep', () => {
  it('validates one step and prefixes its fields', () => {
    expect(
      validateStep('motive', { ...dossier().motive, entryDate: '2023-08-20' }, { asOf: ASOF }),
    ).toEqual({
      ok: false,
      errors: [
        {
          code: 'field_invalid',
          field: 'motive.entryDate',
          message: "La date d'entrée en France ne peut pas être postérieure au 16/08/2023.",
        },
      ],
    });
  });

  it('judges the motive step’s dates against the birth date it is given', () => {
    const motive = {
      ...dossier().motive,
      entryDate: '1994-06-01',
      family: { situation: 'pacsed', unionStartDate: '1995-03-01', unionCountry: 'FRANCE' },
    };
    expect(validateStep('motive', motive, { asOf: ASOF, birthDate: '1995-03-02' })).toEqual({
      ok: false,
      errors: [
        {
          code: 'field_invalid',
          field: 'motive.entryDate',
          message: "La date d'entrée en France ne peut pas être antérieure à la date de naissance.",
        },
        {
          code: 'field_invalid',
          field: 'motive.family.unionStartDate',
          message:
            "La date de début de l'union ne peut pas être antérieure à la date de naissance.",
        },
      ],
    });
    expect(validateStep('motive', motive, { asOf: ASOF, birthDate: '1994-06-01' }).ok).toBe(true);
    // Without a birth date the rule waits for the whole dossier.
    expect(validateStep('motive', motive, { asOf: ASOF }).ok).toBe(true);
  });

  it('reports a date before the birth date along with the step’s other issues', () => {
    const motive = { ...dossier().motive, entryDate: '1990-01-01', hasDependentChildren: 'non' };
    const result = validateStep('motive', motive, { asOf: ASOF, birthDate: '1995-03-02' });
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual([
      'motive.hasDependentChildren',
      'motive.entryDate',
    ]);
  });

  it('returns the normalised step', () => {
    const result = validateStep('personal', dossier().personal, { asOf: ASOF });
    expect(result.ok && result.value.contact.phone).toBe('+33101010101');
    expect(validateStep('deposit', { observations: null }, { asOf: ASOF })).toEqual({
      ok: true,
      value: { observations: '' },
    });
  });

  it('judges the documents step on its shape only (requirements need the whole dossier)', () => {
    expect(validateStep('documents', { files: {} }, { asOf: ASOF })).toEqual({
      ok: true,
      value: { files: {} },
    });
  });
});
