// Another Fanout process for the data-location tests: opens the database given on the command
// line as the app does, says "open", and keeps it open until it is killed.
import { openAppStore } from '../open-app-store';

const [dbPath] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: hold-database-open DB');
openAppStore(dbPath);
process.stdout.write('open\n');
setInterval(() => undefined, 60_000);
