// The AT traffic of one modem, kept in a ring buffer so support can see the last few thousand
// exchanges without the log growing for the life of the app.

export type TrafficDirection = 'sent' | 'received' | 'note';

export interface TrafficEntry {
  readonly at: number;
  readonly direction: TrafficDirection;
  readonly text: string;
}

const directionMarks: Record<TrafficDirection, string> = { sent: '>>', received: '<<', note: '--' };

export class TrafficLog {
  private readonly entries: TrafficEntry[] = [];
  private start = 0;

  constructor(
    readonly capacity = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  add(direction: TrafficDirection, text: string): void {
    const entry = { at: this.now(), direction, text };
    if (this.entries.length < this.capacity) {
      this.entries.push(entry);
      return;
    }
    this.entries[this.start] = entry;
    this.start = (this.start + 1) % this.capacity;
  }

  /** Oldest first. */
  list(): TrafficEntry[] {
    return [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
  }

  /** Plain text, one exchange a line, control characters made visible. */
  exportText(): string {
    return this.list()
      .map(
        (entry) =>
          `${new Date(entry.at).toISOString()} ${directionMarks[entry.direction]} ${visible(entry.text)}`,
      )
      .join('\n');
  }
}

function visible(text: string): string {
  return text.replace(/[\x00-\x1f]/g, (char) => {
    if (char === '\x1a') return '<Ctrl-Z>';
    if (char === '\x1b') return '<ESC>';
    if (char === '\r') return '<CR>';
    if (char === '\n') return '<LF>';
    return `<0x${char.charCodeAt(0).toString(16).padStart(2, '0')}>`;
  });
}
