import type { EventHub } from './event-hub';
import type { DomainHandlers } from './handlers';

export interface AppInfo {
  version: string;
  transport: 'electron' | 'serve';
  dataDir: string;
  databasePath: string;
  platform: string;
  startedAt: Date;
}

export function createAppHandlers(info: AppInfo, events: EventHub): DomainHandlers<'app.info' | 'app.ping'> {
  return {
    'app.info': () => ({
      version: info.version,
      transport: info.transport,
      dataDir: info.dataDir,
      databasePath: info.databasePath,
      platform: info.platform,
      startedAt: info.startedAt.toISOString(),
    }),
    'app.ping': ({ message }) => {
      const at = new Date().toISOString();
      events.emit('app.pinged', { message, at });
      return { message, receivedAt: at };
    },
  };
}
