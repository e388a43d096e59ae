// Finds the script of a worker thread: in a bundle, the entry's own .cjs file beside the bundle
// (the build lists each worker entry; the packaged app keeps them outside its archive); from
// source (tsx, vitest, the benchmarks), the .ts entry bundled once in memory with esbuild,
// because a worker does not inherit tsx's loader, and registering it there costs a loader
// thread and its memory.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** How to start a worker: its bundled file, or its code (bundled now from source). */
export type WorkerScript = { file: string } | { code: string };

const fromSource = new Map<string, WorkerScript | undefined>();

/**
 * The script of the worker entry `name` (a .ts file beside the module at `moduleUrl`, built as
 * `name.cjs`). Undefined when neither is there, or esbuild is missing (an installed app whose
 * build left the entry out): the caller then does the work on its own thread. `external`:
 * packages the worker loads at run time (native modules), resolved from the entry's folder.
 * Bundling from source blocks for a moment, once per entry and process.
 */
export function workerScript(moduleUrl: unknown, name: string, external: readonly string[] = []): WorkerScript | undefined {
  if (typeof moduleUrl !== 'string') return undefined;
  const bundled = outsideAsar(fileURLToPath(new URL(`./${name}.cjs`, moduleUrl)));
  if (existsSync(bundled)) return { file: bundled };
  const source = fileURLToPath(new URL(`./${name}.ts`, moduleUrl));
  if (!existsSync(source)) return undefined;
  if (!fromSource.has(source)) fromSource.set(source, bundleFromSource(source, external));
  return fromSource.get(source);
}

/** Starts a worker thread on `script`, whichever form it has. */
export function startWorker(script: WorkerScript, options: Omit<WorkerOptions, 'eval'>): Worker {
  return 'file' in script ? new Worker(script.file, options) : new Worker(script.code, { ...options, eval: true });
}

/** In the packaged app, worker scripts are unpacked beside the archive (electron-builder.yml): Node's loader cannot read inside it. */
function outsideAsar(file: string): string {
  return file.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`);
}

/** The subset of esbuild's API used here (it is a development dependency, loaded only when present). */
interface Esbuild {
  buildSync(options: Record<string, unknown>): { outputFiles?: { text: string }[] };
}

function bundleFromSource(source: string, external: readonly string[]): WorkerScript | undefined {
  let esbuild: Esbuild;
  try {
    esbuild = createRequire(source)('esbuild') as Esbuild;
  } catch {
    return undefined;
  }
  const result = esbuild.buildSync({
    entryPoints: [source],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
    external: [...external],
    // Code run with `eval: true` resolves packages from the working folder; resolve them from the entry's instead.
    ...(external.length > 0 ? { banner: { js: `require = require('node:module').createRequire(${JSON.stringify(source)});` } } : {}),
  });
  const code = result.outputFiles?.[0]?.text;
  return code === undefined ? undefined : { code };
}
