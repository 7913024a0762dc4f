import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { formatParisDate } from '../../../shared/dates/format';
import { parisTimeOf } from '../../../shared/dates/paris-time';
import { api, errorCode, errorMessage } from '../api/trpc-client';
import { i18n } from '../plugins/i18n';
import { router } from '../router';
import { useSessionStore } from './session';

type Status = Awaited<ReturnType<typeof api.sync.status.query>>;
export type SyncProblem = Awaited<ReturnType<typeof api.sync.problems.query>>[number];

/** The backend syncs by itself; the renderer only reads its state, often enough to feel live. */
const POLL_MS = 3_000;

/**
 * The workstation's link with the portal as the agent sees it: polled while someone is logged in,
 * forgotten at logout.
 */
export const useSyncStore = defineStore('sync', () => {
  const session = useSessionStore();
  const { t } = i18n.global;

  const status = ref<Status | null>(null);
  /** The local backend did not answer the last call (French text), apart from the sync itself. */
  const callError = ref<string | null>(null);
  const problemList = ref<SyncProblem[]>([]);
  /** Ticks with each poll, so that « il y a N min » moves on. */
  const clock = ref(Date.now());

  let timer: ReturnType<typeof setTimeout> | null = null;
  // Each start or stop begins a new generation: a late answer from an older one is ignored.
  let generation = 0;

  async function expireSession(): Promise<void> {
    session.expire();
    await router.replace({ name: 'login' });
  }

  async function refresh(): Promise<void> {
    const current = generation;
    try {
      const next = await api.sync.status.query();
      if (current !== generation) return;
      status.value = next;
      callError.value = null;
    } catch (e) {
      if (current !== generation) return;
      if (errorCode(e) === 'UNAUTHORIZED') return expireSession();
      callError.value = errorMessage(e);
    } finally {
      clock.value = Date.now();
    }
  }

  async function poll(current: number): Promise<void> {
    await refresh();
    if (current === generation) timer = setTimeout(() => void poll(current), POLL_MS);
  }

  // The system says the network is back: sync at once rather than at the next retry (up to 15 s
  // later while offline).
  function onOnline(): void {
    if (status.value?.connection === 'offline') void now();
  }

  function stop(): void {
    window.removeEventListener('online', onOnline);
    generation += 1;
    if (timer) clearTimeout(timer);
    timer = null;
    status.value = null;
    callError.value = null;
    problemList.value = [];
  }

  function start(): void {
    stop();
    window.addEventListener('online', onOnline);
    void poll(generation);
  }

  watch(
    () => session.agent?.id ?? null,
    (agentId) => (agentId ? start() : stop()),
    { immediate: true },
  );

  /** « Synchroniser »: resolves once the backend's sync is over. */
  async function now(): Promise<void> {
    try {
      status.value = await api.sync.now.mutate();
      callError.value = null;
    } catch (e) {
      if (errorCode(e) === 'UNAUTHORIZED') return expireSession();
      callError.value = errorMessage(e);
    }
  }

  /** Gives the portal the agent's password again; throws with the backend's French message. */
  async function reconnect(password: string): Promise<void> {
    status.value = await api.sync.reconnect.mutate({ password });
  }

  async function problems(): Promise<SyncProblem[]> {
    problemList.value = await api.sync.problems.query();
    return problemList.value;
  }

  async function resolve(id: string, choice: 'reapply' | 'drop'): Promise<void> {
    await api.sync.resolve.mutate({ id, choice });
    await Promise.all([problems(), refresh()]);
  }

  /** When something happened, in words: « à l'instant », « il y a 5 min », « aujourd'hui à 09:12 ». */
  function whenText(iso: string): string {
    const instant = new Date(iso);
    const minutes = Math.floor((clock.value - instant.getTime()) / 60_000);
    if (minutes < 1) return t('sync.when.justNow');
    if (minutes < 60) return t('sync.when.minutesAgo', { n: minutes });
    return dateTimeText(iso);
  }

  /** « aujourd'hui à 09:12 » or « le 26/11/2026 à 17:40 », on the Paris clock. */
  function dateTimeText(iso: string): string {
    const instant = new Date(iso);
    const time = parisTimeOf(instant);
    const date = formatParisDate(instant);
    return date === formatParisDate(new Date(clock.value))
      ? t('sync.when.today', { time })
      : t('sync.when.onDate', { date, time });
  }

  return {
    status,
    callError,
    problemList,
    now,
    reconnect,
    problems,
    resolve,
    whenText,
    dateTimeText,
  };
});

const sizeFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** A size for people: « 850 ko », « 3,2 Mo », « 1,5 Go ». */
export function formatBytes(bytes: number): string {
  const units = ['o', 'ko', 'Mo', 'Go'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${sizeFormat.format(value)}\u00a0${units[unit]}`;
}
