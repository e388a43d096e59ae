import path from 'node:path';

/**
 * The CLI runs from its bundle in dist/main/, so the built renderer is one folder up. Kept in one
 * place so tests running the TypeScript sources can pass their own paths instead.
 */
export function bundledRendererDir(): string {
  return path.resolve(__dirname, '..', 'renderer');
}

export function bundledElectronMain(): string {
  return path.resolve(__dirname, 'electron-main.cjs');
}
