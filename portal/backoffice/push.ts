import type { AgentRow } from '../../db/portal/agent-repository';
import type { ApplicantRow } from '../../db/portal/applicant-repository';
import type { ApplicationRow, DocumentFile } from '../../db/portal/application-repository';
import type { NotificationKind, NotificationRow } from '../../db/portal/notification-repository';
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
  favorableDecisionNotification,
  prolongationNotification,
  supplementRequestNotification,
  unfavorableDecisionNotification,
} from '../../shared/texts/notifications';
import { transition, type TransitionFacts } from '../../shared/workflow/transitions';
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
}

const NO_PENDING_SUPPLEMENT = "Aucune demande de complément n'attend de réponse sur ce dossier.";

/** The events whose guard needs to know whether the pending supplement request was read. */
const READ_GUARDED: ReadonlySet<MutationType> = new Set([
  'amendSupplement',
  'withdrawSupplement',
  'closeIncomplete',
]);

/** What an applied mutation changes beyond status and version, decided before anything is written. */
interface Plan {
  assignedAgentId: string | null;
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

  /** An attestation is a PDF this agent uploaded (POST /files) before pushing the decision. */
  function attestation(sha256: string, agent: AgentRow, name: string): DocumentFile | string {
    const file = repos.files.find(sha256);
    if (!file || !repos.files.uploadBy(sha256, { agentId: agent.id }))
      return `L'attestation ${sha256.slice(0, 12)}… n'a pas été déposée sur le portail par cet agent : envoyez-la d'abord (POST /files).`;
    if (file.mime !== 'application/pdf') return "L'attestation doit être un fichier PDF.";
    return { sha256, name, size: file.size, mime: file.mime };
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
        const { agentId = agent.id } = payload as MutationPayload<'assign'>;
        const target = repos.agents.findById(agentId);
        if (!target || target.serviceCode !== agent.serviceCode || target.disabledAt)
          return "L'agent désigné n'existe pas, est désactivé ou n'appartient pas à votre service.";
        return {
          assignedAgentId: target.id,
          effects: (updated) => {
            publishDetail(deps, 'assignment.changed', updated, at, {
              assignedAgentId: target.id,
              assignedAgentName: target.displayName,
              previousAgentId: application.assignedAgentId,
              by: { id: agent.id, name: agent.displayName },
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
          agent,
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
        const file = attestation(
          attestationSha256,
          agent,
          `attestation-decision-favorable-${number}.pdf`,
        );
        if (typeof file === 'string') return file;
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
        const file =
          attestationSha256 === undefined
            ? undefined
            : attestation(attestationSha256, agent, `decision-defavorable-${number}.pdf`);
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

      case 'startReview':
      case 'closeIncomplete':
      case 'closeWithdrawn':
        return keep();
    }
    return 'Type d’action non pris en charge.';
  }

  /** Checks and, when every check passes, applies one mutation. Runs inside its transaction. */
  function decide(agent: AgentRow, mutation: PushedMutation): Decision {
    if (!isMutationType(mutation.type))
      return rejected(`Type d'action inconnu : « ${mutation.type} ».`);
    const type = mutation.type;
    const performedAt = new Date(mutation.at);
    if (!ISO_INSTANT.test(mutation.at) || Number.isNaN(performedAt.getTime()))
      return rejected(
        `L'instant de l'action (« ${mutation.at} ») doit être une date et heure ISO 8601 avec fuseau.`,
      );
    if (performedAt.getTime() > now().getTime() + CLOCK_SKEW_MS)
      return rejected("L'action est datée dans le futur : vérifiez l'horloge du poste.");
    const parsed = MUTATION_PAYLOADS[type].safeParse(mutation.payload ?? {});
    if (!parsed.success)
      return rejected(
        "Le contenu de l'action n'est pas valide.",
        zodIssues(parsed.error, 'payload'),
      );

    const application = repos.applications.findByNumber(mutation.applicationNumber);
    if (!application || application.serviceCode !== agent.serviceCode)
      return rejected(
        `Le dossier n° ${mutation.applicationNumber} n'existe pas ou ne relève pas de votre service.`,
      );
    if (application.version !== mutation.baseVersion)
      return {
        outcome: 'conflict',
        version: application.version,
        reason: `Le dossier a été modifié depuis la version ${mutation.baseVersion} sur laquelle l'action a été faite (version actuelle : ${application.version}). Rechargez-le avant de recommencer.`,
      };

    const facts: TransitionFacts = { at: performedAt };
    if (type === 'assign') {
      const { agentId = agent.id } = parsed.data as MutationPayload<'assign'>;
      facts.assignsSelf = agentId === agent.id;
    }
    if (READ_GUARDED.has(type)) {
      const pending = repos.notifications.pendingSupplementRequest(application.id);
      facts.supplementReadAt = pending?.readAt ? new Date(pending.readAt) : null;
    }
    const allowed = transition(application.status, type, agent.role, facts);
    if (!allowed.ok) return rejected(allowed.error.message);

    const applicant = repos.applicants.findById(application.applicantId) as ApplicantRow;
    const at = now();
    const planned = plan(type, parsed.data, { agent, application, applicant, at });
    if (typeof planned === 'string') return rejected(planned);

    const version = repos.applications.update(application.id, application.version, {
      status: allowed.to,
      assignedAgentId: planned.assignedAgentId,
      updatedAt: at,
    });
    if (version === null) throw new Error('the application changed inside its own transaction');
    const updated = repos.applications.findById(application.id) as ApplicationRow;
    const details = planned.effects(updated);
    publishUpdate(deps, {
      application: updated,
      previousStatus: application.status,
      event: type,
      actor: { kind: 'agent', id: agent.id, name: agent.displayName },
      at,
      details: {
        mutationId: mutation.id,
        performedAt: performedAt.toISOString(),
        payload: parsed.data as JsonObject,
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
