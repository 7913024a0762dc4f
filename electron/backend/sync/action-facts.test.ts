import { describe, expect, it } from 'vitest';
import { actionFacts } from './action-facts';

const SHA = 'ab'.repeat(32);

describe('actionFacts', () => {
  it('keeps to whom and why of a reassignment', () => {
    expect(actionFacts({ agentId: 'agent-1', reason: 'Congés.' })).toEqual({
      agentId: 'agent-1',
      reason: 'Congés.',
    });
  });

  it('keeps the documents of a supplement request, not the observations written to the applicant', () => {
    const facts = actionFacts({
      items: [
        { documentKey: 'nationality', observation: 'Veuillez fournir une copie lisible.' },
        { documentKey: 'residence', observation: 'Facture de moins de trois mois.' },
      ],
    });
    expect(facts).toEqual({ documents: ['nationality', 'residence'] });
  });

  it('keeps the dates of a decision sent for signature, not its motivation', () => {
    expect(
      actionFacts({
        decision: 'favorable',
        payload: {
          decisionDate: '2026-11-27',
          cardValidFrom: '2026-11-27',
          cardValidTo: '2027-11-26',
          attestationSha256: SHA,
        },
      }),
    ).toEqual({
      decision: 'favorable',
      decisionDate: '2026-11-27',
      cardValidFrom: '2026-11-27',
      cardValidTo: '2027-11-26',
      attestationSha256: SHA,
    });
    expect(
      actionFacts({ decision: 'unfavorable', payload: { motivation: 'Les faits allégués…' } }),
    ).toEqual({ decision: 'unfavorable' });
  });

  it('keeps a supervisor’s signature and comment, and nothing of an empty payload', () => {
    expect(actionFacts({ decisionId: 'd-1', comment: 'Vu.' })).toEqual({
      decisionId: 'd-1',
      comment: 'Vu.',
    });
    expect(actionFacts({})).toEqual({});
    expect(actionFacts({ items: 'pas une liste', agentId: { id: 1 } })).toEqual({});
  });
});
