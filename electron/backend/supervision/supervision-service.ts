import type Database from 'better-sqlite3';
import type { AgentRepository } from '../../../db/desktop/agent-repository';
import type { ApplicationRepository } from '../../../db/desktop/application-repository';
import type { OutboxRepository } from '../../../db/desktop/outbox-repository';
import { parisDateOf } from '../../../shared/dates/paris-time';
import { transition } from '../../../shared/workflow/transitions';
import type { PublicAgent } from '../auth/auth-service';
import { UserFacingError } from '../errors';
import { projectedStatus } from '../instruction/projected-status';
import { serviceDossier } from '../review/service-dossier';
import type { OutboxActions } from '../sync/outbox-actions';
import { createStatusTrend } from './status-trend';
import { createWorkloadQueries } from './workload';

export interface SupervisionDeps {
  db: Database.Database;
  agents: AgentRepository;
  applications: ApplicationRepository;
  outbox: OutboxRepository;
  actions: OutboxActions;
  portalNow(): Date;
}

export const REASON_MAX = 500;

/**
 * What a supervisor sees of their service and does with it: the workload of each agent, the age
 * of the open dossiers, the counts by status over the weeks, and reassignments with a reason
 * (through the outbox; the portal checks the role again and tells the agents concerned).
 */
export function createSupervision(deps: SupervisionDeps) {
  const workload = createWorkloadQueries(deps.db);
  const trend = createStatusTrend(deps.db);
  const today = () => parisDateOf(deps.portalNow());

  /** The service's active agents: the only ones a dossier may be given to. */
  const activeAgents = (serviceCode: string) =>
    deps.agents.list({ serviceCode }).filter((agent) => agent.disabledAt === null);

  function reassignOne(
    supervisor: PublicAgent,
    applicationNumber: string,
    agentId: string,
    reason: string,
  ) {
    const application = serviceDossier(deps.applications, supervisor, applicationNumber);
    if (application.assignedAgentId === agentId)
      throw new UserFacingError('PRECONDITION_FAILED', 'Le dossier est déjà attribué à cet agent.');
    const status = projectedStatus(
      application,
      deps.outbox.ofApplication(applicationNumber).filter((entry) => entry.state === 'pending'),
    );
    const allowed = transition(status, 'assign', supervisor.role, {
      assignsSelf: agentId === supervisor.id,
    });
    if (!allowed.ok) throw new UserFacingError('PRECONDITION_FAILED', allowed.error.message);
    return deps.actions.enqueue(supervisor, 'assign', applicationNumber, { agentId, reason });
  }

  return {
    /** Per agent (and the unassigned dossiers), the ages and the weekly counts by status. */
    overview(supervisor: PublicAgent) {
      const on = today();
      const agents = activeAgents(supervisor.serviceCode);
      const rows = workload.perAgent(supervisor.serviceCode, on);
      const empty = { open: 0, waitingApplicant: 0, overdue: 0, expiringSoon: 0 };
      const perAgent = [
        ...agents.map((agent) => ({
          ...empty,
          implicitRejectionPassed: 0,
          ...rows.find((row) => row.agentId === agent.id),
          agentId: agent.id as string | null,
          agentName: agent.displayName,
          role: agent.role,
        })),
        // Dossiers of an agent since disabled are shown under their id: they must be handed over.
        ...rows
          .filter((row) => row.agentId === null || !agents.some((a) => a.id === row.agentId))
          .map((row) => ({ ...row, agentName: null, role: null })),
      ];
      return {
        today: on,
        perAgent,
        ages: workload.ages(supervisor.serviceCode, on),
        trend: trend(supervisor.serviceCode, on),
      };
    },

    /**
     * Gives each dossier to the named agent, with the reason the agents concerned will read. One
     * refusal does not stop the others; each is said with its dossier.
     */
    reassign(
      supervisor: PublicAgent,
      applicationNumbers: readonly string[],
      agentId: string,
      reason: string,
    ) {
      const text = reason.trim();
      if (text.length === 0 || text.length > REASON_MAX)
        throw new UserFacingError(
          'BAD_REQUEST',
          `Le motif de la réattribution est obligatoire (${REASON_MAX} caractères au plus) : les agents concernés le liront.`,
        );
      const target = activeAgents(supervisor.serviceCode).find((agent) => agent.id === agentId);
      if (!target)
        throw new UserFacingError(
          'BAD_REQUEST',
          "L'agent désigné n'existe pas, est désactivé ou n'appartient pas à votre service.",
        );
      const failed: { applicationNumber: string; reason: string }[] = [];
      let queued = 0;
      for (const applicationNumber of new Set(applicationNumbers)) {
        try {
          reassignOne(supervisor, applicationNumber, target.id, text);
          queued += 1;
        } catch (error) {
          failed.push({
            applicationNumber,
            reason: error instanceof UserFacingError ? error.message : String(error),
          });
        }
      }
      return { agentName: target.displayName, queued, failed };
    },
  };
}

export type Supervision = ReturnType<typeof createSupervision>;
