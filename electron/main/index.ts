import { app, dialog, session } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../../package.json';
import { sessionIdleMsFromEnv, SESSION_IDLE_ENV } from '../backend/auth/session-idle';
import { createBackend } from '../backend/backend';
import type { FileLinks } from '../backend/review/file-links';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { connectBackend } from './ipc';
import { originOf } from './origin-checks';
import { createMainWindow } from './window';

const here = fileURLToPath(new URL('.', import.meta.url));
// electron-vite's dev server, in development only; the packaged app uses app://instructeur.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

/** The idle limit of the agents' sessions; a bad setting stops the start (read before any window). */
function sessionIdleMs(): number | undefined {
  try {
    return sessionIdleMsFromEnv(process.env[SESSION_IDLE_ENV]);
  } catch (error) {
    // Before `ready` on Linux, the message goes to stderr instead of a dialog.
    dialog.showErrorBox('Instructeur ne peut pas démarrer', (error as Error).message);
    app.exit(2);
    return undefined;
  }
}
const idleMs = sessionIdleMs();

app.enableSandbox();
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(async () => {
  // No web permission (camera, notifications, geolocation…) is ever granted to the renderer.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  let fileLinks: FileLinks | null = null;
  serveRenderer(join(here, '../renderer'), () => fileLinks);

  const backend = await createBackend({
    dataDir: app.getPath('userData'),
    version,
    portalUrl: process.env.INSTRUCTEUR_PORTAL_URL || undefined,
    ...(idleMs ? { sessionIdleMs: idleMs } : {}),
    // The embedded portal and the simulator run as Node programs on Electron's own binary.
    embedded: {
      portalScript: join(here, 'portal.js'),
      simulatorScript: join(here, 'simulator.js'),
      execPath: process.execPath,
      env: { ELECTRON_RUN_AS_NODE: '1' },
    },
  });
  fileLinks = backend.fileLinks;
  const startUrl = devServerUrl ?? `${APP_ORIGIN}/`;
  const window = createMainWindow(join(here, '../preload'), startUrl);
  connectBackend(backend, window, originOf(startUrl) ?? APP_ORIGIN);

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    void backend.close().finally(() => app.quit());
  });
});

// Any window or webview created later gets the same rules: no webviews at all.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});
