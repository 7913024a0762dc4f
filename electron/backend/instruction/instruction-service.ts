import type Database from 'better-sqlite3';
import type { BlobStore } from '../../../db/blob-store';
import type { JsonObject } from '../../../db/json-column';
import type {
  ApplicationRepository,
  ApplicationRow,
} from '../../../db/desktop/application-repository';
import type { HistoryRepository } from '../../../db/desktop/history-repository';
import type { OutboxRepository } from '../../../db/desktop/outbox-repository';
import type { ReviewRepository } from '../../../db/desktop/review-repository';
import type { IsoDate } from '../../../shared/dates/calendar-date';
import { EXPIRY_WARNING_DAYS } from '../../../shared/dates/deadlines';
import { formatFrenchDate } from '../../../shared/dates/format';
import { parisDateOf } from '../../../shared/dates/paris-time';
import { CLOSURE_CONSEQUENCES } from '../../../shared/texts/closure-consequences';
import { transition, type ApplicationEvent } from '../../../shared/workflow/transitions';
import type { PublicAgent } from '../auth/auth-service';
import { UserFacingError } from '../errors';
import type { FileLinks } from '../review/file-links';
import { requiredFileDocuments } from '../review/required-documents';
import { serviceDossier } from '../review/service-dossier';
import type { OutboxActions } from '../sync/outbox-actions';
import {
  favorableDecisionAttestationInput,
  prolongationAttestationInput,
} from './attestation-inputs';
import { createRenewalJobs } from './batch-renewal';
import { decisionChecks } from './decision-checks';
import { holderOf } from './dossier-holder';
import { createExpiringProlongations } from './expiring-prolongations';
import { projectedStatus } from './projected-status';
import {
  renderAttestation,
  type AttestationRequest,
  type FavorableRequest,
  type ProlongationRequest,
} from './rendered-attestation';
import type { Signatures } from '../signature/signature-service';
import { supplementReadAt } from '../supplement/supplement-rounds';

export interface InstructionDeps {
  db: Database.Database;
  applications: ApplicationRepository;
  outbox: OutboxRepository;
  review: ReviewRepository;
  history: HistoryRepository;
  blobs: BlobStore;
  actions: OutboxActions;
  fileLinks: Pick<FileLinks, 'allowRendered'>;
  /** The portal's time: « today » is its Paris date, as the portal will judge the dates. */
  portalNow(): Date;
  /** Whether the agent's decisions wait for the supervisor's signature, and where they stand. */
  signatures: Signatures;
}

const WAITING_SIGNATURE = 'Une décision attend la signature du chef de bureau sur ce dossier.';

/** Where an action stands on a dossier: allowed, or why not (in French). */
export interface ActionAvailability {
  allowed: boolean;
  reason: string | null;
}

const MOTIVATION_MIN = 10;
const MOTIVATION_MAX = 4000;

/**
 * Prolongations, decisions and closures on the dossiers of the local mirror. An attestation is
 * rendered and stored when previewed, rendered again when issued (the same inputs give the same
 * bytes: the hash proves the agent confirms what they saw), and its action is queued in the
 * outbox with its hash; the push uploads the PDF before the action.
 */
export function createInstruction(deps: InstructionDeps) {
  const expiring = createExpiringProlongations(deps.db);
  const today = () => parisDateOf(deps.portalNow());

  const dossier = (agent: PublicAgent, applicationNumber: string): ApplicationRow =>
    serviceDossier(deps.applications, agent, applicationNumber);

  const statusOf = (application: ApplicationRow) =>
    projectedStatus(application, deps.outbox.ofApplication(application.applicationNumber));

  /** The state machine's word on an event, on the dossier as it will be once the outbox is sent. */
  function availability(
    agent: PublicAgent,
    application: ApplicationRow,
    event: ApplicationEvent,
  ): ActionAvailability {
    const facts =
      event === 'closeIncomplete'
        ? {
            at: deps.portalNow(),
            supplementReadAt: supplementReadAt(
              deps.history.eventsOf(application.applicationNumber),
            ),
          }
        : {};
    const outcome = transition(statusOf(application), event, agent.role, facts);
    return outcome.ok
      ? { allowed: true, reason: null }
      : { allowed: false, reason: outcome.error.message };
  }

  function ensureAllowed(agent: PublicAgent, application: ApplicationRow, event: ApplicationEvent) {
    const { allowed, reason } = availability(agent, application, event);
    if (!allowed) throw new UserFacingError('PRECONDITION_FAILED', reason ?? '');
  }

  function checksOf(agent: PublicAgent, application: ApplicationRow) {
    const submittedOn = parisDateOf(new Date(application.submittedAt));
    const data = application.data as { dossier?: unknown };
    return decisionChecks({
      status: statusOf(application),
      role: agent.role,
      required: requiredFileDocuments(data.dossier, submittedOn),
      verdicts: deps.review.verdictsOf(application.applicationNumber),
      versions: deps.history.documentVersionsOf(application.applicationNumber),
      depositedOn: submittedOn,
      completeOn:
        deps.applications.deadlineFactsOf(application.applicationNumber)?.completeOn ?? null,
      decisionDate: today(),
      today: today(),
    });
  }

  function prolongationRequest(application: ApplicationRow): ProlongationRequest {
    return {
      document: 'prolongation',
      input: prolongationAttestationInput(holderOf(application), today()),
    };
  }

  function favorableRequest(application: ApplicationRow): FavorableRequest {
    return {
      document: 'favorableDecision',
      input: favorableDecisionAttestationInput(holderOf(application), today()),
    };
  }

  async function preview(application: ApplicationRow, request: AttestationRequest) {
    const rendered = await renderAttestation(deps.blobs, request);
    deps.fileLinks.allowRendered(rendered.sha256, application.applicationNumber);
    return rendered;
  }

  /** Rendered again from today's inputs: it must be the document the agent previewed. */
  async function confirmed(
    application: ApplicationRow,
    request: AttestationRequest,
    previewed: string | undefined,
  ) {
    const rendered = await preview(application, request);
    if (previewed !== undefined && rendered.sha256 !== previewed)
      throw new UserFacingError(
        'CONFLICT',
        "L'attestation n'est plus celle que vous avez prévisualisée (la date ou le dossier ont changé depuis) : prévisualisez-la à nouveau avant de confirmer.",
      );
    return rendered;
  }

  /** Twice the same attestation would notify the applicant twice (a batch run again, a double click). */
  function alreadyIssued(application: ApplicationRow, validTo: IsoDate): string | null {
    const number = application.applicationNumber;
    const waiting = deps.outbox
      .ofApplication(number)
      .some(
        (entry) =>
          entry.state === 'pending' &&
          entry.type === 'issueProlongation' &&
          entry.payload.validTo === validTo,
      );
    if (waiting || deps.applications.deadlineFactsOf(number)?.prolongationValidTo === validTo)
      return `Une attestation de prolongation valable jusqu'au ${formatFrenchDate(validTo)} a déjà été délivrée pour ce dossier.`;
    return null;
  }

  async function issueProlongation(
    agent: PublicAgent,
    applicationNumber: string,
    previewed?: string,
  ) {
    const application = dossier(agent, applicationNumber);
    ensureAllowed(agent, application, 'issueProlongation');
    const request = prolongationRequest(application);
    const rendered = await confirmed(application, request, previewed);
    // Checked after the rendering, right before queuing: two calls at once cannot both pass.
    const issued = alreadyIssued(application, request.input.validTo);
    if (issued) throw new UserFacingError('PRECONDITION_FAILED', issued);
    const { validFrom, validTo } = request.input;
    const entry = deps.actions.enqueue(agent, 'issueProlongation', applicationNumber, {
      validFrom,
      validTo,
      attestationSha256: rendered.sha256,
    });
    return {
      id: entry.id,
      state: entry.state,
      sha256: rendered.sha256,
      facts: { validFrom, validTo },
    };
  }

  /**
   * Queues the decision, or sends it for the supervisor's signature where the service asks so;
   * never a second one while one waits.
   */
  function decide(
    agent: PublicAgent,
    applicationNumber: string,
    decision: 'favorable' | 'unfavorable',
    payload: JsonObject,
  ) {
    if (deps.signatures.stateOf(applicationNumber).waiting)
      throw new UserFacingError('PRECONDITION_FAILED', WAITING_SIGNATURE);
    const toSign = deps.signatures.required(agent);
    const entry = toSign
      ? deps.actions.enqueue(agent, 'submitDecision', applicationNumber, { decision, payload })
      : deps.actions.enqueue(
          agent,
          decision === 'favorable' ? 'decideFavorable' : 'decideUnfavorable',
          applicationNumber,
          payload,
        );
    return { id: entry.id, state: entry.state, toSign };
  }

  const renewals = createRenewalJobs<PublicAgent>((agent, applicationNumber) =>
    issueProlongation(agent, applicationNumber),
  );

  /** An action with no payload, once the state machine allows it on the projected status. */
  function plainAction(
    agent: PublicAgent,
    applicationNumber: string,
    event: 'startReview' | 'closeIncomplete' | 'closeWithdrawn',
  ) {
    const application = dossier(agent, applicationNumber);
    ensureAllowed(agent, application, event);
    const entry = deps.actions.enqueue(agent, event, applicationNumber, {});
    return { id: entry.id, state: entry.state };
  }

  return {
    /** What blocks a decision, the implicit-rejection date, and which other actions are open. */
    checks(agent: PublicAgent, applicationNumber: string) {
      const application = dossier(agent, applicationNumber);
      const decision = checksOf(agent, application);
      const signature = deps.signatures.stateOf(applicationNumber);
      const blocking = signature.waiting
        ? [...decision.blocking, WAITING_SIGNATURE]
        : decision.blocking;
      const unfavorable = availability(agent, application, 'decideUnfavorable');
      return {
        status: statusOf(application),
        decision: { blocking, decisionDate: decision.decisionDate },
        signature: { required: deps.signatures.required(agent), ...signature },
        implicitRejectionOn: decision.implicitRejectionOn,
        startReview: availability(agent, application, 'startReview'),
        prolongation: availability(agent, application, 'issueProlongation'),
        unfavorable:
          signature.waiting && unfavorable.allowed
            ? { allowed: false, reason: WAITING_SIGNATURE }
            : unfavorable,
        closeIncomplete: {
          ...availability(agent, application, 'closeIncomplete'),
          consequence: CLOSURE_CONSEQUENCES.closeIncomplete,
        },
        closeWithdrawn: {
          ...availability(agent, application, 'closeWithdrawn'),
          consequence: CLOSURE_CONSEQUENCES.closeWithdrawn,
        },
      };
    },

    async previewProlongation(agent: PublicAgent, applicationNumber: string) {
      const application = dossier(agent, applicationNumber);
      const request = prolongationRequest(application);
      const rendered = await preview(application, request);
      const { validFrom, validTo } = request.input;
      return {
        sha256: rendered.sha256,
        fileName: rendered.fileName,
        facts: { validFrom, validTo },
      };
    },

    /** Renewable while no decision is taken; `previewed` is the hash the agent saw. */
    issueProlongation: (agent: PublicAgent, applicationNumber: string, previewed: string) =>
      issueProlongation(agent, applicationNumber, previewed),

    async previewFavorable(agent: PublicAgent, applicationNumber: string) {
      const application = dossier(agent, applicationNumber);
      const request = favorableRequest(application);
      const rendered = await preview(application, request);
      return {
        sha256: rendered.sha256,
        fileName: rendered.fileName,
        facts: favorableFacts(request),
      };
    },

    async decideFavorable(agent: PublicAgent, applicationNumber: string, previewed: string) {
      const application = dossier(agent, applicationNumber);
      const request = favorableRequest(application);
      const rendered = await confirmed(application, request, previewed);
      // Checked after the rendering, right before queuing: two calls at once cannot both pass.
      const { blocking } = checksOf(agent, dossier(agent, applicationNumber));
      // (A decision waiting for signature is refused by `decide`.)
      if (blocking.length > 0)
        throw new UserFacingError(
          'PRECONDITION_FAILED',
          `La décision favorable ne peut pas être prise : ${blocking.join(' ')}`,
        );
      const facts = favorableFacts(request);
      const entry = decide(agent, applicationNumber, 'favorable', {
        ...facts,
        attestationSha256: rendered.sha256,
      });
      return { ...entry, sha256: rendered.sha256, facts };
    },

    decideUnfavorable(agent: PublicAgent, applicationNumber: string, motivation: string) {
      const application = dossier(agent, applicationNumber);
      const text = motivation.trim();
      if (text.length < MOTIVATION_MIN || text.length > MOTIVATION_MAX)
        throw new UserFacingError(
          'BAD_REQUEST',
          `La motivation est obligatoire (de ${MOTIVATION_MIN} à ${MOTIVATION_MAX} caractères) : le demandeur la lira dans la notification de décision.`,
        );
      ensureAllowed(agent, application, 'decideUnfavorable');
      return decide(agent, applicationNumber, 'unfavorable', { motivation: text });
    },

    /** « Commencer l'instruction »: a new dossier, or one whose supplement was answered. */
    startReview: (agent: PublicAgent, applicationNumber: string) =>
      plainAction(agent, applicationNumber, 'startReview'),

    closeWithdrawn: (agent: PublicAgent, applicationNumber: string) =>
      plainAction(agent, applicationNumber, 'closeWithdrawn'),

    /** Only once the 30 days to answer the supplement request are over. */
    closeIncomplete: (agent: PublicAgent, applicationNumber: string) =>
      plainAction(agent, applicationNumber, 'closeIncomplete'),

    expiringProlongations: (agent: PublicAgent, withinDays = EXPIRY_WARNING_DAYS) =>
      expiring(agent.serviceCode, today(), withinDays),

    renewProlongations: (agent: PublicAgent, applicationNumbers: readonly string[]) =>
      renewals.start(agent, applicationNumbers),

    renewalProgress: (agent: PublicAgent, jobId: string) => renewals.progress(agent, jobId),

    /** Resolves once every batch renewal under way has finished. */
    settled: () => renewals.settled(),
  };
}

/** The decision's facts as the portal's `decideFavorable` payload names them. */
function favorableFacts({ input }: FavorableRequest) {
  return {
    decisionDate: input.decidedOn,
    cardValidFrom: input.validFrom,
    cardValidTo: input.validTo,
  };
}

export type Instruction = ReturnType<typeof createInstruction>;
