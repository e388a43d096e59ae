// Entry point bundled by open-database.test.ts into a CommonJS file, as the app is bundled into
// dist/main/*.cjs: proves the default migrations folder is found beside the bundle.
import { openDatabase } from '../open-database';

const database = openDatabase({ path: process.argv[2] ?? 'fanout.db' });
const tables = database.sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
database.close();
console.log(`tables ${tables.n}`);
