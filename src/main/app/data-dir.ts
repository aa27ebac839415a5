import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The app's data folder outside Electron, chosen to equal Electron's `app.getPath('userData')`
 * for an app named workflow-builder, so the desktop app and browser mode share definitions,
 * runs and the dev server's database.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'workflow-builder');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'workflow-builder');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'workflow-builder');
}
