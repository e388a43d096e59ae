// The generated contact list the import benchmarks read: German Excel style (semicolons,
// umlauts), numbers in mixed notations as real lists have them, every number distinct and valid.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const FIRST = ['Anna', 'Jörg', 'Ülkü', 'Marie', 'Lukas', 'Sophie', 'Mehmet', 'Olga', 'Ben', 'Zoë'];
const CITY = ['Berlin', 'Köln', 'München', 'Hamburg', 'Düsseldorf'];

/**
 * 'ascending': the numbers in the order of the rows, as a list exported sorted by number has them.
 * 'scattered': each row's number far from the last one's, as a list sorted by name or customer
 * number has them: row i gets number i × SCATTER modulo the row count (a permutation, since the
 * prime does not divide the count), so every batch of rows lands all over the number index.
 */
export type NumberOrder = 'ascending' | 'scattered';
const SCATTER = 7919;

export async function writeContactsCsv(file: string, rows: number, order: NumberOrder = 'ascending'): Promise<void> {
  if (order === 'scattered' && rows % SCATTER === 0) throw new RangeError(`${rows} rows cannot be scattered by ${SCATTER}`);
  const out = createWriteStream(file);
  out.write('Vorname;Nachname;Mobil;Stadt;Kundennummer\n');
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    const position = order === 'ascending' ? i : Number((BigInt(i) * BigInt(SCATTER)) % BigInt(rows));
    const subscriber = String(1_000_000 + position).padStart(8, '0');
    const phone = i % 3 === 0 ? `+49 151 ${subscriber}` : i % 3 === 1 ? `0151${subscriber}` : `0151 ${subscriber.slice(0, 4)} ${subscriber.slice(4)}`;
    buffer += `${FIRST[i % FIRST.length]};Muster${i % 997};${phone};${CITY[i % CITY.length]};K${i}\n`;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}
