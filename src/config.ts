import { z } from 'zod';

/**
 * Typed configuration, parsed once from the environment into a frozen object.
 * Development defaults are safe for a laptop; in production every required
 * variable must be set or start-up stops with the full list of what is missing.
 */
const booleanFlag = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

const seconds = z.coerce.number().int().positive();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public origin of the service, e.g. https://childvoice.example.gov.uk. Its scheme decides secure cookies. */
  PUBLIC_URL: z.url().optional(),
  /** PostgreSQL server. When unset, the embedded PGlite database in DATA_DIR is used. */
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('.data/pglite'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** App processes sharing the port on this machine (one per core); more than one needs DATABASE_URL. */
  APP_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  /** Prepare repeated statements on each connection (off behind a pooler in transaction mode). */
  DATABASE_PREPARED_STATEMENTS: booleanFlag.default(true),
  /** Secret used to sign cookies and CSRF tokens; at least 32 characters in production. */
  SESSION_SECRET: z.string().min(32).optional(),
  SESSION_IDLE_TIMEOUT_SECONDS: seconds.default(30 * 60),
  SESSION_ABSOLUTE_TIMEOUT_SECONDS: seconds.default(12 * 60 * 60),
  SESSION_WARNING_SECONDS: seconds.default(5 * 60),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  SIGN_IN_WINDOW_SECONDS: seconds.default(15 * 60),
  /** Requests one person (or, signed out, one address) may make per minute; 0 turns the limit off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  DEMO_DATA: booleanFlag.default(true),
  DEMO_PASSWORD: z.string().min(12).default('childvoice-demo-2026'),
  /** Re-read templates on every render (for editing templates in development; slow). */
  TEMPLATE_RELOAD: booleanFlag.default(false),
  /** Serve the benchmark baseline pages (bench/): never in production. */
  BENCH_BASELINE: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** Allow plain-http OIDC issuers (local test providers only). */
  OIDC_ALLOW_INSECURE: booleanFlag.default(false),
  /** HMCTS private-law Cafcass API; the feed is polled only when this is set (never by default). */
  HMCTS_PRL_BASE_URL: z.url().optional(),
  HMCTS_PRL_AUTHORIZATION: z.string().optional(),
  HMCTS_PRL_SERVICE_AUTHORIZATION: z.string().optional(),
  HMCTS_PRL_POLL_SECONDS: seconds.default(300),
  HMCTS_PRL_TIMEOUT_SECONDS: seconds.default(30),
});

export type Config = Readonly<{
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  /** App processes sharing the port (src/processes.ts). */
  processes: number;
  publicUrl: URL;
  secureCookies: boolean;
  database: { url?: string; dataDir: string; poolSize: number; preparedStatements: boolean };
  sessionSecret: string;
  session: { idleSeconds: number; absoluteSeconds: number; warningSeconds: number };
  signIn: { maxFailures: number; windowSeconds: number };
  rateLimitPerMinute: number;
  benchBaseline: boolean;
  templateReload: boolean;
  demo: { enabled: boolean; password: string };
  logLevel: string;
  oidc?: { issuer: URL; clientId: string; clientSecret?: string; allowInsecure: boolean };
  hmctsPrl?: {
    baseUrl: string;
    authorization: string;
    serviceAuthorization: string;
    pollSeconds: number;
    timeoutSeconds: number;
  };
}>;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

const DEVELOPMENT_SECRET = 'development-only-secret-not-for-production-use-0123456789';

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production') {
    if (!e.SESSION_SECRET) problems.push('SESSION_SECRET: required in production (at least 32 characters)');
    if (!e.DATABASE_URL) problems.push('DATABASE_URL: required in production (PGlite does not fsync)');
    if (!env.PUBLIC_URL) problems.push('PUBLIC_URL: required in production');
    if (env.DEMO_DATA === undefined || e.DEMO_DATA) problems.push('DEMO_DATA: must be set to off in production');
    if (e.BENCH_BASELINE) problems.push('BENCH_BASELINE: must be off in production');
  }
  if (e.APP_PROCESSES > 1 && !e.DATABASE_URL) {
    problems.push(
      'APP_PROCESSES: more than one process needs DATABASE_URL (the embedded PGlite database belongs to one process)',
    );
  }
  if (e.OIDC_ISSUER && !e.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID: required when OIDC_ISSUER is set');
  if (e.HMCTS_PRL_BASE_URL && !(e.HMCTS_PRL_AUTHORIZATION && e.HMCTS_PRL_SERVICE_AUTHORIZATION)) {
    problems.push(
      'HMCTS_PRL_AUTHORIZATION and HMCTS_PRL_SERVICE_AUTHORIZATION: required when HMCTS_PRL_BASE_URL is set',
    );
  }
  if (e.SESSION_ABSOLUTE_TIMEOUT_SECONDS < e.SESSION_IDLE_TIMEOUT_SECONDS) {
    problems.push('SESSION_ABSOLUTE_TIMEOUT_SECONDS: must not be shorter than SESSION_IDLE_TIMEOUT_SECONDS');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    processes: e.APP_PROCESSES,
    publicUrl,
    secureCookies: publicUrl.protocol === 'https:',
    database: Object.freeze({
      url: e.DATABASE_URL,
      dataDir: e.DATA_DIR,
      poolSize: e.DATABASE_POOL_SIZE,
      preparedStatements: e.DATABASE_PREPARED_STATEMENTS,
    }),
    sessionSecret: e.SESSION_SECRET ?? DEVELOPMENT_SECRET,
    session: Object.freeze({
      idleSeconds: e.SESSION_IDLE_TIMEOUT_SECONDS,
      absoluteSeconds: e.SESSION_ABSOLUTE_TIMEOUT_SECONDS,
      warningSeconds: e.SESSION_WARNING_SECONDS,
    }),
    signIn: Object.freeze({ maxFailures: e.SIGN_IN_MAX_FAILURES, windowSeconds: e.SIGN_IN_WINDOW_SECONDS }),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    benchBaseline: e.BENCH_BASELINE,
    templateReload: e.TEMPLATE_RELOAD && e.NODE_ENV !== 'production',
    demo: Object.freeze({ enabled: e.DEMO_DATA, password: e.DEMO_PASSWORD }),
    logLevel: e.LOG_LEVEL,
    oidc: e.OIDC_ISSUER
      ? Object.freeze({
          issuer: new URL(e.OIDC_ISSUER),
          clientId: e.OIDC_CLIENT_ID ?? '',
          clientSecret: e.OIDC_CLIENT_SECRET,
          allowInsecure: e.OIDC_ALLOW_INSECURE,
        })
      : undefined,
    hmctsPrl: e.HMCTS_PRL_BASE_URL
      ? Object.freeze({
          baseUrl: e.HMCTS_PRL_BASE_URL,
          authorization: e.HMCTS_PRL_AUTHORIZATION ?? '',
          serviceAuthorization: e.HMCTS_PRL_SERVICE_AUTHORIZATION ?? '',
          pollSeconds: e.HMCTS_PRL_POLL_SECONDS,
          timeoutSeconds: e.HMCTS_PRL_TIMEOUT_SECONDS,
        })
      : undefined,
  });
}

/** For commands: load the configuration, or print everything wrong with it and exit 1. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
