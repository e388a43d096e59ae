// The generated contact list the import benchmarks read: German Excel style (semicolons,
// umlauts), numbers in mixed notations as real lists have them, every number distinct and valid.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const FIRST = ['Anna', 'Jörg', 'Ülkü', 'Marie', 'Lukas', 'Sophie', 'Mehmet', 'Olga', 'Ben', 'Zoë'];
const CITY = ['Berlin', 'Köln', 'München', 'Hamburg', 'Düsseldorf'];

export async function writeContactsCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('Vorname;Nachname;Mobil;Stadt;Kundennummer\n');
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    const subscriber = String(1_000_000 + i).padStart(8, '0');
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
