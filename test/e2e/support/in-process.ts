import { buildApp } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { resolveCaseAccess } from '../../../src/modules/casework/service.ts';
import { cachedPrincipals } from '../../../src/modules/organisation/service.ts';
import type { Database } from '../../../src/platform/db/database.ts';
import { freePort, type RunningServer } from './server.ts';

export interface InProcessOptions {
  /** The database the test has seeded (PGlite, or the server's when DATABASE_URL is set). */
  database: Database;
  /** The app's clock: the test chooses what "today" is. */
  clock: () => Date;
  /** Extra environment variables for the configuration. */
  env?: Record<string, string>;
}

/**
 * The real app (routes, views, built assets, sessions, CSRF) in this process, listening on a
 * free loopback port, over a database the test has already seeded and a clock it chooses. For
 * journeys that need known records on a known day rather than the demo data of startServer().
 * No jobs run: the test brings derived data (such as the KPI figures) up to date itself.
 * Stopping closes the app, not the database (its owner destroys it).
 */
export async function startInProcessServer(options: InProcessOptions): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DEMO_DATA: 'off',
    LOG_LEVEL: 'warn',
    ...options.env,
  });
  const lines: string[] = [];
  const { database } = options;
  const app = await buildApp({
    config,
    database,
    clock: options.clock,
    logger: { level: 'warn', stream: { write: (line: string) => lines.push(line) } },
    principals: cachedPrincipals(database.db),
    caseAccess: (caseId, now) => resolveCaseAccess(database.db, caseId, now),
  });
  await app.listen({ host: config.host, port: config.port });
  let stopped: Promise<void> | undefined;
  return {
    baseUrl,
    output: () => lines.join(''),
    stop() {
      stopped ??= app.close();
      return stopped;
    },
  };
}
