// Column helpers shared by every table in schema.ts, so the same kind of value is stored the same
// way everywhere.
import { customType, integer, text } from 'drizzle-orm/sqlite-core';

export const id = () => integer('id').primaryKey();

/** UTC milliseconds since the epoch. */
export const epochMs = (name: string) => integer(name);

export const createdAt = (name = 'created_at') => integer(name).notNull();
export const updatedAt = (name = 'updated_at') => integer(name).notNull();

export const flag = (name: string) => integer(name, { mode: 'boolean' });

/** JSON kept as TEXT; SQLite's json_* functions can still reach into it. */
export const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();

/** Keyed hash of an E.164 number (base64url HMAC-SHA-256), see phone-hash.ts. */
export const phoneHash = customType<{ data: string; driverData: string }>({
  dataType: () => 'text',
});
