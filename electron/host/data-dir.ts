import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the headless host keeps its data when INSTRUCTEUR_DATA_DIR is not set: the OS's usual place. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Instructeur');
  if (platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'Instructeur');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'instructeur');
}
