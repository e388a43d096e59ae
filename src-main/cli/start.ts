import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runServe } from './commands/serve';
import { findElectronBinary } from './electron-binary';
import { bundledElectronMain } from './resource-paths';

// `npm start`: the desktop app where Electron can run, the browser version where it cannot.
const projectRoot = path.resolve(__dirname, '..', '..');

/**
 * Since Electron 45 the binary is fetched on first use, not at `npm install`: fetch it here once,
 * unless the user asked not to (ELECTRON_SKIP_BINARY_DOWNLOAD) or it cannot be had (offline).
 */
function obtainElectron(): string | null {
  const found = findElectronBinary(projectRoot);
  if (found || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return found;
  const installer = path.join(projectRoot, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return null;
  console.log('Fetching the Electron desktop runtime (only the first time)…');
  const result = spawnSync(process.execPath, [installer], { cwd: path.dirname(installer), stdio: ['ignore', 'inherit', 'pipe'], timeout: 15 * 60_000 });
  if (result.status === 0) return findElectronBinary(projectRoot);
  const reason = result.stderr?.toString().split('\n').find((line) => /error/i.test(line))?.trim();
  if (reason) console.log(`(The download failed: ${reason.slice(0, 200)})`);
  return null;
}

const electron = obtainElectron();

if (electron) {
  const child = spawn(electron, [bundledElectronMain()], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
} else {
  console.log('The Electron desktop runtime is not available here, so Fanout opens in your web browser instead.');
  runServe({ port: 0, open: true, modemScan: true }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
