import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonbWriter } from './jsonb-writer';

// SQLite is the reference: what it makes of the bytes is what the store will see.
const sqlite = new Database(':memory:');
const asJsonText = sqlite.prepare<[Uint8Array], { text: string; valid: number }>('SELECT json(b) AS text, json_valid(b, 8) AS valid FROM (SELECT ? AS b)');
const firstAsSql = sqlite.prepare<[Uint8Array], { value: unknown }>('SELECT ? ->> 0 AS value');
afterAll(() => sqlite.close());

type Value = string | number | null | Value[];

function write(writer: JsonbWriter, value: Value): void {
  if (value === null) writer.null();
  else if (typeof value === 'string') writer.text(value);
  else if (typeof value === 'number') writer.integer(value);
  else {
    writer.beginArray();
    for (const item of value) write(writer, item);
    writer.endArray();
  }
}

function throughSqlite(value: Value, initialBytes = 16): unknown {
  const writer = new JsonbWriter(initialBytes);
  write(writer, value);
  const row = asJsonText.get(writer.finish());
  expect(row?.valid).toBe(1);
  return JSON.parse(row?.text ?? 'undefined');
}

const values = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u2028', 'ß', '€', '😀', 'a') }),
    fc.maxSafeInteger(),
    fc.maxSafeNat(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 6 }),
  ),
}));

describe('JsonbWriter', () => {
  it('writes what SQLite reads back as the same JSON, for any mix of arrays, strings, integers and nulls', () => {
    fc.assert(
      fc.property(values.value, (value) => {
        expect(throughSqlite(value)).toEqual(value);
      }),
      { numRuns: 1000 },
    );
  });

  it('writes strings of every size class (one-, two- and four-byte sizes) and grows its buffer', () => {
    // '€' takes three bytes of UTF-8, the most a UTF-16 code unit can: each length is at the edge of a size class.
    for (const length of [0, 1, 85, 86, 1000, 21_845, 21_846, 100_000]) {
      for (const text of ['€'.repeat(length), 'ä'.repeat(length), 'a'.repeat(length)]) expect(throughSqlite([text, 'ok'])).toEqual([text, 'ok']);
    }
  });

  it('hands SQL the text as it is: quotes, backslashes and control characters need no unescaping', () => {
    const writer = new JsonbWriter();
    writer.beginArray();
    writer.text('sagt "hallo"\\\n\t😀');
    writer.endArray();
    expect(firstAsSql.get(writer.finish())?.value).toBe('sagt "hallo"\\\n\t😀');
  });

  it('replaces an unpaired surrogate with U+FFFD, as a UTF-8 encoder must', () => {
    expect(throughSqlite(['a\ud800b', '\udc00', 'x\ud83d'])).toEqual(['a\ufffdb', '\ufffd', 'x\ufffd']);
  });

  it('grows from an empty buffer', () => {
    expect(throughSqlite(['Köln', 7, null], 0)).toEqual(['Köln', 7, null]);
    const writer = new JsonbWriter(new ArrayBuffer(0));
    writer.text('x');
    expect(writer.length).toBe(3);
  });

  it('copies elements from another writer', () => {
    const source = new JsonbWriter();
    source.text('skip');
    const start = source.length;
    source.text('Köln');
    source.integer(-42);
    const end = source.length;
    const target = new JsonbWriter(8);
    target.beginArray();
    target.copy(source, start, end);
    target.endArray();
    expect(JSON.parse(asJsonText.get(target.finish())?.text ?? '')).toEqual(['Köln', -42]);
  });

  it('refuses an unfinished array and integers it cannot write exactly', () => {
    const writer = new JsonbWriter();
    writer.beginArray();
    expect(() => writer.finish()).toThrow(/not ended/);
    expect(() => writer.integer(2 ** 53)).toThrow(RangeError);
    expect(() => writer.integer(1.5)).toThrow(RangeError);
    expect(() => new JsonbWriter().endArray()).toThrow(/without beginArray/);
  });
});
