import { createServer } from 'node:net';
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';

/**
 * An address where nothing listens: every portal call fails at once as « unreachable », so a
 * workstation's agents created locally log in offline and no portal process is needed.
 */
export async function closedPortalUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** The router's refusal a call ended with (called in process, through `createCaller`). */
export async function refusal(
  call: Promise<unknown> | (() => Promise<unknown>),
): Promise<TRPCError> {
  const outcome = await (typeof call === 'function' ? call() : call).then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(TRPCError);
  return outcome as TRPCError;
}
