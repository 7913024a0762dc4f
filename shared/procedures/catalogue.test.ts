import { describe, expect, it } from 'vitest';
import { isProcedureKey, PROCEDURE_KEYS, PROCEDURES } from './catalogue';
import { DOCUMENT_KEYS, DOCUMENTS, FILE_DOCUMENT_KEYS } from './documents';

const COMMON = [
  'photo',
  'nationality',
  'identity',
  'parental_consent',
  'emancipation',
  'residence',
];

describe('procedure catalogue', () => {
  it('holds the three motives of lot 3, each under its own key', () => {
    expect(PROCEDURE_KEYS).toEqual(['vpf-teh', 'vpf-ase', 'vpf-protection-order']);
    for (const key of PROCEDURE_KEYS) expect(PROCEDURES[key].key).toBe(key);
    expect(isProcedureKey('vpf-teh')).toBe(true);
    expect(isProcedureKey('vpf-etudiant')).toBe(false);
    expect(isProcedureKey(undefined)).toBe(false);
  });

  it('describes the trafficking motive completely, from the guide', () => {
    const teh = PROCEDURES['vpf-teh'];
    expect(teh.documents.map((document) => document.key)).toEqual([...COMMON, 'complaint']);
    expect(
      teh.documents.every(
        (document) => !document.toConfirm && document.description && document.annex,
      ),
    ).toBe(true);
    expect(teh.card).toEqual({
      title: 'Carte de séjour temporaire',
      kind: 'Vie privée et familiale',
      durationMonths: 12,
      taxesEuros: 0,
      legalBasis: ['CESEDA L425-1', 'CESEDA R425-5'],
      toConfirm: false,
    });
    expect(teh.motiveStatement).toBe(
      "Je demande un titre de séjour en tant qu'étranger victime de la traite d'êtres humains",
    );
    expect(teh.applicationType).toBe('Demande de vie privée et familiale');
  });

  it.each([
    ['vpf-ase', 'ase_placement'],
    ['vpf-protection-order', 'protection_order'],
  ] as const)(
    '%s shares the common documents and flags its own as to be confirmed',
    (key, specific) => {
      const procedure = PROCEDURES[key];
      expect(procedure.documents.map((document) => document.key)).toEqual([...COMMON, specific]);
      expect(procedure.documents.at(-1)).toMatchObject({
        key: specific,
        description: null,
        toConfirm: true,
      });
      expect(procedure.card).toMatchObject({
        kind: 'Vie privée et familiale',
        taxesEuros: null,
        toConfirm: true,
      });
      expect(procedure.motiveStatement).toBeNull();
    },
  );

  it('asks for the photo as an e-photo number and everything else as files', () => {
    for (const key of DOCUMENT_KEYS) {
      expect(DOCUMENTS[key].key).toBe(key);
      expect(DOCUMENTS[key].input).toBe(key === 'photo' ? 'ephoto' : 'files');
    }
    expect(FILE_DOCUMENT_KEYS).not.toContain('photo');
    expect(FILE_DOCUMENT_KEYS).toHaveLength(DOCUMENT_KEYS.length - 1);
  });

  it('conditions the minors’ documents on age and emancipation', () => {
    expect(DOCUMENTS.parental_consent.required).toEqual({ when: 'minorNotEmancipated' });
    expect(DOCUMENTS.emancipation.required).toEqual({ when: 'minorEmancipated' });
    expect(DOCUMENTS.complaint.required).toEqual({ when: 'always' });
  });

  it('keeps the guide’s wording', () => {
    expect(DOCUMENTS.complaint.description).toBe(
      'Veuillez joindre le récépissé du dépôt de plainte ou référence à la procédure judiciaire engagée comportant votre témoignage ou en cas de condamnation définitive du ou des auteur(s) le jugement de condamnation définitive.',
    );
    expect(DOCUMENTS.parental_consent.annex?.text).toContain(
      '- Mandat de représentation du mineur',
    );
    expect(DOCUMENTS.nationality.description).toContain(
      '- ou certificat de nationalité de moins de 6 mois.',
    );
  });
});
