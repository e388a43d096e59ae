// The virtual modem's message memory (SIM or modem storage as AT+CPMS names it): received
// messages and stored status reports, by index, with the read/unread status TS 27.005 §3.1 uses.

export interface StoredMessage {
  readonly index: number;
  /** 0 received unread, 1 received read. */
  readonly stat: 0 | 1;
  readonly pdu: string;
  readonly tpduLength: number;
}

export class MessageStore {
  private readonly messages = new Map<number, { stat: 0 | 1; pdu: string; tpduLength: number }>();

  constructor(readonly capacity = 30) {}

  get size(): number {
    return this.messages.size;
  }

  indexes(): number[] {
    return [...this.messages.keys()].sort((a, b) => a - b);
  }

  /** Stores in the lowest free index (from 1, as SIMCom and Quectel count); null when full. */
  add(pdu: string, tpduLength: number): number | null {
    if (this.messages.size >= this.capacity) return null;
    let index = 1;
    while (this.messages.has(index)) index += 1;
    this.messages.set(index, { stat: 0, pdu, tpduLength });
    return index;
  }

  /** The message as it was, and marks it read (AT+CMGR). */
  read(index: number): StoredMessage | undefined {
    const stored = this.messages.get(index);
    if (!stored) return undefined;
    const before = { index, ...stored };
    stored.stat = 1;
    return before;
  }

  /** Messages with this <stat> (4 = all), as they were, and marks them read (AT+CMGL). */
  list(stat: number): StoredMessage[] {
    return this.indexes().flatMap((index) => {
      const stored = this.messages.get(index);
      if (!stored || (stat !== 4 && stored.stat !== stat)) return [];
      const before = { index, ...stored };
      stored.stat = 1;
      return [before];
    });
  }

  delete(index: number): boolean {
    return this.messages.delete(index);
  }

  deleteRead(): void {
    for (const [index, stored] of this.messages) if (stored.stat === 1) this.messages.delete(index);
  }

  clear(): void {
    this.messages.clear();
  }
}
