import { describe, expect, it } from 'vitest';
import type { ApplicationEvent } from '../../../db/desktop/history-repository';
import type { JsonObject } from '../../../db/json-column';
import { supplementReadAt } from './supplement-read-at';

const event = (seq: number, type: string, data: JsonObject): ApplicationEvent => ({
  seq,
  applicationNumber: '5901202308160000181',
  type,
  version: seq,
  at: '2023-09-01T10:00:00.000Z',
  data,
});

describe('supplementReadAt', () => {
  it('is the first reading of the latest request, and null while it is unread', () => {
    const first = [
      event(1, 'application.updated', { event: 'requestSupplement', supplementRequestId: 'r1' }),
      event(2, 'notification.read', { supplementRequestId: 'r1', readAt: '2023-09-02T08:00:00Z' }),
    ];
    expect(supplementReadAt(first)).toEqual(new Date('2023-09-02T08:00:00Z'));
    const second = [
      ...first,
      event(3, 'application.updated', { event: 'requestSupplement', supplementRequestId: 'r2' }),
    ];
    expect(supplementReadAt(second)).toBeNull();
    expect(
      supplementReadAt([
        ...second,
        event(4, 'notification.read', {
          supplementRequestId: 'r2',
          readAt: '2023-10-05T09:00:00Z',
        }),
      ]),
    ).toEqual(new Date('2023-10-05T09:00:00Z'));
    expect(supplementReadAt([])).toBeNull();
  });
});
