import { eq } from 'drizzle-orm';
import type { FanoutDatabase } from '../open-database';
import { settings } from '../schema';

export interface SettingsRepository {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown, now: number): void;
  delete(key: string): boolean;
}

export function createSettingsRepository(db: FanoutDatabase): SettingsRepository {
  const { orm } = db;
  return {
    get<T>(key: string) {
      const row = orm.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
      // The caller names the type it stored under this key; settings are validated at the service.
      return row?.value as T | undefined;
    },
    set(key, value, now) {
      orm
        .insert(settings)
        .values({ key, value, updatedAt: now })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
        .run();
    },
    delete(key) {
      return orm.delete(settings).where(eq(settings.key, key)).run().changes > 0;
    },
  };
}
