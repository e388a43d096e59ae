// Collects message state changes and hands them on at most once per interval, so a campaign
// sending thousands of messages a second produces a few events a second, not thousands.
import type { MessageChange } from './events';

export class ProgressBatcher {
  private pending = new Map<number, MessageChange>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly deliver: (changes: MessageChange[]) => void,
  ) {}

  add(change: MessageChange): void {
    this.pending.set(change.messageId, change);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const changes = [...this.pending.values()];
    this.pending = new Map();
    this.deliver(changes);
  }
}
