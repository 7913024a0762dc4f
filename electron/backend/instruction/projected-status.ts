import type { ApplicationRow } from '../../../db/desktop/application-repository';
import type { OutboxEntry } from '../../../db/desktop/outbox-repository';
import type { ApplicationStatus } from '../../../shared/workflow/statuses';
import { TRANSITIONS, type ApplicationEvent } from '../../../shared/workflow/transitions';

/**
 * The status the dossier will have once the actions waiting in the outbox are applied: an agent
 * who just resumed the review offline may decide, one who just decided may not decide again.
 * Roles and guards were judged when each action was queued; here only the state machine's
 * table says where it leads (an action it would refuse from there changes nothing).
 */
export function projectedStatus(
  application: ApplicationRow,
  waiting: readonly OutboxEntry[],
): ApplicationStatus {
  let status = application.status;
  for (const entry of waiting) {
    if (entry.state !== 'pending' || !(entry.type in TRANSITIONS)) continue;
    const rule = TRANSITIONS[entry.type as ApplicationEvent];
    if (rule.from.includes(status) && rule.to !== 'unchanged') status = rule.to;
  }
  return status;
}
