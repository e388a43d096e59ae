// The retention job of a running service: once shortly after start, then daily, and again when
// the period is changed in Settings. Off (nothing runs) while no period is set.
import type { Store } from '../../store';
import { SYSTEM_ACTOR } from '../../store/repositories/audit';
import { readAppSettings } from '../app-settings';
import { runRetention, type RetentionRunResult } from './retention-run';

export interface RetentionScheduleOptions {
  /** Wait after start, so the service first serves the window and resumes campaigns. */
  startDelayMs?: number;
  intervalMs?: number;
  /** Wait after a change of the period, so a few changes in a row make one run. */
  settingsDelayMs?: number;
  now?: () => number;
  /** Passed to each run (awaited between its batches). */
  pause?: () => Promise<void>;
  /** Told about each run's outcome (and failures, which are not thrown anywhere else). */
  onRun?: (outcome: { result?: RetentionRunResult; error?: unknown }) => void;
}

export class RetentionSchedule {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly options: RetentionScheduleOptions = {},
  ) {}

  start(): void {
    this.schedule(this.options.startDelayMs ?? 10_000);
  }

  /** The period may have changed: run soon instead of waiting for tomorrow. */
  settingsChanged(): void {
    this.schedule(this.options.settingsDelayMs ?? 1_000);
  }

  /** Runs now (unless a run is under way, which is awaited); resolves when done. */
  async runNow(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.runOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      // A run under way read the period when it started, perhaps before it was changed: once it
      // is done, run again with the period as it is now, rather than a day later.
      const underWay = this.running;
      void this.runNow()
        .then(() => (underWay ? this.runNow() : undefined))
        .finally(() => this.schedule(this.options.intervalMs ?? 24 * 3600_000));
    }, delayMs);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    const days = readAppSettings(this.store.settings).retentionDays;
    if (days === null || this.stopped) return;
    try {
      const { pause } = this.options;
      const result = await runRetention(this.store, { days, now: (this.options.now ?? Date.now)(), actor: SYSTEM_ACTOR, ...(pause ? { pause } : {}) });
      this.options.onRun?.({ result });
    } catch (error) {
      this.options.onRun?.({ error });
    }
  }
}
