import { randomUUID } from 'node:crypto';
import { UserFacingError } from '../errors';

export interface RenewalProgress {
  jobId: string;
  total: number;
  /** Dossiers handled so far, renewed or failed. */
  done: number;
  failed: { applicationNumber: string; reason: string }[];
  finished: boolean;
}

const messageOf = (error: unknown): string =>
  error instanceof UserFacingError
    ? error.message
    : 'Une erreur inattendue est survenue pour ce dossier. Si elle se reproduit, prévenez le support.';

/**
 * Two dossiers at a time: while one attestation is written to disk (flushed), the next one is
 * rendered. Rendering takes the CPU; more at once would only interleave it.
 */
const RENEWALS_AT_ONCE = 2;

/** Finished jobs are kept this long for the screen to read their outcome. */
const KEEP_FINISHED_MS = 60 * 60_000;

/**
 * Renewals in batch as background jobs: each dossier goes through the same path as a single
 * renewal (`renewOne`), and a failure is recorded without stopping the
 * others. The screen polls the progress by the job's id; only the agent who started a job sees it.
 */
export function createRenewalJobs<Agent extends { id: string }>(
  renewOne: (agent: Agent, applicationNumber: string) => Promise<unknown>,
) {
  const jobs = new Map<string, { agentId: string; progress: RenewalProgress; endedAt?: number }>();

  function forget(): void {
    const now = Date.now();
    for (const [id, job] of jobs)
      if (job.endedAt !== undefined && now - job.endedAt > KEEP_FINISHED_MS) jobs.delete(id);
  }

  return {
    start(agent: Agent, applicationNumbers: readonly string[]): RenewalProgress {
      forget();
      const numbers = [...new Set(applicationNumbers)];
      const progress: RenewalProgress = {
        jobId: randomUUID(),
        total: numbers.length,
        done: 0,
        failed: [],
        finished: numbers.length === 0,
      };
      const job: { agentId: string; progress: RenewalProgress; endedAt?: number } = {
        agentId: agent.id,
        progress,
      };
      jobs.set(progress.jobId, job);
      const queue = [...numbers];
      const worker = async () => {
        for (let number = queue.shift(); number !== undefined; number = queue.shift()) {
          try {
            await renewOne(agent, number);
          } catch (error) {
            progress.failed.push({ applicationNumber: number, reason: messageOf(error) });
          }
          progress.done += 1;
        }
      };
      void Promise.all(Array.from({ length: RENEWALS_AT_ONCE }, worker)).then(() => {
        progress.finished = true;
        job.endedAt = Date.now();
      });
      return { ...progress, failed: [...progress.failed] };
    },

    progress(agent: Agent, jobId: string): RenewalProgress {
      const job = jobs.get(jobId);
      if (!job || job.agentId !== agent.id)
        throw new UserFacingError('NOT_FOUND', "Ce renouvellement groupé n'existe pas ou plus.");
      return { ...job.progress, failed: [...job.progress.failed] };
    },

    /** Resolves when every job under way has finished (closing the backend, tests). */
    async settled(): Promise<void> {
      while ([...jobs.values()].some((job) => !job.progress.finished))
        await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}
