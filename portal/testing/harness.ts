import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, expect } from 'vitest';
import type { PortalRouter } from '../router';
import { lilleAdultSteps } from './lille-dossier';
import { startPortal, type RunningPortal, type StartPortalOptions } from '../start-portal';
import { pngFile } from '../uploads/testing/samples';

/** A clock that runs with real time, and that a test can move forward (deadlines, expiries). */
export function testClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
    },
  };
}

export const DAY_MS = 24 * 60 * 60_000;

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'instructeur-portal-'));
}

/** A portal on a fresh data folder, real HTTP on 127.0.0.1 (port 0); stopped and removed after the file's tests. */
export function usePortal(
  options: Omit<StartPortalOptions, 'dataDir'> & { dataDir?: string } = {},
) {
  const state: { running?: RunningPortal; dir?: string } = {};
  beforeAll(async () => {
    state.dir = options.dataDir ?? tempDir();
    state.running = await startPortal({ dev: true, ...options, dataDir: state.dir });
  });
  afterAll(async () => {
    await state.running?.close();
    if (!options.dataDir && state.dir) rmSync(state.dir, { recursive: true, force: true });
  });
  const running = () => {
    if (!state.running) throw new Error('the portal is started in beforeAll');
    return state.running;
  };
  return {
    get url() {
      return running().url;
    },
    get portal() {
      return running().portal;
    },
    client: (token?: string) => portalClient(running().url, token),
  };
}

export type PortalClient = ReturnType<typeof portalClient>;

export function portalClient(url: string, token?: string) {
  return createTRPCClient<PortalRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        headers: () => (token ? { Authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });
}

/** The error a call fails with (the test fails if it succeeds). */
export async function failure(call: Promise<unknown>): Promise<TRPCClientError<PortalRouter>> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return error as TRPCClientError<PortalRouter>;
}

export const APPLICANT_PASSWORD = 'Motdepasse-1';
export const AGENT_PASSWORD = 'Agent-Nord-59';

/** An applicant of the « national file » whose account is activated, logged in. */
export async function activeApplicant(
  url: string,
  input: { civilStatus?: Record<string, unknown>; email?: string } = {},
) {
  const anonymous = portalClient(url);
  const created = await anonymous.dev.createApplicant.mutate(input);
  await anonymous.applicant.activate.mutate({
    token: created.activationToken,
    password: APPLICANT_PASSWORD,
  });
  const { token } = await anonymous.applicant.login.mutate({
    login: created.foreignerNumber,
    password: APPLICANT_PASSWORD,
  });
  return { ...created, token, client: portalClient(url, token) };
}

let agentCount = 0;

export async function loggedAgent(
  url: string,
  input: { role?: 'agent' | 'supervisor'; serviceCode?: string; name?: string } = {},
) {
  agentCount += 1;
  const anonymous = portalClient(url);
  const name = input.name ?? `Agent Test ${agentCount} ${Math.random().toString(36).slice(2, 8)}`;
  const { agentId, login } = await anonymous.dev.createAgent.mutate({
    name,
    role: input.role ?? 'agent',
    password: AGENT_PASSWORD,
    serviceCode: input.serviceCode ?? '59',
  });
  const { token, agent } = await anonymous.backoffice.login.mutate({
    login,
    password: AGENT_PASSWORD,
  });
  return { agentId, login, token, agent, client: portalClient(url, token) };
}

export interface Uploaded {
  sha256: string;
  size: number;
  mime: string;
}

/** POST /files as the holder of `token`; the raw Response for checks on refusals. */
export function postFile(url: string, token: string | null, bytes: Uint8Array, name?: string) {
  return fetch(`${url}/files`, {
    method: 'POST',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(name ? { 'X-Filename': encodeURIComponent(name) } : {}),
      'Content-Type': 'application/octet-stream',
    },
    body: new Uint8Array(bytes),
  });
}

export async function upload(url: string, token: string, bytes: Uint8Array, name: string) {
  const response = await postFile(url, token, bytes, name);
  expect(response.status).toBe(201);
  return (await response.json()) as Uploaded;
}

let distinct = 0;
/** A real PNG whose bytes differ from every other one this process made. */
export function distinctPng(): Uint8Array {
  distinct += 1;
  return pngFile(40 + (distinct % 200), 30 + Math.floor(distinct / 200));
}

/** The steps of a complete dossier of an adult living in Lille (Nord); each test breaks one thing. */
export function stepsOf(files: Record<string, Uploaded[]>) {
  const refs = (list: Uploaded[], name: string) =>
    list.map((file, index) => ({ sha256: file.sha256, name: `${name}-${index + 1}.png` }));
  return lilleAdultSteps(
    Object.fromEntries(Object.entries(files).map(([key, list]) => [key, refs(list, key)])),
    'Mon nom d’usage a changé depuis mon mariage.',
  );
}

/** Uploads one file per document of an adult's dossier and saves every step; returns the application. */
export async function draftReadyToSubmit(
  url: string,
  applicant: { token: string; client: PortalClient },
) {
  const { applicationId } = await applicant.client.applicant.applications.create.mutate({
    procedure: 'vpf-teh',
  });
  const files: Record<string, Uploaded[]> = {};
  for (const key of ['nationality', 'identity', 'residence', 'complaint'])
    files[key] = [await upload(url, applicant.token, distinctPng(), `${key}.png`)];
  const steps = stepsOf(files);
  for (const step of ['personal', 'motive', 'documents', 'deposit'] as const)
    await applicant.client.applicant.applications.saveStep.mutate({
      applicationId,
      step,
      data: steps[step],
    });
  return { applicationId, files, steps };
}

/** A submitted application, and its number. */
export async function submitted(url: string, applicant: { token: string; client: PortalClient }) {
  const draft = await draftReadyToSubmit(url, applicant);
  const result = await applicant.client.applicant.applications.submit.mutate({
    applicationId: draft.applicationId,
  });
  return { ...draft, ...result };
}
