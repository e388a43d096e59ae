import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Finds the Electron binary the electron package downloaded, without requiring the package:
 * from Electron 45 on, requiring it starts a download when the binary is missing.
 */
export function findElectronBinary(projectRoot: string): string | null {
  const packageDir = path.join(projectRoot, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = path.join(packageDir, 'dist', relative);
  return relative && existsSync(binary) ? binary : null;
}
