// Group commit: store writes requested in the same turn of the event loop run in one
// transaction, so they share one fsync. With synchronous=FULL every commit waits for the disk;
// when sixteen modems finish their submits together, sixteen hand-overs and sixteen claims
// would otherwise queue up behind 32 fsyncs on the one thread that also reads the serial ports.
// Each caller's promise resolves only after the commit, so "committed before the AT+CMGS" holds.

/** Runs `work` inside one write transaction (BEGIN IMMEDIATE … COMMIT). */
export type TransactionRunner = (work: () => void) => void;

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private pending: Pending[] = [];

  constructor(private readonly inTransaction: TransactionRunner) {}

  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.inTransaction(() => {
        for (const item of batch) {
          // Repository methods are transactions themselves; nested, they become savepoints, so
          // one failing call rolls back only its own writes.
          try {
            outcomes.push({ ok: true, value: item.work() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) item.resolve(outcome.value);
      else item.reject(outcome?.error);
    });
  }
}
