import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../db/json-column';
import { signatureState } from './signature-state';

const event = (seq: number, type: string, data: JsonObject) => ({
  seq,
  applicationNumber: '5901202308160000181',
  type,
  version: seq,
  at: `2026-11-0${seq}T10:00:00.000Z`,
  data,
});
const agent = { id: 'a1', name: 'Camille Lefebvre' };
const chief = { id: 's1', name: 'Sophie Durand' };
const submitted = (seq: number, id: string) =>
  event(seq, 'decision.submitted', {
    decisionId: id,
    decision: 'favorable',
    submittedBy: agent,
    payload: { decisionDate: '2026-11-01' },
  });

describe('signatureState', () => {
  it('waits from the submission to the approval', () => {
    expect(signatureState([submitted(1, 'd1')]).waiting).toEqual({
      decisionId: 'd1',
      decision: 'favorable',
      submittedBy: agent,
      at: '2026-11-01T10:00:00.000Z',
      payload: { decisionDate: '2026-11-01' },
    });
    const approved = event(2, 'decision.approved', {
      decisionId: 'd1',
      decision: 'favorable',
      approvedBy: chief,
    });
    expect(signatureState([submitted(1, 'd1'), approved])).toEqual({
      waiting: null,
      returned: null,
    });
  });

  it('keeps the comment of a returned decision until the next submission', () => {
    const returned = event(2, 'decision.returned', {
      decisionId: 'd1',
      decision: 'favorable',
      returnedBy: chief,
      comment: 'La date de la carte est à revoir.',
    });
    expect(signatureState([submitted(1, 'd1'), returned])).toEqual({
      waiting: null,
      returned: {
        decisionId: 'd1',
        decision: 'favorable',
        returnedBy: chief,
        comment: 'La date de la carte est à revoir.',
        at: '2026-11-02T10:00:00.000Z',
      },
    });
    const again = signatureState([submitted(1, 'd1'), returned, submitted(3, 'd2')]);
    expect(again.returned).toBeNull();
    expect(again.waiting?.decisionId).toBe('d2');
  });
});
