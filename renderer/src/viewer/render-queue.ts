import type { Job } from './types';

/**
 * Runs jobs one after another: thumbnails must not compete with the page the agent is looking at
 * for pdf.js's single worker. A job cancelled while waiting never starts.
 */
export function createRenderQueue(): (start: () => Job) => Job {
  let tail: Promise<void> = Promise.resolve();
  return (start) => {
    let running: Job | null = null;
    let cancelled = false;
    const promise = tail.then(() => {
      if (cancelled) return;
      running = start();
      return running.promise;
    });
    tail = promise.catch(() => undefined);
    return {
      promise,
      cancel() {
        cancelled = true;
        running?.cancel();
      },
    };
  };
}
