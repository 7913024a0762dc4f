import { describe, expect, it } from 'vitest';
import type { DocumentVerdict } from '../../../db/desktop/review-repository';
import type { DocumentVersion } from '../../../db/desktop/history-repository';
import type { RequiredDocument } from '../../../shared/documents/requirements';
import { decisionChecks, type DecisionFacts } from './decision-checks';

const required: RequiredDocument[] = [
  { key: 'nationality', label: 'Justificatif de nationalité', input: 'files', reason: '' },
  { key: 'identity', label: "Justificatif d'état civil", input: 'files', reason: '' },
];
const verdict = (documentKey: string, updatedAt = '2023-09-10T10:00:00.000Z'): DocumentVerdict => ({
  applicationNumber: '5901202308160000181',
  documentKey,
  verdict: 'compliant',
  observation: null,
  agentId: 'agent-1',
  judgedVersion: null,
  updatedAt,
});
const version = (documentKey: string, createdAt: string, number = 2): DocumentVersion => ({
  applicationNumber: '5901202308160000181',
  documentKey,
  version: number,
  source: 'supplement',
  files: [],
  message: null,
  createdAt,
});
const facts = (changes: Partial<DecisionFacts> = {}): DecisionFacts => ({
  status: 'in_review',
  role: 'agent',
  required,
  verdicts: [verdict('nationality'), verdict('identity')],
  versions: [],
  depositedOn: '2023-08-16',
  completeOn: '2023-08-16',
  decisionDate: '2023-09-17',
  today: '2023-09-17',
  ...changes,
});

describe('decisionChecks', () => {
  it('lets a reviewed dossier be decided, and shows the implicit rejection four months after completeness', () => {
    expect(decisionChecks(facts())).toEqual({
      blocking: [],
      implicitRejectionOn: '2023-12-16',
      decisionDate: '2023-09-17',
    });
  });

  it('names each required document not judged « Conforme », and one changed since its verdict', () => {
    const checks = decisionChecks(
      facts({
        verdicts: [{ ...verdict('nationality'), verdict: 'incomplete', observation: 'Illisible.' }],
      }),
    );
    expect(checks.blocking).toEqual([
      "La pièce « Justificatif de nationalité » n'est pas jugée conforme.",
      "La pièce « Justificatif d'état civil » n'est pas jugée conforme.",
    ]);
    const newer = decisionChecks(
      facts({ versions: [version('identity', '2023-09-12T08:00:00.000Z')] }),
    );
    expect(newer.blocking).toEqual([
      "La pièce « Justificatif d'état civil » a reçu une nouvelle version depuis qu'elle a été jugée conforme : examinez-la à nouveau.",
    ]);
  });

  it('knows a version new to the agent by its number, whatever the clocks of the workstation and the portal', () => {
    // A workstation 3 h behind the portal: its verdict is dated before the version it judged.
    const behind = { ...verdict('identity', '2023-09-12T05:00:00.000Z'), judgedVersion: 1 };
    const filed = version('identity', '2023-09-12T07:59:00.000Z', 1);
    expect(
      decisionChecks(facts({ verdicts: [verdict('nationality'), behind], versions: [filed] }))
        .blocking,
    ).toEqual([]);
    // 3 h ahead: an answer to a supplement received after the verdict, dated before it, is new.
    const ahead = { ...verdict('identity', '2023-09-12T11:00:00.000Z'), judgedVersion: 1 };
    const answer = version('identity', '2023-09-12T08:30:00.000Z', 2);
    expect(
      decisionChecks(
        facts({ verdicts: [verdict('nationality'), ahead], versions: [filed, answer] }),
      ).blocking,
    ).toEqual([
      "La pièce « Justificatif d'état civil » a reçu une nouvelle version depuis qu'elle a été jugée conforme : examinez-la à nouveau.",
    ]);
  });

  it('blocks while a supplement request waits, once decided, and on incoherent dates', () => {
    expect(decisionChecks(facts({ status: 'supplement_requested' })).blocking).toEqual([
      'Une demande de complément attend la réponse du demandeur.',
    ]);
    expect(decisionChecks(facts({ status: 'favorable', verdicts: [] }))).toMatchObject({
      blocking: ['Une décision a déjà été prise sur ce dossier.'],
      implicitRejectionOn: null,
    });
    expect(decisionChecks(facts({ decisionDate: '2023-08-15' })).blocking).toEqual([
      'La date de la décision (15/08/2023) ne peut pas être antérieure au dépôt de la demande (16/08/2023).',
    ]);
    expect(decisionChecks(facts({ decisionDate: '2023-09-18' })).blocking).toEqual([
      "La date de la décision (18/09/2023) ne peut pas être postérieure à aujourd'hui (17/09/2023).",
    ]);
  });

  it('refuses to decide when the required documents are not known on this workstation', () => {
    expect(decisionChecks(facts({ required: [] })).blocking).toEqual([
      'Les pièces exigées de ce dossier ne sont pas connues sur ce poste : synchronisez avant de décider.',
    ]);
  });
});
