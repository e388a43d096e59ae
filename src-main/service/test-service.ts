import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createService, type FanoutService, type ServiceOptions } from './create-service';
import { defaultDatabasePath, openAppStore } from './open-app-store';

/** A service over a real database file in a fresh folder, as tests of the service need it. */
export function createTestService(overrides: Partial<Omit<ServiceOptions, 'store'>> = {}): FanoutService & { dataDir: string } {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-service-'));
  const databasePath = defaultDatabasePath(dataDir);
  const service = createService({
    info: { version: '1.0.0', transport: 'serve', dataDir, databasePath, platform: 'linux', startedAt: new Date(), ...overrides.info },
    store: openAppStore(databasePath),
    heartbeatMs: overrides.heartbeatMs ?? 0,
    // Tests never touch the computer's real serial ports; they use virtual modems.
    scanSerialPorts: overrides.scanSerialPorts ?? false,
  });
  return {
    ...service,
    dataDir,
    async close() {
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
