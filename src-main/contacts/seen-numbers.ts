// Which E.164 numbers an import has seen so far, and in which row: duplicates within a file are
// found here. A million numbers as JavaScript strings in a Set take ~70 MB; as doubles in an
// open-addressing table they take 12 bytes each (E.164 has at most 15 digits, exact in a double).

const EMPTY = 0;

export class SeenNumbers {
  private keys = new Float64Array(1 << 12);
  private rows = new Int32Array(1 << 12);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The row where `e164` was first seen, or undefined after recording `row` for it. */
  firstRowOf(e164: string, row: number): number | undefined {
    const key = Number(e164.slice(1));
    if (!(key > 0) || !Number.isSafeInteger(key)) throw new RangeError(`Not an E.164 number: ${e164}`);
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
    const low = key >>> 0;
    const high = Math.floor(key / 0x1_0000_0000) >>> 0;
    let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h & (this.keys.length - 1);
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
