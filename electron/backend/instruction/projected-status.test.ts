import { describe, expect, it } from 'vitest';
import type { ApplicationRow } from '../../../db/desktop/application-repository';
import type { OutboxEntry } from '../../../db/desktop/outbox-repository';
import { projectedStatus } from './projected-status';

const application = { status: 'submitted' } as ApplicationRow;
const entry = (type: string, state: OutboxEntry['state'] = 'pending') =>
  ({ type, state }) as OutboxEntry;

describe('projectedStatus', () => {
  it('applies the waiting actions in order, as the state machine leads them', () => {
    expect(projectedStatus(application, [])).toBe('submitted');
    expect(projectedStatus(application, [entry('assign'), entry('startReview')])).toBe('in_review');
    expect(
      projectedStatus(application, [
        entry('startReview'),
        entry('issueProlongation'),
        entry('decideUnfavorable'),
      ]),
    ).toBe('unfavorable');
  });

  it('ignores settled actions and those the machine would refuse from there', () => {
    expect(projectedStatus(application, [entry('startReview', 'rejected')])).toBe('submitted');
    expect(projectedStatus(application, [entry('decideFavorable')])).toBe('submitted');
    expect(projectedStatus(application, [entry('sendMessage')])).toBe('submitted');
  });
});
