// Writes SQLite's binary JSON (JSONB, sqlite.org/jsonb.html, stable since 3.45) into a byte
// buffer: arrays, strings, integers and nulls, which is all an import batch needs. SQLite takes
// such a BLOB wherever it takes JSON text, without parsing it: a million-row import handed over
// as JSON text spent a tenth of its time escaping and joining the text on the reader's thread,
// copying it between threads and into UTF-8, and parsing it again in SQLite.
//
// Each element is a header (type in the low four bits, payload size above) and a payload. Sizes
// are written after the payload, into headers reserved large enough for any payload the element
// could have: the format allows a header wider than its size needs.

const TYPE_NULL = 0x0;
const TYPE_INT = 0x3;
/** A string as raw UTF-8 that SQLite escapes when it renders it as JSON text: any text can be written as it is. */
const TYPE_TEXT_RAW = 0xa;
const TYPE_ARRAY = 0xb;
/** Upper four bits of a header byte: the size follows in 1, 2 or 4 bytes. */
const SIZE_IN_1 = 0xc0;
const SIZE_IN_2 = 0xd0;
const SIZE_IN_4 = 0xe0;
/** An array's header: its type and a 4-byte size. */
export const ARRAY_HEADER_BYTES = 5;

export class JsonbWriter {
  private bytes: Uint8Array;
  private end = 0;
  /** Header offsets of the arrays begun and not yet ended, innermost last. */
  private readonly openArrays: number[] = [];

  /** Writes into `buffer` (one a finished writer's bytes came in, handed back to be used again) or a new one of that many bytes. */
  constructor(buffer: ArrayBuffer | number = 1 << 16) {
    this.bytes = typeof buffer === 'number' ? new Uint8Array(buffer) : new Uint8Array(buffer);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.end;
  }

  beginArray(): void {
    this.reserve(ARRAY_HEADER_BYTES);
    this.bytes[this.end] = SIZE_IN_4 | TYPE_ARRAY;
    this.openArrays.push(this.end);
    this.end += ARRAY_HEADER_BYTES;
  }

  endArray(): void {
    const header = this.openArrays.pop();
    if (header === undefined) throw new Error('JsonbWriter: endArray without beginArray');
    writeUint32(this.bytes, header + 1, this.end - header - ARRAY_HEADER_BYTES);
  }

  null(): void {
    this.reserve(1);
    this.bytes[this.end++] = TYPE_NULL;
  }

  /** A safe integer, written as its decimal digits (as JSON text would have it). */
  integer(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`JsonbWriter: not a safe integer: ${value}`);
    // At most 17 characters ("-9007199254740991"): the size always fits the header's first byte's 1-byte form.
    this.reserve(2 + 17);
    const { bytes } = this;
    const start = this.end;
    let at = start + 2;
    if (value < 0) {
      bytes[at++] = 0x2d; /* - */
      value = -value;
    }
    const firstDigit = at;
    do {
      bytes[at++] = 0x30 + (value % 10);
      value = Math.floor(value / 10);
    } while (value > 0);
    for (let low = firstDigit, high = at - 1; low < high; low++, high--) {
      const digit = bytes[low] as number;
      bytes[low] = bytes[high] as number;
      bytes[high] = digit;
    }
    bytes[start] = SIZE_IN_1 | TYPE_INT;
    bytes[start + 1] = at - start - 2;
    this.end = at;
  }

  /** A string, encoded as UTF-8 here (an unpaired surrogate becomes U+FFFD, as in any UTF-8 encoder). */
  text(value: string): void {
    const length = value.length;
    // A UTF-16 code unit takes at most three bytes of UTF-8 (a pair of them, four).
    const most = length * 3;
    const header = most <= 0xff ? 2 : most <= 0xffff ? 3 : 5;
    this.reserve(header + most);
    const { bytes } = this;
    const start = this.end;
    let at = start + header;
    for (let i = 0; i < length; i++) {
      let code = value.charCodeAt(i);
      if (code < 0x80) {
        bytes[at++] = code;
        continue;
      }
      if (code < 0x800) {
        bytes[at++] = 0xc0 | (code >> 6);
        bytes[at++] = 0x80 | (code & 0x3f);
        continue;
      }
      if (code >= 0xd800 && code <= 0xdfff) {
        const next = code <= 0xdbff && i + 1 < length ? value.charCodeAt(i + 1) : 0;
        if (next >= 0xdc00 && next <= 0xdfff) {
          const point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          bytes[at++] = 0xf0 | (point >> 18);
          bytes[at++] = 0x80 | ((point >> 12) & 0x3f);
          bytes[at++] = 0x80 | ((point >> 6) & 0x3f);
          bytes[at++] = 0x80 | (point & 0x3f);
          i++;
          continue;
        }
        code = 0xfffd;
      }
      bytes[at++] = 0xe0 | (code >> 12);
      bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[at++] = 0x80 | (code & 0x3f);
    }
    const size = at - start - header;
    if (header === 2) {
      bytes[start] = SIZE_IN_1 | TYPE_TEXT_RAW;
      bytes[start + 1] = size;
    } else if (header === 3) {
      bytes[start] = SIZE_IN_2 | TYPE_TEXT_RAW;
      bytes[start + 1] = size >> 8;
      bytes[start + 2] = size & 0xff;
    } else {
      bytes[start] = SIZE_IN_4 | TYPE_TEXT_RAW;
      writeUint32(bytes, start + 1, size);
    }
    this.end = at;
  }

  /** Copies elements another writer wrote: its bytes from `start` to `end`. */
  copy(from: JsonbWriter, start: number, end: number): void {
    this.reserve(end - start);
    this.bytes.set(from.bytes.subarray(start, end), this.end);
    this.end += end - start;
  }

  /** The bytes written, as one JSONB value if exactly one element (an array, say) was written. */
  finish(): Uint8Array {
    if (this.openArrays.length > 0) throw new Error('JsonbWriter: an array was not ended');
    return this.bytes.subarray(0, this.end);
  }

  /** The buffer written into, for another writer to use (this one is done with). */
  release(): ArrayBuffer {
    const { buffer } = this.bytes;
    this.bytes = new Uint8Array(0);
    this.end = 0;
    if (!(buffer instanceof ArrayBuffer)) throw new Error('JsonbWriter: not an ArrayBuffer');
    return buffer;
  }

  private reserve(more: number): void {
    const needed = this.end + more;
    if (needed <= this.bytes.length) return;
    // At least 64 bytes: a writer may start from an empty (or moved-away) buffer.
    let capacity = Math.max(this.bytes.length * 2, 64);
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.end));
    this.bytes = grown;
  }
}

function writeUint32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24;
  bytes[at + 1] = (value >>> 16) & 0xff;
  bytes[at + 2] = (value >>> 8) & 0xff;
  bytes[at + 3] = value & 0xff;
}
