import type { DocumentVerdict } from '../../../db/desktop/review-repository';
import type { DocumentVersion } from '../../../db/desktop/history-repository';
import { isAfter, isBefore, type IsoDate } from '../../../shared/dates/calendar-date';
import { implicitRejectionDate } from '../../../shared/dates/deadlines';
import { formatFrenchDate } from '../../../shared/dates/format';
import type { RequiredDocument } from '../../../shared/documents/requirements';
import { isTerminal, type ApplicationStatus } from '../../../shared/workflow/statuses';
import { transition, type ActorRole } from '../../../shared/workflow/transitions';

export interface DecisionFacts {
  /** The status once the actions waiting in the outbox are applied (projected-status.ts). */
  status: ApplicationStatus;
  role: ActorRole;
  required: readonly RequiredDocument[];
  verdicts: readonly DocumentVerdict[];
  versions: readonly DocumentVersion[];
  depositedOn: IsoDate;
  /** The day the dossier was last complete (submission, or the last answer to a supplement). */
  completeOn: IsoDate | null;
  decisionDate: IsoDate;
  today: IsoDate;
}

export interface DecisionChecks {
  /** What blocks a favourable decision, each a sentence the agent reads; empty: nothing does. */
  blocking: string[];
  /** Shown, never blocking: from the next day, the silence is an implicit rejection (R432-2). */
  implicitRejectionOn: IsoDate | null;
  decisionDate: IsoDate;
}

const instant = (text: string) => Date.parse(text);

/** Why each required document is not ready for a decision, in the catalogue's order. */
function documentProblems(facts: DecisionFacts): string[] {
  if (facts.required.length === 0)
    return [
      'Les pièces exigées de ce dossier ne sont pas connues sur ce poste : synchronisez avant de décider.',
    ];
  const verdicts = new Map(facts.verdicts.map((verdict) => [verdict.documentKey, verdict]));
  const problems: string[] = [];
  for (const document of facts.required) {
    const verdict = verdicts.get(document.key);
    if (verdict?.verdict !== 'compliant') {
      problems.push(`La pièce « ${document.label} » n'est pas jugée conforme.`);
      continue;
    }
    // A version received after the verdict (an answer to a supplement) has not been judged: by
    // its number, since the verdict is dated by this workstation's clock and the version by the
    // portal's (a clock 3 h behind made every fresh dossier look newer than its verdicts).
    const newer = facts.versions.some(
      (version) =>
        version.documentKey === document.key &&
        (verdict.judgedVersion === null
          ? instant(version.createdAt) > instant(verdict.updatedAt)
          : version.version > verdict.judgedVersion),
    );
    if (newer)
      problems.push(
        `La pièce « ${document.label} » a reçu une nouvelle version depuis qu'elle a été jugée conforme : examinez-la à nouveau.`,
      );
  }
  return problems;
}

function statusProblem(facts: DecisionFacts): string | null {
  if (facts.status === 'supplement_requested')
    return 'Une demande de complément attend la réponse du demandeur.';
  const allowed = transition(facts.status, 'decideFavorable', facts.role);
  return allowed.ok ? null : allowed.error.message;
}

function dateProblem({ decisionDate, depositedOn, today }: DecisionFacts): string | null {
  const label = `La date de la décision (${formatFrenchDate(decisionDate)})`;
  if (isBefore(decisionDate, depositedOn))
    return `${label} ne peut pas être antérieure au dépôt de la demande (${formatFrenchDate(depositedOn)}).`;
  if (isAfter(decisionDate, today))
    return `${label} ne peut pas être postérieure à aujourd'hui (${formatFrenchDate(today)}).`;
  return null;
}

/**
 * What stands between the dossier and a favourable decision: its status (no supplement pending,
 * no decision already taken), every required document judged « Conforme » on its latest version,
 * a decision date between the submission and today. The implicit-rejection date comes with it.
 */
export function decisionChecks(facts: DecisionFacts): DecisionChecks {
  // Once decided or closed, the documents and dates no longer matter: that alone is said.
  const blocking = isTerminal(facts.status)
    ? [statusProblem(facts)]
    : [statusProblem(facts), ...documentProblems(facts), dateProblem(facts)];
  return {
    blocking: blocking.filter((problem): problem is string => problem !== null),
    implicitRejectionOn:
      facts.completeOn && !isTerminal(facts.status)
        ? implicitRejectionDate(facts.completeOn)
        : null,
    decisionDate: facts.decisionDate,
  };
}
