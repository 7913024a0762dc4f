import { describe, expect, it } from 'vitest';
import type { ApplicationEvent } from '../../../db/desktop/history-repository';
import type { JsonObject } from '../../../db/json-column';
import { supplementReading } from './supplement-reading';
import { supplementReadAt, supplementRounds } from './supplement-rounds';

const event = (seq: number, type: string, data: JsonObject, at = '2023-09-01T10:00:00.000Z') => ({
  seq,
  applicationNumber: '5901202308160000181',
  type,
  version: seq,
  at,
  data,
});

const requested = (seq: number, id: string, items: JsonObject[], at?: string): ApplicationEvent =>
  event(
    seq,
    'application.updated',
    {
      event: 'requestSupplement',
      supplementRequestId: id,
      actor: { kind: 'agent', id: 'a1', name: 'Camille Lefebvre' },
      payload: { items },
    },
    at,
  );
const read = (seq: number, id: string, readAt: string): ApplicationEvent =>
  event(seq, 'notification.read', { supplementRequestId: id, readAt });

const passport = { documentKey: 'nationality', observation: 'Veuillez fournir une copie lisible.' };
const bill = { documentKey: 'residence', observation: 'Un justificatif de moins de 6 mois.' };

describe('supplementRounds', () => {
  it('follows a request from sending to its answer, per document', () => {
    const rounds = supplementRounds([
      requested(1, 'r1', [passport, bill]),
      read(2, 'r1', '2023-09-02T08:00:00Z'),
      event(3, 'supplement.answered', {
        supplementRequestId: 'r1',
        answeredAt: '2023-09-10T15:00:00Z',
        answers: [
          { documentKey: 'nationality', action: 'update', documentVersion: 2, message: 'Voici.' },
          { documentKey: 'residence', action: 'maintain', reason: 'Il est récent.' },
        ],
      }),
    ]);
    expect(rounds).toEqual([
      {
        supplementRequestId: 'r1',
        requestedAt: '2023-09-01T10:00:00.000Z',
        requestedBy: 'Camille Lefebvre',
        items: [passport, bill],
        amends: null,
        withdrawnAt: null,
        readAt: '2023-09-02T08:00:00Z',
        answeredAt: '2023-09-10T15:00:00Z',
        answers: [
          { documentKey: 'nationality', action: 'update', documentVersion: 2, message: 'Voici.' },
          { documentKey: 'residence', action: 'maintain', reason: 'Il est récent.' },
        ],
      },
    ]);
  });

  it('keeps an amended request as withdrawn and its replacement as the open one', () => {
    const rounds = supplementRounds([
      requested(1, 'r1', [passport]),
      event(
        2,
        'application.updated',
        {
          event: 'amendSupplement',
          supplementRequestId: 'r2',
          previousSupplementRequestId: 'r1',
          payload: { items: [passport, bill] },
        },
        '2023-09-01T11:00:00.000Z',
      ),
    ]);
    expect(rounds.map((r) => [r.supplementRequestId, r.withdrawnAt, r.amends])).toEqual([
      ['r1', '2023-09-01T11:00:00.000Z', null],
      ['r2', null, 'r1'],
    ]);
    expect(rounds[1]?.items).toEqual([passport, bill]);
  });

  it('reads the opening of the request still waiting for an answer only', () => {
    const first = [requested(1, 'r1', [passport]), read(2, 'r1', '2023-09-02T08:00:00Z')];
    expect(supplementReadAt(first)).toEqual(new Date('2023-09-02T08:00:00Z'));
    const second = [...first, requested(3, 'r2', [bill])];
    expect(supplementReadAt(second)).toBeNull();
    expect(supplementReadAt([...second, read(4, 'r2', '2023-10-05T09:00:00Z')])).toEqual(
      new Date('2023-10-05T09:00:00Z'),
    );
    const withdrawn = event(5, 'application.updated', {
      event: 'withdrawSupplement',
      previousSupplementRequestId: 'r2',
    });
    expect(supplementReadAt([...second, withdrawn])).toBeNull();
    expect(supplementReadAt([])).toBeNull();
  });
});

describe('supplementReading', () => {
  const round = supplementRounds([requested(1, 'r1', [passport], '2023-09-01T10:00:00.000Z')])[0]!;

  it('counts the days a request stays unread', () => {
    expect(supplementReading(round, new Date('2023-09-01T20:00:00Z')).label).toBe(
      "non lue, envoyée aujourd'hui",
    );
    expect(supplementReading(round, new Date('2023-09-02T10:00:00Z')).label).toBe(
      'non lue depuis 1 jour',
    );
    expect(supplementReading(round, new Date('2023-09-05T10:00:00Z'))).toEqual({
      label: 'non lue depuis 4 jours',
      deadline: null,
      overdue: false,
    });
  });

  it('gives the reading day and the answer expected within 30 days, then the overdue state', () => {
    // Read at 23:30 in Paris on the 2nd (21:30 UTC): the 30 days run from that Paris day.
    const opened = { ...round, readAt: '2023-09-02T21:30:00Z' };
    expect(supplementReading(opened, new Date('2023-09-10T10:00:00Z'))).toEqual({
      label: 'lue le 02/09/2023 — réponse attendue avant le 02/10/2023',
      deadline: '2023-10-02',
      overdue: false,
    });
    // The last day is a whole day to answer; the next one, the dossier may be closed.
    expect(supplementReading(opened, new Date('2023-10-02T21:00:00Z')).overdue).toBe(false);
    expect(supplementReading(opened, new Date('2023-10-02T22:30:00Z'))).toEqual({
      label: 'lue le 02/09/2023 — sans réponse, délai expiré le 02/10/2023',
      deadline: '2023-10-02',
      overdue: true,
    });
    const answered = { ...opened, answeredAt: '2023-09-20T09:00:00Z' };
    expect(supplementReading(answered, new Date('2023-11-01T10:00:00Z')).label).toBe(
      'lue le 02/09/2023 — réponse reçue le 20/09/2023',
    );
    expect(
      supplementReading({ ...round, withdrawnAt: '2023-09-01T11:00:00Z' }, new Date()).label,
    ).toBe('retirée le 01/09/2023');
  });
});
