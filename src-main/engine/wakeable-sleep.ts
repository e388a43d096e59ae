/** A sleep that ends early when woken; a wake while awake makes the next sleep return at once. */
export class WakeableSleep {
  private wakeCurrent: (() => void) | null = null;
  private wokenEarly = false;

  sleep(ms: number): Promise<void> {
    if (this.wokenEarly) {
      this.wokenEarly = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeCurrent = null;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.wakeCurrent = done;
    });
  }

  wake(): void {
    if (this.wakeCurrent) this.wakeCurrent();
    else this.wokenEarly = true;
  }
}
