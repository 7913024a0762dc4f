import { describe, expect, it } from 'vitest';
import type { ApplicationEvent } from '../../../db/desktop/history-repository';
import { historyEntries } from './history-entries';

const NUMBER = '59-2026-00042';
const chef = { id: 'chef', name: 'Dominique Roussel' };

function event(seq: number, type: string, version: number, data: ApplicationEvent['data']) {
  return {
    seq,
    applicationNumber: NUMBER,
    type,
    version,
    at: `2026-11-0${seq}T10:00:00.000Z`,
    data,
  };
}

describe('historyEntries', () => {
  it('tells a reassignment once, to whom and why', () => {
    const entries = historyEntries([
      event(1, 'application.submitted', 1, { applicantName: 'Sofía Sánchez' }),
      event(2, 'assignment.changed', 2, {
        assignedAgentName: 'Camille Lefebvre',
        by: chef,
        reason: 'Congés de l’agent initialement prévu.',
      }),
      event(3, 'application.updated', 2, { event: 'assign', actor: chef }),
    ]);
    expect(entries.map((entry) => [entry.label, entry.actorName, entry.detail])).toEqual([
      ['Dépôt de la demande', 'Sofía Sánchez', null],
      [
        'Attribution du dossier',
        'Dominique Roussel',
        'À Camille Lefebvre — motif : Congés de l’agent initialement prévu.',
      ],
    ]);
  });

  it('keeps an update whose detail entry is of another version, and a taking without reason', () => {
    const entries = historyEntries([
      event(1, 'assignment.changed', 2, { assignedAgentName: 'Camille Lefebvre', reason: null }),
      event(2, 'application.updated', 3, { event: 'assign', actor: chef }),
    ]);
    expect(entries.map((entry) => entry.detail)).toEqual(['À Camille Lefebvre', null]);
  });

  it('shows a returned decision once, with the supervisor’s comment; a signature with its decision', () => {
    const entries = historyEntries([
      event(1, 'decision.returned', 5, {
        returnedBy: chef,
        comment: '  Motivation à compléter.  ',
      }),
      event(2, 'application.updated', 5, { event: 'returnDecision', actor: chef }),
      event(3, 'decision.approved', 7, { approvedBy: chef, comment: null }),
      event(4, 'application.updated', 7, { event: 'decideFavorable', actor: chef }),
    ]);
    expect(entries.map((entry) => [entry.label, entry.detail])).toEqual([
      ['Décision renvoyée par le chef de bureau', 'Commentaire : Motivation à compléter.'],
      ['Décision signée par le chef de bureau', null],
      ['Décision favorable', null],
    ]);
  });
});
