import { apiEvents, type ApiEventMessage, type ApiEventName, type ApiEventPayload } from '../../src-shared/api';

export type EventListener = (event: ApiEventMessage) => void;

/** Fans events out to every transport. A payload that breaks the contract is a bug: it throws here, in main. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends ApiEventName>(name: E, payload: ApiEventPayload<E>): void {
    const parsed = apiEvents[name].parse(payload);
    const event = { name, payload: parsed } as ApiEventMessage;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // One broken window must not stop the others from hearing about the event.
        console.error(`Fanout: an event listener failed while handling ${name}:`, error);
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
