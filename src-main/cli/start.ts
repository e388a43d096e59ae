import { spawn } from 'node:child_process';
import path from 'node:path';
import { runServe } from './commands/serve';
import { defaultDataDir } from '../service/data-location';
import { findElectronBinary } from './electron-binary';
import { bundledElectronMain } from './resource-paths';

// `npm start`: the desktop app where Electron is installed, the browser version where it is not.
const projectRoot = path.resolve(__dirname, '..', '..');
const electron = findElectronBinary(projectRoot);

if (electron) {
  const child = spawn(electron, [bundledElectronMain()], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
} else {
  console.log('The Electron desktop runtime is not installed here, so Fanout opens in your web browser instead.');
  runServe({ port: 0, dataDir: defaultDataDir(), open: true, modemScan: true }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
