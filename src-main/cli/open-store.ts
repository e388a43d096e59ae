import { DatabaseOpenError, type Store } from '../store';
import { openAppStore } from '../service/open-app-store';
import { CliError } from './cli-error';

/** Opens the database a command names with --db, turning a failure into a plain message. */
export function openStoreForCli(dbPath: string): Store {
  try {
    return openAppStore(dbPath);
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw new CliError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new CliError(`Fanout may not write to the folder of ${dbPath}. Choose another place with --db or --data-dir.`);
    }
    throw error;
  }
}
