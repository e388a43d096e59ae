// drizzle-kit generates SQL migrations from the schema; run from the repository root:
//   npx drizzle-kit generate --config .config/drizzle.config.ts
// The generated folder is committed and applied by openDatabase() at start.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src-main/store/schema.ts',
  out: './src-main/store/migrations',
  strict: true,
});
