import type { AddressInfo } from 'node:net';
import { createDevClock } from './dev-clock';
import { createPortalServer } from './http/server';
import { createPortal, type Portal, type PortalOptions } from './portal';

export interface StartPortalOptions extends PortalOptions {
  /** 0 picks a free port (tests). */
  port?: number;
  /** Loopback unless told otherwise: the portal holds applicants' dossiers. */
  host?: string;
  /** Mounts dev.* (PORTAL_DEV=1), and runs the portal on a clock dev.setClock can move. */
  dev?: boolean;
  /** The address written into e-mails; the listening URL when omitted. */
  publicUrl?: string;
}

export interface RunningPortal {
  url: string;
  portal: Portal;
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Opens the data folder and listens; `close()` stops the server and closes the database. */
export async function startPortal({
  port = 0,
  host = '127.0.0.1',
  dev = false,
  publicUrl,
  ...options
}: StartPortalOptions): Promise<RunningPortal> {
  const devClock = dev ? createDevClock(options.now) : null;
  const portal = createPortal(devClock ? { ...options, now: devClock.now } : options);
  const server = createPortalServer(portal, { devClock });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    portal.close();
    throw error;
  }
  const url = `http://${urlHost(host)}:${(server.address() as AddressInfo).port}`;
  portal.setPublicUrl(publicUrl ?? url);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }).then(() => {
      portal.close();
    }));
  return { url, portal, close };
}
