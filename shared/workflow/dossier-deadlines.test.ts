import { describe, expect, it } from 'vitest';
import { runningDeadlines, type DeadlineFacts } from './dossier-deadlines';

// Golden cases: the guide's example dossier, filed on 17/09/2023.
const filed: DeadlineFacts = {
  status: 'in_review',
  completeOn: '2023-09-17',
  supplementDeadline: null,
  prolongationValidTo: null,
};

describe('running deadlines of a dossier', () => {
  it('shows the implicit rejection four months after a complete submission', () => {
    expect(runningDeadlines(filed)).toEqual([{ kind: 'implicit_rejection', date: '2024-01-17' }]);
    expect(runningDeadlines({ ...filed, completeOn: '2023-10-31' })).toEqual([
      { kind: 'implicit_rejection', date: '2024-02-29' },
    ]);
  });

  it('puts the prolongation attestation’s end first when it comes sooner', () => {
    expect(runningDeadlines({ ...filed, prolongationValidTo: '2023-12-16' })).toEqual([
      { kind: 'prolongation', date: '2023-12-16' },
      { kind: 'implicit_rejection', date: '2024-01-17' },
    ]);
  });

  it('while a supplement waits: its deadline once read, no implicit rejection, nothing when unread', () => {
    const waiting = { ...filed, status: 'supplement_requested' as const };
    expect(runningDeadlines(waiting)).toEqual([]);
    expect(runningDeadlines({ ...waiting, supplementDeadline: '2023-10-19' })).toEqual([
      { kind: 'supplement', date: '2023-10-19' },
    ]);
  });

  it('restarts the four months from the answer to a supplement request', () => {
    expect(
      runningDeadlines({ ...filed, status: 'supplement_answered', completeOn: '2023-10-05' }),
    ).toEqual([{ kind: 'implicit_rejection', date: '2024-02-05' }]);
  });

  it('has none once the dossier is decided or closed', () => {
    for (const status of [
      'favorable',
      'unfavorable',
      'closed_incomplete',
      'closed_withdrawn',
    ] as const)
      expect(runningDeadlines({ ...filed, status, prolongationValidTo: '2023-12-16' })).toEqual([]);
  });
});
