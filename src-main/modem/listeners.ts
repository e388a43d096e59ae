// A small typed event registry: each event name has one listener signature, and subscribing
// returns the function that unsubscribes.

// Listener signatures vary per event; `any[]` is the only way to say "some argument list" here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ListenerMap = Record<string, (...args: any[]) => void>;

export class Listeners<Events extends ListenerMap> {
  private readonly byEvent = new Map<keyof Events, Set<Events[keyof Events]>>();

  on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    let set = this.byEvent.get(event);
    if (!set) {
      set = new Set();
      this.byEvent.set(event, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  count<E extends keyof Events>(event: E): number {
    return this.byEvent.get(event)?.size ?? 0;
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    for (const listener of this.byEvent.get(event) ?? []) {
      try {
        listener(...args);
      } catch (error) {
        // A failing listener must not stop the others or the serial loop that called emit.
        console.error(`listener for "${String(event)}" failed:`, error);
      }
    }
  }
}
