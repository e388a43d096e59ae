// Builds what the app runs: the renderer with Vite into dist/renderer, and the main-process entry
// points with esbuild into dist/main (CommonJS, because Electron's sandboxed preload must be).
//   --if-stale  build only when a source file is newer than the last build
//   --quiet     print nothing unless something fails
import { build as esbuild } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const stampFile = path.join(root, 'dist', '.build-stamp');
const log = (message) => {
  if (!quiet) console.log(message);
};

function newestSourceTime() {
  let newest = 0;
  const visit = (entry) => {
    const info = statSync(entry);
    if (info.isDirectory()) {
      for (const child of readdirSync(entry)) if (child !== 'node_modules') visit(path.join(entry, child));
    } else if (info.mtimeMs > newest) newest = info.mtimeMs;
  };
  for (const entry of ['src-main', 'src-shared', 'src-renderer', 'assets', 'package.json', '.config/build.mjs']) {
    const full = path.join(root, entry);
    if (existsSync(full)) visit(full);
  }
  return newest;
}

if (args.has('--if-stale') && existsSync(stampFile) && statSync(stampFile).mtimeMs >= newestSourceTime()) {
  process.exit(0);
}

const started = Date.now();
log('Building Fanout…');
const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: path.join(root, 'src-renderer', 'vite.config.ts'), logLevel: quiet ? 'error' : 'warn' });

await esbuild({
  absWorkingDir: root,
  entryPoints: {
    cli: 'src-main/cli/main.ts',
    start: 'src-main/cli/start.ts',
    'electron-main': 'src-main/electron/main.ts',
    preload: 'src-main/electron/preload.ts',
    // Started as a worker thread by the CSV import (src-main/contacts/import-row-source.ts).
    'import-reader-worker': 'src-main/contacts/import-reader-worker.ts',
    // Started as a worker thread by large writes (src-main/store/background-checkpoints.ts).
    'checkpoint-worker': 'src-main/store/checkpoint-worker.ts',
  },
  outdir: 'dist/main',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: quiet ? 'error' : 'warning',
  // Code that finds files beside itself reads import.meta.url; in the CommonJS bundle that is
  // the bundle's own file.
  banner: { js: "const __bundleFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__bundleFileUrl' },
  // Native modules and Electron itself are loaded at run time, never bundled.
  external: ['electron', 'better-sqlite3', 'serialport', '@serialport/bindings-cpp', 'esbuild', 'vite'],
});

const migrations = path.join(root, 'src-main', 'store', 'migrations');
if (existsSync(migrations)) cpSync(migrations, path.join(root, 'dist', 'main', 'migrations'), { recursive: true });

mkdirSync(path.dirname(stampFile), { recursive: true });
writeFileSync(stampFile, new Date().toISOString());
log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
