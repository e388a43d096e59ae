// Cuts the byte stream from a modem into lines and the "> " prompt of AT+CMGS. It is fed raw
// bytes, in whatever chunks the port delivers, so transcript tests can feed a session one byte
// at a time and see exactly what the live port would. A line-based parser cannot do this job:
// the prompt has no line ending (3GPP TS 27.005 §3.5.1).

export type FramedItem = { kind: 'line'; text: string } | { kind: 'prompt' };

export class AtFramer {
  private pending = '';

  constructor(private readonly emit: (item: FramedItem) => void) {}

  /** Feeds bytes from the port. Latin-1 keeps every byte as one character, so nothing is lost. */
  push(chunk: Uint8Array | string): void {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1');
    for (const char of text) this.pushChar(char);
  }

  /** Anything received that has not yet ended in a line break (for diagnostics). */
  get partialLine(): string {
    return this.pending;
  }

  reset(): void {
    this.pending = '';
  }

  private pushChar(char: string): void {
    if (char === '\r' || char === '\n') {
      if (this.pending === '>') this.emit({ kind: 'prompt' });
      else if (this.pending.length > 0) this.emit({ kind: 'line', text: this.pending });
      this.pending = '';
      return;
    }
    // NUL is line noise; ESC only ever comes back as the echo of the one the driver sent.
    if (char === '\0' || char === '\x1b') return;
    this.pending += char;
    // The prompt is "> " at the start of a line; a few modems omit the space, which the line
    // break branch above covers once anything else follows.
    if (this.pending === '> ') {
      this.pending = '';
      this.emit({ kind: 'prompt' });
    } else if (this.pending.length === 2 && this.pending.startsWith('>')) {
      this.pending = char;
      this.emit({ kind: 'prompt' });
    }
  }
}
