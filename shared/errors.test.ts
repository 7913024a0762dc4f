import { describe, expect, it } from 'vitest';
import {
  alreadyDecided,
  documentNotInProcedure,
  fileTooLarge,
  invalidField,
  missingDocument,
  roleNotAllowed,
  wrongStatus,
} from './errors';

describe('domain errors', () => {
  it('are plain values with a stable code and a French message', () => {
    expect(alreadyDecided()).toEqual({
      code: 'transition_decided',
      message: 'Une décision a déjà été prise sur ce dossier.',
    });
    expect(
      JSON.parse(
        JSON.stringify(missingDocument('Justificatif d’identité', 'documents.files.identity')),
      ),
    ).toEqual({
      code: 'document_missing',
      message: 'Le justificatif « Justificatif d’identité » est obligatoire.',
      field: 'documents.files.identity',
    });
  });

  it('carry a field only when one is concerned', () => {
    expect(invalidField('motive.entryDate', 'x')).toHaveProperty('field', 'motive.entryDate');
    expect(wrongStatus('Brouillon')).not.toHaveProperty('field');
    expect(
      documentNotInProcedure('Ordonnance de protection', 'documents.files.protection_order').code,
    ).toBe('document_not_in_procedure');
  });

  it('compose their wording from what they are given', () => {
    expect(fileTooLarge('a.pdf', '10 Mo').message).toBe(
      'Le fichier « a.pdf » dépasse la taille maximale de 10 Mo par fichier.',
    );
    expect(roleNotAllowed('au demandeur').message).toBe('Cette action est réservée au demandeur.');
  });
});
