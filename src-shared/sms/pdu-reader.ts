import { PduFormatError } from './errors';

/** Sequential reader over PDU octets that fails with a typed error instead of reading past the end. */
export class PduReader {
  private position = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.bytes.length - this.position;
  }

  peek(field: string): number {
    const value = this.bytes[this.position];
    if (value === undefined) throw new PduFormatError('truncated', `PDU ends before ${field}`);
    return value;
  }

  octet(field: string): number {
    const value = this.bytes[this.position];
    if (value === undefined) throw new PduFormatError('truncated', `PDU ends before ${field}`);
    this.position++;
    return value;
  }

  octets(count: number, field: string): Uint8Array {
    if (count > this.remaining) {
      throw new PduFormatError(
        'truncated',
        `PDU ends inside ${field} (needs ${count} octets, ${this.remaining} left)`,
      );
    }
    const slice = this.bytes.subarray(this.position, this.position + count);
    this.position += count;
    return slice;
  }

  rest(): Uint8Array {
    return this.octets(this.remaining, 'user data');
  }
}
