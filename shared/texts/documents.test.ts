import { describe, expect, it } from 'vitest';
import { cardValidity, prolongationValidity } from '../dates/deadlines';
import { PROCEDURES } from '../procedures/catalogue';
import {
  confirmationStatements,
  depositConfirmationContent,
  documentTitle,
  favorableDecisionAttestationContent,
  favorableDecisionStatements,
  formatPostalAddress,
  prolongationAttestationContent,
  prolongationStatements,
  type CivilStatus,
  type PostalAddress,
} from './documents';

// Golden texts: copied from the guide's three specimens (step 5, « Instruction », annex 2).
const CIVIL_STATUS: CivilStatus = {
  birthName: 'Test',
  firstNames: 'Dcem',
  birthDate: '2007-09-14',
  birthPlace: 'Mexico',
  birthCountry: 'Mexique',
  nationality: 'Mexicaine',
};
const ADDRESS: PostalAddress = {
  line: '20 Rue Nationale',
  postcode: '59000',
  city: 'Lille',
  country: 'France',
};
const HOLDER = {
  kind: 'first' as const,
  foreignerNumber: '5908002020',
  applicationNumber: '5901202309170000213',
  civilStatus: CIVIL_STATUS,
  address: ADDRESS,
};

describe('documentTitle', () => {
  it.each([
    ['confirmation', "CONFIRMATION DU DÉPÔT D'UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR"],
    [
      'prolongation',
      "ATTESTATION DE PROLONGATION D'INSTRUCTION D'UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR",
    ],
    [
      'favorableDecision',
      'ATTESTATION DE DÉCISION FAVORABLE SUR UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR',
    ],
  ] as const)('%s of a renewal is the guide’s title', (doc, title) => {
    expect(documentTitle(doc, 'renewal')).toBe(title);
  });

  it.each([
    ['confirmation', "CONFIRMATION DU DÉPÔT D'UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR"],
    [
      'prolongation',
      "ATTESTATION DE PROLONGATION D'INSTRUCTION D'UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR",
    ],
    [
      'favorableDecision',
      'ATTESTATION DE DÉCISION FAVORABLE SUR UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR',
    ],
  ] as const)('%s of a first application says PREMIÈRE DEMANDE', (doc, title) => {
    expect(documentTitle(doc, 'first')).toBe(title);
  });
});

describe('confirmation du dépôt', () => {
  it('has the specimen’s statements word for word', () => {
    expect(confirmationStatements('2023-09-17')).toEqual([
      'Le 17/09/2023, vous avez déposé avec succès une demande de titre de séjour qui sera examinée par la préfecture compétente.',
      'Ce document constitue la preuve de dépôt de votre demande.',
      "Il ne constitue pas une preuve de régularité du séjour et ne permet pas l'ouverture de droits associés à un séjour régulier.",
      "Ce document n'autorise pas le franchissement des frontières de l'espace Schengen.",
      "Vous serez informé(e) de l'avancement et de la suite donnée à votre démarche par un courrier électronique vous invitant à vous connecter à votre espace personnel.",
    ]);
  });

  it('has the specimen’s references and civil status, in capitals, the address once', () => {
    const content = depositConfirmationContent({
      ...HOLDER,
      issuedOn: '2023-09-17',
      depositedOn: '2023-09-17',
    });
    expect(content.titleLines).toEqual([
      'CONFIRMATION DU DÉPÔT',
      "D'UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR",
    ]);
    expect(content.referencesHeading).toBe('VOS RÉFÉRENCES :');
    expect(content.references).toEqual([
      { label: 'Identifiant (N° étranger) :', value: '5908002020' },
      { label: 'N° de la demande :', value: '5901202309170000213' },
      { label: "DATE D'ÉMISSION :", value: '17/09/2023' },
    ]);
    expect(content.identity).toEqual([
      { label: 'Nom de naissance :', value: 'TEST' },
      { label: "Nom d'usage :", value: '' },
      { label: 'Prénom :', value: 'DCEM' },
      { label: 'Né(e) le :', value: '14/09/2007' },
      { label: 'A :', value: 'MEXICO, MEXIQUE' },
      { label: 'Nationalité :', value: 'MEXICAINE' },
      { label: 'Adresse :', value: '20 RUE NATIONALE 59000 LILLE FRANCE' },
    ]);
  });

  it('prints a usage name in capitals, keeping accents', () => {
    const content = depositConfirmationContent({
      ...HOLDER,
      civilStatus: { ...CIVIL_STATUS, usageName: 'Lefèvre-Éloi' },
      issuedOn: '2023-09-17',
      depositedOn: '2023-09-17',
    });
    expect(content.identity[1]).toEqual({ label: "Nom d'usage :", value: 'LEFÈVRE-ÉLOI' });
  });
});

describe('formatPostalAddress', () => {
  it('prints each part once', () => {
    expect(formatPostalAddress(ADDRESS)).toBe('20 RUE NATIONALE 59000 LILLE FRANCE');
  });

  it('does not repeat the postcode and city the form’s address line already ends with', () => {
    expect(formatPostalAddress({ ...ADDRESS, line: '20 Rue Nationale 59000 Lille' })).toBe(
      '20 RUE NATIONALE 59000 LILLE FRANCE',
    );
    expect(
      formatPostalAddress({ ...ADDRESS, line: '20 rue Nationale, 59000  LILLE, France' }),
    ).toBe('20 RUE NATIONALE 59000 LILLE FRANCE');
  });

  it('keeps a line that only mentions the city elsewhere', () => {
    expect(formatPostalAddress({ ...ADDRESS, line: '3 place de Lille' })).toBe(
      '3 PLACE DE LILLE 59000 LILLE FRANCE',
    );
  });
});

describe('attestation de prolongation d’instruction (annex 2)', () => {
  const validity = prolongationValidity('2023-09-17');

  it('has the specimen’s statements word for word, 17/09/2023 → 16/12/2023', () => {
    expect(prolongationStatements({ depositedOn: '2023-09-17', ...validity })).toEqual([
      "La demande de titre de séjour que vous avez déposée le 17/09/2023 est toujours en cours d'instruction.",
      'Cette attestation vous est délivrée pour autoriser votre présence en France entre le 17/09/2023 et le 16/12/2023.',
      "Cette attestation n'est valable qu'accompagnée du titre précédemment détenu même s'il est arrivé à expiration.",
      "Ce document justifie le maintien de l'ensemble des droits ouverts en raison du titre de séjour précédemment détenu. Si ce titre permettait d'exercer une activité professionnelle, celle-ci peut se poursuivre pendant la durée de validité de cette attestation. Elle ne permet pas l'ouverture de droits nouveaux.",
      "Ce document autorise le franchissement des frontières de l'espace Schengen.",
    ]);
  });

  it('ends its references with « Validité : du … au … »', () => {
    const content = prolongationAttestationContent({
      ...HOLDER,
      foreignerNumber: '5908002016',
      applicationNumber: '5901202309170000212',
      depositedOn: '2023-09-17',
      ...validity,
    });
    expect(content.title).toBe(
      "ATTESTATION DE PROLONGATION D'INSTRUCTION D'UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR",
    );
    expect(content.references).toEqual([
      { label: 'Identifiant (N° étranger) :', value: '5908002016' },
      { label: 'N° de la demande :', value: '5901202309170000212' },
      { label: 'Validité :', value: 'du 17/09/2023 au 16/12/2023' },
    ]);
    expect(content.references.map((r) => `${r.label} ${r.value}`).at(-1)).toBe(
      'Validité : du 17/09/2023 au 16/12/2023',
    );
  });
});

describe('attestation de décision favorable', () => {
  const facts = {
    decidedOn: '2023-09-17',
    ...cardValidity('2023-09-17', PROCEDURES['vpf-teh'].card.durationMonths),
    card: PROCEDURES['vpf-teh'].card,
    taxesEuros: 0,
  };

  it('has the specimen’s statements word for word, 18/09/2023 au 17/09/2024 and 0 €', () => {
    expect(favorableDecisionStatements(facts)).toEqual([
      "Le 17/09/2023, une décision favorable a été prise à la suite de votre demande d'admission au séjour.",
      'Une carte de séjour temporaire, valable du 18/09/2023 au 17/09/2024 portant la mention Vie privée et familiale va vous être délivré(e). Ce document est actuellement en cours de fabrication.',
      "Cette attestation n'est valable qu'accompagnée du visa de long séjour ou du titre précédemment détenu.",
      "Ce document autorise le franchissement des frontières de l'espace Schengen.",
      'Vous serez prochainement informé(e) de la réception en préfecture ou sous-préfecture de votre titre et des démarches à faire pour venir le retirer. Vous devrez à cette occasion vous acquitter de 0 € correspondant au montant des taxes que vous réglerez par timbre électronique acheté au préalable en ligne, dans un bureau de tabac ou sur les bornes installées dans certains services fiscaux.',
    ]);
  });

  it('writes other amounts the French way', () => {
    expect(favorableDecisionStatements({ ...facts, taxesEuros: 225 })[4]).toContain(
      'acquitter de 225 € correspondant',
    );
    expect(favorableDecisionStatements({ ...facts, taxesEuros: 25.5 })[4]).toContain(
      'acquitter de 25,50 € correspondant',
    );
  });

  it('carries the specimen’s references: issue date, not validity', () => {
    const content = favorableDecisionAttestationContent({
      ...HOLDER,
      kind: 'renewal',
      foreignerNumber: '5908002016',
      applicationNumber: '5901202309170000212',
      issuedOn: '2023-09-17',
      ...facts,
    });
    expect(content.titleLines).toEqual([
      'ATTESTATION DE DÉCISION FAVORABLE',
      'SUR UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR',
    ]);
    expect(content.references.at(-1)).toEqual({ label: "DATE D'ÉMISSION :", value: '17/09/2023' });
    expect(content.identity[0]).toEqual({ label: 'Nom de naissance :', value: 'TEST' });
  });
});
