import type { Envelope } from '../../src-shared/api';
import type { Store } from '../store';
import { createAppHandlers, type AppInfo } from './app-handlers';
import type { CallContext } from './call-context';
import { dispatchCall } from './dispatch';
import { EventHub } from './event-hub';
import type { ApiHandlers } from './handlers';

export interface ServiceOptions {
  info: AppInfo;
  /** The open database; the service closes it when it closes. */
  store: Store;
  /** How often a heartbeat event is pushed; 0 turns it off (tests). */
  heartbeatMs?: number;
}

export interface FanoutService {
  call(method: unknown, args: unknown, context: CallContext): Promise<Envelope<unknown>>;
  readonly events: EventHub;
  readonly store: Store;
  close(): Promise<void>;
}

export function createService(options: ServiceOptions): FanoutService {
  const events = new EventHub();
  const handlers: ApiHandlers = {
    ...createAppHandlers(options.info, events),
  };

  let heartbeatSequence = 0;
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const heartbeat =
    heartbeatMs > 0
      ? setInterval(() => {
          events.emit('app.heartbeat', { at: new Date().toISOString(), sequence: heartbeatSequence++ });
        }, heartbeatMs)
      : null;
  heartbeat?.unref();

  return {
    call: (method, args, context) => dispatchCall(handlers, method, args, context),
    events,
    store: options.store,
    async close() {
      if (heartbeat) clearInterval(heartbeat);
      options.store.database.close();
    },
  };
}
