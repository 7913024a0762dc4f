import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the portal keeps its data when PORTAL_DATA_DIR is not set: the OS's usual place, beside the workstation's. */
export function defaultPortalDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Instructeur', 'portal');
  if (platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'Instructeur', 'portal');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'instructeur', 'portal');
}
