import { randomUUID } from 'node:crypto';

/**
 * A builder of actions as a workstation's outbox sends them to `backoffice.push`: a fresh id each,
 * dated by `now` (the test's clock, or the real time).
 */
export function mutationBuilder(now: () => Date = () => new Date()) {
  return (type: string, applicationNumber: string, baseVersion: number, payload: object = {}) => ({
    id: randomUUID(),
    type,
    applicationNumber,
    baseVersion,
    at: now().toISOString(),
    payload,
  });
}
