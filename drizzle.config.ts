import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations from the Drizzle schemas of the platform and every module.
// Run `npm run db:generate -- --name=what-changed`, review the SQL, commit it.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/*/schema.ts', './src/modules/*/schema.ts'],
  out: './db/migrations',
});
