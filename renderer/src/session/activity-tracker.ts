import { onScopeDispose, watch } from 'vue';
import { api } from '../api/trpc-client';
import { useSessionStore } from '../stores/session';

/** At most one heartbeat this often while the agent works: enough, since the limit is in minutes. */
const HEARTBEAT_MS = 30_000;
/** What the agent does: reading a PDF (scrolling, zooming) makes no backend call but is activity. */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'];

/**
 * Watches the agent's input for as long as the calling scope lives (the application): sends the
 * backend a heartbeat while they work, and locks the screen itself once the idle limit passes
 * without input, so the screen is covered even when no call is made.
 */
export function useActivityTracker(): void {
  const session = useSessionStore();
  let lastInput = Date.now();
  let lastBeat = 0;
  let beatTimer: ReturnType<typeof setTimeout> | null = null;
  let lockTimer: ReturnType<typeof setTimeout> | null = null;

  const running = () => session.agent !== null && !session.locked;

  function beat(): void {
    beatTimer = null;
    lastBeat = Date.now();
    // A locked session shows the lock through the client; an expired one, through the next poll.
    void api.auth.activity.mutate().catch(() => undefined);
  }

  function onInput(): void {
    if (!running()) return;
    lastInput = Date.now();
    if (beatTimer) return;
    // The first input after a quiet spell is told at once; the rest at the end of the window, so
    // the backend's last activity is never older than the screen's.
    const wait = lastBeat + HEARTBEAT_MS - lastInput;
    if (wait <= 0) beat();
    else beatTimer = setTimeout(beat, wait);
  }

  // Armed for the deadline as it stood, and checked again then: input in between moves it on.
  function checkIdle(): void {
    if (lockTimer) clearTimeout(lockTimer);
    lockTimer = null;
    if (!running()) return;
    const left = lastInput + session.idleMinutes * 60_000 - Date.now();
    if (left <= 0) void session.lock('idle');
    else lockTimer = setTimeout(checkIdle, left);
  }

  function stop(): void {
    if (beatTimer) clearTimeout(beatTimer);
    if (lockTimer) clearTimeout(lockTimer);
    beatTimer = lockTimer = null;
  }

  watch(
    running,
    (now) => {
      stop();
      if (!now) return;
      // A login or an unlock is activity for the backend too.
      lastInput = lastBeat = Date.now();
      checkIdle();
    },
    { immediate: true },
  );
  watch(() => session.idleMinutes, checkIdle);

  const options = { capture: true, passive: true };
  for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, options);
  // Timers of a hidden window are slowed down, and a sleeping computer runs none: check on return.
  document.addEventListener('visibilitychange', checkIdle);
  onScopeDispose(() => {
    stop();
    for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, options);
    document.removeEventListener('visibilitychange', checkIdle);
  });
}
