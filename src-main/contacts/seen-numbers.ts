// Which E.164 numbers an import has seen so far, and in which row: duplicates within a file are
// found here. A million numbers as JavaScript strings in a Set take ~70 MB; as doubles in an
// open-addressing table they take 12 bytes each (E.164 has at most 15 digits, exact in a double).

const EMPTY = 0;
/**
 * Numbers that differ only in their last four bits share a run of 16 neighbouring slots (two cache
 * lines), and the rest of the number picks the run. Lists are often sorted by number, and a table
 * of a million numbers is far larger than the CPU's caches: scattering consecutive numbers over
 * it cost a cache miss per row (0.2 s of a million-row import's reading), keeping them together
 * costs one per sixteen. Any other pattern of numbers still spreads over the whole table.
 */
const RUN_BITS = 4;
const RUN_MASK = (1 << RUN_BITS) - 1;
const DIGIT_0 = 0x30;

export class SeenNumbers {
  private keys = new Float64Array(1 << 12);
  private rows = new Int32Array(1 << 12);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The row where `e164` was first seen, or undefined after recording `row` for it. */
  firstRowOf(e164: string, row: number): number | undefined {
    const key = digitsAfterPlus(e164);
    if (!(key > 0)) throw new RangeError(`Not an E.164 number: ${e164}`);
    let slot = this.slotFor(key);
    while (this.keys[slot] !== EMPTY) {
      if (this.keys[slot] === key) return this.rows[slot];
      slot = (slot + 1) & (this.keys.length - 1);
    }
    this.keys[slot] = key;
    this.rows[slot] = row;
    if (++this.count * 2 > this.keys.length) this.grow();
    return undefined;
  }

  private slotFor(key: number): number {
    const run = Math.floor(key / (RUN_MASK + 1));
    const low = run >>> 0;
    const high = Math.floor(run / 0x1_0000_0000) >>> 0;
    let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return ((h << RUN_BITS) | (key % (RUN_MASK + 1))) & (this.keys.length - 1);
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.rows = new Int32Array(oldRows.length * 2);
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i] as number;
      if (key === EMPTY) continue;
      let slot = this.slotFor(key);
      while (this.keys[slot] !== EMPTY) slot = (slot + 1) & (this.keys.length - 1);
      this.keys[slot] = key;
      this.rows[slot] = oldRows[i] as number;
    }
  }
}

/** The number after the "+" (reading it without slicing the text: this runs for every row); NaN if it is not 1–15 digits. */
function digitsAfterPlus(e164: string): number {
  const length = e164.length;
  if (length < 2 || length > 16 || e164.charCodeAt(0) !== 0x2b /* + */) return Number.NaN;
  let value = 0;
  for (let i = 1; i < length; i++) {
    const digit = e164.charCodeAt(i) - DIGIT_0;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}
