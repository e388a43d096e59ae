import type { Command } from 'commander';
import { appVersion } from '../../app-version';
import { createService } from '../../service/create-service';
import { startupDataLocation } from '../../service/data-location';
import { openStoreForCli } from '../open-store';
import { defaultDatabasePath } from '../../service/open-app-store';
import { createAccessToken } from '../../transport/access-token';
import { startHttpTransport } from '../../transport/http-transport';
import { CliError } from '../cli-error';
import { openInBrowser } from '../open-browser';
import { parsePort } from '../option-parsers';
import { bundledRendererDir } from '../resource-paths';

export interface ServeOptions {
  port: number;
  /** Absent: FANOUT_DATA_DIR, else the folder chosen in Settings (a pending move is done first). */
  dataDir?: string;
  /** Overrides <dataDir>/fanout.db. */
  db?: string;
  open: boolean;
  /** commander's --no-modem-scan sets this false. */
  modemScan: boolean;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run Fanout in your web browser: starts the app on this PC only (127.0.0.1) and prints its address.')
    .option('--port <number>', 'port to listen on (0 picks a free one)', parsePort, 0)
    .option('--data-dir <folder>', 'where Fanout keeps its data (default: the folder chosen in Settings, or FANOUT_DATA_DIR)')
    .option('--db <file>', 'the database file to use (default: fanout.db in the data folder)')
    .option('--open', 'open the address in your default browser', false)
    .option('--no-modem-scan', "don't look for modems on this computer's serial ports (demo modems still work)")
    .action(async (options: ServeOptions) => {
      await runServe(options);
    });
}

export async function runServe(options: ServeOptions): Promise<void> {
  const { dataDir, control } = startupDataLocation(options.dataDir);
  const databasePath = options.db ?? defaultDatabasePath(dataDir);
  const service = createService({
    info: {
      version: appVersion,
      transport: 'serve',
      dataDir,
      databasePath,
      platform: process.platform,
      startedAt: new Date(),
    },
    store: openStoreForCli(databasePath),
    scanSerialPorts: options.modemScan,
    // A --db of its own makes the folder setting meaningless for this run.
    dataLocation: options.db === undefined ? control : { ...control, fixedBy: 'option' },
  });
  const transport = await startHttpTransport({
    service,
    rendererDir: bundledRendererDir(),
    token: createAccessToken(),
    port: options.port,
  }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    void service.close();
    if (code === 'EADDRINUSE') {
      throw new CliError(`Port ${options.port} is already in use. Choose another with --port, or leave it out to pick a free one.`);
    }
    throw error;
  });

  console.log(`Fanout is running at ${transport.url}`);
  console.log('Open that address in your browser (it carries a private access key that changes every time Fanout starts). Press Ctrl+C to stop.');
  if (options.open && !(await openInBrowser(transport.url))) {
    console.log('Could not open a browser by itself; copy the address above into one.');
  }

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log('Stopping Fanout…');
  await transport.close();
  await service.close();
}
