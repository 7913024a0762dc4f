import type { AgentRow } from '../../db/portal/agent-repository';
import type { ApplicantRow } from '../../db/portal/applicant-repository';
import type { ApplicationRow, DocumentFile } from '../../db/portal/application-repository';
import type { DecisionKind } from '../../db/portal/decision-repository';
import type { NotificationKind, NotificationRow } from '../../db/portal/notification-repository';
import type { SecurityEventKind } from '../../db/portal/security-log';
import type { JsonObject } from '../../db/json-column';
import { isAfter, isBefore, type IsoDate } from '../../shared/dates/calendar-date';
import {
  cardValidity,
  prolongationValidity,
  PROLONGATION_MONTHS,
} from '../../shared/dates/deadlines';
import { formatFrenchDate } from '../../shared/dates/format';
import { parisDateOf } from '../../shared/dates/paris-time';
import { PROCEDURES, type ProcedureKey } from '../../shared/procedures/catalogue';
import { DOCUMENTS } from '../../shared/procedures/documents';
import { notificationEmail } from '../../shared/texts/emails';
import {
  agentMessageNotification,
  closureNotification,
  favorableDecisionNotification,
  prolongationNotification,
  supplementRequestNotification,
  unfavorableDecisionNotification,
} from '../../shared/texts/notifications';
import type { ApplicationStatus } from '../../shared/workflow/statuses';
import { roleRefusal, transition, type TransitionFacts } from '../../shared/workflow/transitions';
import { displayNameOf } from '../accounts/national-file';
import { publishDetail, publishUpdate } from '../applications/change-entries';
import type { PortalDeps } from '../deps';
import { zodIssues, type FieldIssue } from '../errors';
import {
  isMutationType,
  MUTATION_PAYLOADS,
  type MutationPayload,
  type MutationType,
} from './mutation-payloads';

/** One action of a workstation's outbox, as pushed. */
export interface PushedMutation {
  /** UUID chosen by the workstation: the idempotency key. */
  id: string;
  type: string;
  applicationNumber: string;
  /** The version the agent saw when acting; another one means someone changed the dossier since. */
  baseVersion: number;
  /** When the agent acted (ISO 8601 instant), possibly offline long before the push. */
  at: string;
  payload?: unknown;
}

export type PushOutcome = 'applied' | 'duplicate' | 'conflict' | 'rejected';

export interface PushResult {
  id: string;
  outcome: PushOutcome;
  /** applied/duplicate: the version the mutation produced; conflict: the current version. */
  version?: number;
  /** conflict/rejected: why, in French. */
  reason?: string;
  /** rejected for an invalid payload: which field, why. */
  issues?: FieldIssue[];
}

type Decision = Omit<PushResult, 'id'>;

/** An instant pushed for « now » may run a little ahead of the portal's clock; beyond this it is refused. */
const CLOCK_SKEW_MS = 5 * 60_000;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const rejected = (reason: string, issues?: FieldIssue[]): Decision =>
  issues ? { outcome: 'rejected', reason, issues } : { outcome: 'rejected', reason };

/** The dossier a mutation acts on, and who acts when. */
interface PlanContext {
  agent: AgentRow;
  application: ApplicationRow;
  applicant: ApplicantRow;
  at: Date;
  /** Whose upload an attestation must be: the acting agent's, or for an approval the submitter's. */
  attestationBy: AgentRow;
}

const NO_PENDING_SUPPLEMENT = "Aucune demande de complément n'attend de réponse sur ce dossier.";
const DECISION_PENDING = 'Une décision attend la signature du chef de bureau sur ce dossier.';
const SIGNATURE_REQUIRED =
  'Dans ce service, les décisions sont soumises à la signature du chef de bureau : envoyez-la à la signature.';
const ASSIGNEE_REFUSED =
  "L'agent désigné n'existe pas, est désactivé ou n'appartient pas à votre service.";
const REASON_REQUIRED = "Indiquez le motif de l'attribution du dossier à un autre agent.";

/** The procedure the security log names for a refused push. */
const PUSH_PROCEDURE = 'backoffice.push';

/** The decisions an agent takes directly, unless the service wants them signed first. */
const DIRECT_DECISIONS: ReadonlySet<MutationType> = new Set([
  'decideFavorable',
  'decideUnfavorable',
]);

/**
 * Refused while a decision waits for the signature: what would decide or close the dossier, and a
 * supplement request, which would take it where the decision can be neither signed nor returned.
 */
const BLOCKED_BY_PENDING_DECISION: ReadonlySet<MutationType> = new Set([
  'decideFavorable',
  'decideUnfavorable',
  'submitDecision',
  'requestSupplement',
  'closeIncomplete',
  'closeWithdrawn',
]);

/** The event a decision sent for signature stands for. */
const DECISION_EVENTS = {
  favorable: 'decideFavorable',
  unfavorable: 'decideUnfavorable',
} as const satisfies Record<DecisionKind, MutationType>;

type DecisionEvent = (typeof DECISION_EVENTS)[DecisionKind];

const notPending = (decisionId: string) =>
  `La décision ${decisionId} n'attend pas (ou plus) la signature du chef de bureau sur ce dossier.`;

/** The events whose guard needs to know whether the pending supplement request was read. */
const READ_GUARDED: ReadonlySet<MutationType> = new Set([
  'amendSupplement',
  'withdrawSupplement',
  'closeIncomplete',
]);

/** What an applied mutation changes beyond status and version, decided before anything is written. */
interface Plan {
  assignedAgentId: string | null;
  /** The status reached when it is not the table's: an approval moves as the decision it applies. */
  status?: ApplicationStatus;
  /** What `application.updated` names when not the mutation itself: an approval, the decision it applies. */
  published?: { event: DecisionEvent; payload: JsonObject };
  /** Writes done after the application's update, inside the same transaction; return detail for the change log. */
  effects: (updated: ApplicationRow) => JsonObject;
}

export function createPush(deps: PortalDeps) {
  const { db, repos, now } = deps;

  function notify(
    application: ApplicationRow,
    applicant: ApplicantRow,
    kind: NotificationKind,
    text: { title: string; body: string } & JsonObject,
    attachments: DocumentFile[],
    at: Date,
    { email = true }: { email?: boolean } = {},
  ): NotificationRow {
    const { title, ...content } = text;
    const notification = repos.notifications.create({
      applicationId: application.id,
      applicantId: applicant.id,
      kind,
      title,
      content: { ...content, attachments },
      createdAt: at,
    });
    if (email) {
      const mail = notificationEmail({ loginUrl: deps.links.login() });
      repos.mailbox.send({ to: applicant.email, subject: mail.subject, body: mail.body }, at);
    }
    return notification;
  }

  function notificationSummary(notification: NotificationRow): JsonObject {
    return {
      notification: {
        id: notification.id,
        kind: notification.kind,
        title: notification.title,
        createdAt: notification.createdAt,
      },
    };
  }

  /** Why these documents cannot be asked for in this dossier, or null. */
  function refuseSupplementItems(
    application: ApplicationRow,
    items: MutationPayload<'requestSupplement'>['items'],
  ): string | null {
    const procedure = PROCEDURES[application.procedure as ProcedureKey];
    const offered = procedure.documents.filter((d) => d.input === 'files').map((d) => d.key);
    const keys = items.map((item) => item.documentKey);
    const unknown = keys.find((key) => !(offered as string[]).includes(key));
    if (unknown !== undefined)
      return `Le justificatif « ${unknown} » ne fait pas partie des pièces de cette démarche (ou ne se fournit pas en fichier).`;
    if (new Set(keys).size !== keys.length)
      return 'Un même justificatif est demandé deux fois : regroupez les observations.';
    return null;
  }

  /**
   * Writes the notification and the request, each document with its current files; returns the
   * change-log detail. An amendment sends no e-mail: the first one already led the applicant to
   * their space, where they now find the new request only.
   */
  function writeSupplementRequest(
    { agent, application, applicant, at }: PlanContext,
    items: MutationPayload<'requestSupplement'>['items'],
    { email }: { email: boolean },
  ): JsonObject {
    const detailed = items.map((item) => {
      const current = repos.applications.latestDocumentVersion(application.id, item.documentKey);
      return {
        documentKey: item.documentKey,
        documentLabel: DOCUMENTS[item.documentKey as keyof typeof DOCUMENTS].label,
        observation: item.observation,
        documentVersion: current?.version ?? null,
        files: current?.files ?? [],
      };
    });
    const text = supplementRequestNotification({
      displayName: displayNameOf(applicant.civilStatus),
      items: detailed.map((item) => ({
        documentLabel: item.documentLabel,
        fileNames: item.files.map((file) => file.name),
        observation: item.observation,
      })),
    });
    const notification = notify(application, applicant, 'supplement_request', { ...text }, [], at, {
      email,
    });
    const request = repos.notifications.createSupplementRequest({
      applicationId: application.id,
      notificationId: notification.id,
      items: detailed as unknown as JsonObject[],
      requestedBy: agent.id,
      createdAt: at,
    });
    return { ...notificationSummary(notification), supplementRequestId: request.id };
  }

  /** Marks the pending request and its notification withdrawn; the guard made sure it was unread. */
  function withdrawSupplementRequest(supplementRequestId: string, at: Date): void {
    if (!repos.notifications.withdrawSupplementRequest(supplementRequestId, at))
      throw new Error('the supplement request was read or withdrawn inside its own transaction');
  }

  /**
   * An attestation is a PDF this agent uploaded (POST /files) before pushing the decision; for an
   * approval, one the agent who submitted the decision uploaded.
   */
  function attestation(sha256: string, context: PlanContext, name: string): DocumentFile | string {
    const { agent, attestationBy } = context;
    const file = repos.files.find(sha256);
    if (!file || !repos.files.uploadBy(sha256, { agentId: attestationBy.id }))
      return `L'attestation ${sha256.slice(0, 12)}… n'a pas été déposée sur le portail par ${attestationBy.id === agent.id ? 'cet agent' : "l'agent qui a soumis la décision"} : envoyez-la d'abord (POST /files).`;
    if (file.mime !== 'application/pdf') return "L'attestation doit être un fichier PDF.";
    return { sha256, name, size: file.size, mime: file.mime };
  }

  /** The attestation of a decision, under the name the applicant will see; undefined when none is given. */
  function decisionAttestation(
    event: DecisionEvent,
    sha256: string | undefined,
    context: PlanContext,
  ): DocumentFile | string | undefined {
    if (sha256 === undefined) return undefined;
    const number = context.application.applicationNumber as string;
    const name =
      event === 'decideFavorable'
        ? `attestation-decision-favorable-${number}.pdf`
        : `decision-defavorable-${number}.pdf`;
    return attestation(sha256, context, name);
  }

  function person(agent: AgentRow): JsonObject {
    return { id: agent.id, name: agent.displayName };
  }

  function datedBetween(date: IsoDate, label: string, application: ApplicationRow): string | null {
    const today = parisDateOf(now());
    const submittedOn = parisDateOf(new Date(application.submittedAt as string));
    if (isAfter(date, today))
      return `${label} (${formatFrenchDate(date)}) ne peut pas être postérieure à aujourd'hui (${formatFrenchDate(today)}).`;
    if (isBefore(date, submittedOn))
      return `${label} (${formatFrenchDate(date)}) ne peut pas être antérieure au dépôt de la demande (${formatFrenchDate(submittedOn)}).`;
    return null;
  }

  /**
   * The rules of each type beyond the state machine, and what it writes. Returns a rejection
   * reason, or the plan. Nothing is written here.
   */
  function plan<T extends MutationType>(
    type: T,
    payload: MutationPayload<T>,
    context: PlanContext,
  ): Plan | string {
    const { agent, application, applicant, at } = context;
    const number = application.applicationNumber as string;
    const displayName = displayNameOf(applicant.civilStatus);
    const keep = (effects: Plan['effects'] = () => ({})): Plan => ({
      assignedAgentId: application.assignedAgentId,
      effects,
    });

    switch (type) {
      case 'assign': {
        const { agentId = agent.id, reason } = payload as MutationPayload<'assign'>;
        const target = repos.agents.findById(agentId);
        if (!target || target.serviceCode !== agent.serviceCode || target.disabledAt)
          return ASSIGNEE_REFUSED;
        return {
          assignedAgentId: target.id,
          effects: (updated) => {
            publishDetail(deps, 'assignment.changed', updated, at, {
              assignedAgentId: target.id,
              assignedAgentName: target.displayName,
              previousAgentId: application.assignedAgentId,
              by: person(agent),
              reason: reason ?? null,
            });
            return {};
          },
        };
      }

      case 'requestSupplement': {
        const { items } = payload as MutationPayload<'requestSupplement'>;
        const refused = refuseSupplementItems(application, items);
        if (refused) return refused;
        return keep(() => writeSupplementRequest(context, items, { email: true }));
      }

      // Never overwritten: the pending request is withdrawn and a new one takes its place.
      case 'amendSupplement': {
        const { items } = payload as MutationPayload<'amendSupplement'>;
        const pending = repos.notifications.pendingSupplementRequest(application.id);
        if (!pending) return NO_PENDING_SUPPLEMENT;
        const refused = refuseSupplementItems(application, items);
        if (refused) return refused;
        return keep(() => {
          withdrawSupplementRequest(pending.id, at);
          return {
            ...writeSupplementRequest(context, items, { email: false }),
            previousSupplementRequestId: pending.id,
          };
        });
      }

      case 'withdrawSupplement': {
        const pending = repos.notifications.pendingSupplementRequest(application.id);
        if (!pending) return NO_PENDING_SUPPLEMENT;
        return keep(() => {
          withdrawSupplementRequest(pending.id, at);
          return { previousSupplementRequestId: pending.id };
        });
      }

      case 'issueProlongation': {
        const { validFrom, validTo, attestationSha256 } =
          payload as MutationPayload<'issueProlongation'>;
        const dated = datedBetween(validFrom, 'La date de début de validité', application);
        if (dated) return dated;
        const expected = prolongationValidity(validFrom);
        if (validTo !== expected.validTo)
          return `L'attestation de prolongation est valable ${PROLONGATION_MONTHS} mois : du ${formatFrenchDate(validFrom)} au ${formatFrenchDate(expected.validTo)}, et non jusqu'au ${formatFrenchDate(validTo)}.`;
        const file = attestation(
          attestationSha256,
          context,
          `attestation-prolongation-${number}-${validFrom}.pdf`,
        );
        if (typeof file === 'string') return file;
        return keep(() => {
          repos.applications.linkFile(application.id, file.sha256);
          const text = prolongationNotification({
            displayName,
            applicationNumber: number,
            validFrom,
            validTo,
          });
          const notification = notify(
            application,
            applicant,
            'prolongation',
            { ...text },
            [file],
            at,
          );
          return { ...notificationSummary(notification), attestation: file };
        });
      }

      case 'decideFavorable': {
        const { decisionDate, cardValidFrom, cardValidTo, attestationSha256 } =
          payload as MutationPayload<'decideFavorable'>;
        const dated = datedBetween(decisionDate, 'La date de la décision', application);
        if (dated) return dated;
        const months = PROCEDURES[application.procedure as ProcedureKey].card.durationMonths;
        const card = cardValidity(decisionDate, months);
        if (card.validFrom !== cardValidFrom || card.validTo !== cardValidTo)
          return `Pour une décision du ${formatFrenchDate(decisionDate)}, la carte est valable du ${formatFrenchDate(card.validFrom)} au ${formatFrenchDate(card.validTo)}.`;
        const file = decisionAttestation(type as DecisionEvent, attestationSha256, context);
        if (typeof file === 'string') return file;
        if (!file) throw new Error('a favourable decision always names its attestation');
        return keep(() => {
          repos.applications.linkFile(application.id, file.sha256);
          const text = favorableDecisionNotification({ displayName, applicationNumber: number });
          const notification = notify(
            application,
            applicant,
            'favorable_decision',
            { ...text },
            [file],
            at,
          );
          return { ...notificationSummary(notification), attestation: file };
        });
      }

      case 'decideUnfavorable': {
        const { motivation, attestationSha256 } = payload as MutationPayload<'decideUnfavorable'>;
        const file = decisionAttestation(type as DecisionEvent, attestationSha256, context);
        if (typeof file === 'string') return file;
        return keep(() => {
          if (file) repos.applications.linkFile(application.id, file.sha256);
          const text = unfavorableDecisionNotification({
            displayName,
            applicationNumber: number,
            motivation,
          });
          const notification = notify(
            application,
            applicant,
            'unfavorable_decision',
            { ...text },
            file ? [file] : [],
            at,
          );
          return { ...notificationSummary(notification), ...(file ? { attestation: file } : {}) };
        });
      }

      // Checked exactly as the decision itself, then kept until a supervisor signs or returns it.
      case 'submitDecision': {
        const submitted = payload as MutationPayload<'submitDecision'>;
        const event = DECISION_EVENTS[submitted.decision];
        const checked = plan(event, submitted.payload, context);
        if (typeof checked === 'string') return checked;
        const file = decisionAttestation(event, submitted.payload.attestationSha256, context);
        if (typeof file === 'string') return file;
        return keep((updated) => {
          const decision = repos.decisions.submit({
            applicationId: application.id,
            decision: submitted.decision,
            payload: submitted.payload,
            attestationSha256: file?.sha256 ?? null,
            submittedBy: agent.id,
            submittedAt: at,
          });
          publishDetail(deps, 'decision.submitted', updated, at, {
            decisionId: decision.id,
            decision: submitted.decision,
            submittedBy: person(agent),
            payload: submitted.payload,
            ...(file ? { attestation: file } : {}),
          });
          return { decisionId: decision.id };
        });
      }

      // Applies the stored decision as decideFavorable or decideUnfavorable would, signed.
      case 'approveDecision': {
        const { decisionId, comment } = payload as MutationPayload<'approveDecision'>;
        const pending = repos.decisions.pendingOf(application.id);
        if (pending?.id !== decisionId) return notPending(decisionId);
        const event = DECISION_EVENTS[pending.decision];
        const moved = transition(application.status, event, agent.role);
        if (!moved.ok) return moved.error.message;
        const submitter = repos.agents.findById(pending.submittedBy) as AgentRow;
        const decisionPayload = MUTATION_PAYLOADS[event].parse(pending.payload);
        const applied = plan(event, decisionPayload, { ...context, attestationBy: submitter });
        if (typeof applied === 'string') return applied;
        return {
          assignedAgentId: application.assignedAgentId,
          status: moved.to,
          published: { event, payload: pending.payload },
          effects: (updated) => {
            if (
              !repos.decisions.settle(pending.id, {
                outcome: 'approved',
                settledBy: agent.id,
                at,
                ...(comment === undefined ? {} : { comment }),
              })
            )
              throw new Error('the decision was settled inside its own transaction');
            const signed = {
              decisionId,
              submittedBy: person(submitter),
              approvedBy: person(agent),
            };
            publishDetail(deps, 'decision.approved', updated, at, {
              ...signed,
              decision: pending.decision,
              comment: comment ?? null,
            });
            return { ...applied.effects(updated), ...signed };
          },
        };
      }

      case 'returnDecision': {
        const { decisionId, comment } = payload as MutationPayload<'returnDecision'>;
        const pending = repos.decisions.pendingOf(application.id);
        if (pending?.id !== decisionId) return notPending(decisionId);
        const submitter = repos.agents.findById(pending.submittedBy) as AgentRow;
        return keep((updated) => {
          if (
            !repos.decisions.settle(pending.id, {
              outcome: 'returned',
              settledBy: agent.id,
              at,
              comment,
            })
          )
            throw new Error('the decision was settled inside its own transaction');
          publishDetail(deps, 'decision.returned', updated, at, {
            decisionId,
            decision: pending.decision,
            submittedBy: person(submitter),
            returnedBy: person(agent),
            comment,
          });
          return { decisionId };
        });
      }

      case 'sendMessage': {
        const { text } = payload as MutationPayload<'sendMessage'>;
        return keep(() => {
          const notification = notify(
            application,
            applicant,
            'message',
            agentMessageNotification({ displayName, text }),
            [],
            at,
          );
          return notificationSummary(notification);
        });
      }

      // The confirmation the agent reads says the applicant will be told: a notice, no attachment.
      case 'closeIncomplete':
      case 'closeWithdrawn':
        return keep(() => {
          const notification = notify(
            application,
            applicant,
            'message',
            closureNotification({
              displayName,
              applicationNumber: number,
              reason: type === 'closeIncomplete' ? 'incomplete' : 'withdrawn',
            }),
            [],
            at,
          );
          return notificationSummary(notification);
        });

      case 'startReview':
        return keep();
    }
    return 'Type d’action non pris en charge.';
  }

  /** Writes the refusal to the security log (in the push's transaction) and returns it. */
  function refusedFor(
    kind: SecurityEventKind,
    agent: AgentRow,
    mutation: PushedMutation & { type: MutationType },
    reason: string,
  ): Decision {
    repos.security.record({
      at: now(),
      agentId: agent.id,
      kind,
      procedure: PUSH_PROCEDURE,
      type: mutation.type,
      applicationNumber: mutation.applicationNumber,
    });
    return rejected(reason);
  }

  /** Why the agent's role forbids this mutation, whatever the dossier's status; null when it may. */
  function roleRefusalOf(agent: AgentRow, type: MutationType, facts: TransitionFacts) {
    const refused = roleRefusal(type, agent.role, facts);
    if (refused) return refused.message;
    if (
      DIRECT_DECISIONS.has(type) &&
      agent.role === 'agent' &&
      repos.serviceSettings.get(agent.serviceCode).decisionValidation
    )
      return SIGNATURE_REQUIRED;
    return null;
  }

  /**
   * Checks and, when every check passes, applies one mutation. Runs inside its transaction. The
   * service and the role are judged before the version: a refusal for them is final (reloading
   * would not help) and is logged, whatever the dossier became meanwhile.
   */
  function decide(agent: AgentRow, mutation: PushedMutation): Decision {
    if (!isMutationType(mutation.type))
      return rejected(`Type d'action inconnu : « ${mutation.type} ».`);
    const type = mutation.type;
    const typed = { ...mutation, type };
    const performedAt = new Date(mutation.at);
    if (!ISO_INSTANT.test(mutation.at) || Number.isNaN(performedAt.getTime()))
      return rejected(
        `L'instant de l'action (« ${mutation.at} ») doit être une date et heure ISO 8601 avec fuseau.`,
      );
    if (performedAt.getTime() > now().getTime() + CLOCK_SKEW_MS)
      return rejected("L'action est datée dans le futur : vérifiez l'horloge du poste.");

    // Another service's dossier is refused exactly as one that does not exist, and logged.
    const application = repos.applications.findByNumber(mutation.applicationNumber);
    const elsewhere = `Le dossier n° ${mutation.applicationNumber} n'existe pas ou ne relève pas de votre service.`;
    if (!application) return rejected(elsewhere);
    if (application.serviceCode !== agent.serviceCode)
      return refusedFor('service', agent, typed, elsewhere);

    const parsed = MUTATION_PAYLOADS[type].safeParse(mutation.payload ?? {});
    if (!parsed.success)
      return rejected(
        "Le contenu de l'action n'est pas valide.",
        zodIssues(parsed.error, 'payload'),
      );

    const facts: TransitionFacts = { at: performedAt };
    const assignment = type === 'assign' ? (parsed.data as MutationPayload<'assign'>) : undefined;
    if (assignment) facts.assignsSelf = (assignment.agentId ?? agent.id) === agent.id;
    const roleRefused = roleRefusalOf(agent, type, facts);
    if (roleRefused) return refusedFor('role', agent, typed, roleRefused);
    if (assignment && !facts.assignsSelf) {
      const target = repos.agents.findById(assignment.agentId as string);
      if (target && target.serviceCode !== agent.serviceCode)
        return refusedFor('service', agent, typed, ASSIGNEE_REFUSED);
      if (assignment.reason === undefined)
        return rejected(REASON_REQUIRED, [
          { path: 'payload.reason', code: 'reason_missing', message: REASON_REQUIRED },
        ]);
    }

    if (application.version !== mutation.baseVersion)
      return {
        outcome: 'conflict',
        version: application.version,
        reason: `Le dossier a été modifié depuis la version ${mutation.baseVersion} sur laquelle l'action a été faite (version actuelle : ${application.version}). Rechargez-le avant de recommencer.`,
      };

    if (READ_GUARDED.has(type)) {
      const pending = repos.notifications.pendingSupplementRequest(application.id);
      facts.supplementReadAt = pending?.readAt ? new Date(pending.readAt) : null;
    }
    const allowed = transition(application.status, type, agent.role, facts);
    if (!allowed.ok) return rejected(allowed.error.message);
    if (BLOCKED_BY_PENDING_DECISION.has(type) && repos.decisions.pendingOf(application.id))
      return rejected(DECISION_PENDING);

    const applicant = repos.applicants.findById(application.applicantId) as ApplicantRow;
    const at = now();
    const planned = plan(type, parsed.data, {
      agent,
      application,
      applicant,
      at,
      attestationBy: agent,
    });
    if (typeof planned === 'string') return rejected(planned);

    const version = repos.applications.update(application.id, application.version, {
      status: planned.status ?? allowed.to,
      assignedAgentId: planned.assignedAgentId,
      updatedAt: at,
    });
    if (version === null) throw new Error('the application changed inside its own transaction');
    const updated = repos.applications.findById(application.id) as ApplicationRow;
    const details = planned.effects(updated);
    publishUpdate(deps, {
      application: updated,
      previousStatus: application.status,
      event: planned.published?.event ?? type,
      actor: { kind: 'agent', id: agent.id, name: agent.displayName },
      at,
      details: {
        mutationId: mutation.id,
        performedAt: performedAt.toISOString(),
        payload: planned.published?.payload ?? (parsed.data as JsonObject),
        ...details,
      },
    });
    return { outcome: 'applied', version };
  }

  /** What a repeated id gets: the first outcome, an applied one reported as a duplicate. */
  function repeat(first: JsonObject): Decision {
    const decision = first as unknown as Decision;
    return decision.outcome === 'applied' ? { ...decision, outcome: 'duplicate' } : decision;
  }

  return {
    /** Each mutation in its own transaction, in order: idempotency record, checks, effects, change log. */
    push(agent: AgentRow, mutations: readonly PushedMutation[]): PushResult[] {
      return mutations.map((mutation) =>
        db
          .transaction((): PushResult => {
            const previous = repos.mutations.find(mutation.id);
            if (previous) {
              if (previous.agentId !== agent.id)
                return {
                  id: mutation.id,
                  ...rejected("Cet identifiant d'action a déjà été utilisé par un autre agent."),
                };
              return { id: mutation.id, ...repeat(previous.outcome) };
            }
            const decision = decide(agent, mutation);
            repos.mutations.record(
              {
                id: mutation.id,
                agentId: agent.id,
                type: mutation.type,
                applicationNumber: mutation.applicationNumber,
                outcome: decision as unknown as JsonObject,
              },
              now(),
            );
            return { id: mutation.id, ...decision };
          })
          .immediate(),
      );
    },
  };
}

export type Push = ReturnType<typeof createPush>;
