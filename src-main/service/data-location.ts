import os from 'node:os';
import path from 'node:path';

/**
 * Where Fanout keeps its data when no --data-dir is given: the same folder Electron's
 * app.getPath('userData') uses for an app called "Fanout", so the desktop app, `fanout serve`
 * and the CLI share one database.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.FANOUT_DATA_DIR) return path.resolve(env.FANOUT_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Fanout');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Fanout');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Fanout');
}
