// Contacts search at 1,000,000 contacts: the case folding beyond ASCII (a JavaScript function
// called by SQLite per row) against the plain ASCII LIKE it replaced, on the same file.
//   npx tsx bench/contacts-search.ts [ROWS]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPhoneHasher, createStore, openDatabase } from '../src-main/store';

const rows = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(path.join(tmpdir(), 'fanout-bench-search-'));
// Like the import benchmark's file: about a third of the names and most cities are not pure ASCII.
const FIRST = ['Anna', 'Jörg', 'Ülkü', 'Marie', 'Lukas', 'Sophie', 'Mehmet', 'Ελένη', 'Ørsted', 'Zoë'];
const LAST = ['Muster', 'Müller', 'Schmidt', 'Nielsen'];
const CITY = ['Berlin', 'Köln', 'München', 'Hamburg', 'Düsseldorf'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed(run: () => unknown, times = 5): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

try {
  const database = openDatabase({ path: path.join(dir, 'fanout.db') });
  const store = createStore(database, { phoneHasher: createPhoneHasher(Buffer.alloc(32, 1)) });
  const insert = database.sqlite.prepare('INSERT INTO contacts (phone_e164, name, fields_json, tags_json, opted_out, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0, 0)');
  database.sqlite.transaction(() => {
    for (let i = 0; i < rows; i++) {
      insert.run(`+49151${String(10_000_000 + i)}`, `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}${i % 997}`, JSON.stringify({ Stadt: CITY[i % CITY.length], Kundennummer: `K${i}` }), '[]');
    }
  })();

  const folded = (text: string) => () => {
    store.contacts.count({ text });
    store.contacts.search({ text }, { limit: 100 });
  };
  // The query this replaced: SQLite's LIKE, which folds ASCII only.
  const like = (text: string) => {
    const pattern = `%${text}%`;
    const where = "WHERE c.phone_e164 LIKE ? OR c.name LIKE ? OR c.fields_json LIKE ?";
    const count = database.sqlite.prepare(`SELECT count(*) FROM contacts c ${where}`);
    const page = database.sqlite.prepare(`SELECT * FROM contacts c ${where} ORDER BY c.name COLLATE NOCASE, c.id LIMIT 100`);
    return () => {
      count.get(pattern, pattern, pattern);
      page.all(pattern, pattern, pattern);
    };
  };

  console.log(`contacts search over ${rows.toLocaleString('en')} contacts (count + first page of 100, median of 5)`);
  for (const text of ['müller12', 'MÜLLER12', 'zoë', 'schmidt12', 'k4711']) {
    const baseline = timed(like(text));
    const measured = timed(folded(text));
    console.log(`  "${text}": folded ${measured.toFixed(0)} ms, ASCII LIKE baseline ${baseline.toFixed(0)} ms (${(measured / baseline).toFixed(2)}x)`);
  }
  database.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
