import { Option } from 'commander';
import { defaultDataDir } from '../service/data-location';
import { defaultDatabasePath } from '../service/open-app-store';

/**
 * `--db PATH` as every command that reads or writes Fanout's data takes it: by default the same
 * database the desktop app and `fanout serve` use (FANOUT_DATA_DIR moves it).
 */
export function databaseOption(): Option {
  return new Option('--db <path>', 'the Fanout database file').default(defaultDatabasePath(defaultDataDir()), 'fanout.db in your data folder');
}
