import type { ApplicationEvent } from '../../../db/desktop/history-repository';

/**
 * When the applicant opened the supplement request still waiting for an answer: the first
 * reading after the latest request, as the portal's log tells it (null: not opened yet, so the
 * 30 days have not started).
 */
export function supplementReadAt(history: readonly ApplicationEvent[]): Date | null {
  let requestSeq = -1;
  for (const event of history)
    if (event.type === 'application.updated' && event.data.event === 'requestSupplement')
      requestSeq = Math.max(requestSeq, event.seq);
  if (requestSeq < 0) return null;
  const reading = history
    .filter(
      (event) =>
        event.type === 'notification.read' &&
        event.seq > requestSeq &&
        typeof event.data.supplementRequestId === 'string' &&
        typeof event.data.readAt === 'string',
    )
    .sort((a, b) => a.seq - b.seq)[0];
  return reading ? new Date(reading.data.readAt as string) : null;
}
