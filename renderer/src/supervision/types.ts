import type { api } from '../api/trpc-client';

/** What `supervision.overview` returns: per agent, ages, weekly counts by status. */
export type SupervisionOverview = Awaited<ReturnType<typeof api.supervision.overview.query>>;
export type AgentWorkloadRow = SupervisionOverview['perAgent'][number];
export type AgeBucket = SupervisionOverview['ages'][number];
export type StatusSnapshot = SupervisionOverview['trend'][number];
