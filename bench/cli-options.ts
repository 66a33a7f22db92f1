import { parseArgs } from 'node:util';

export type DbKind = 'pglite' | 'server';
export type PopulateWith = 'auto' | 'generator' | 'demo';

export interface BenchOptions {
  quick: boolean;
  /** undefined: decided at start (server when reachable, else PGlite). */
  db: DbKind | undefined;
  /** Cases in the main database (the "6k" one). */
  cases: number;
  /** Cases in the large database of the cost curve (full runs only). */
  largeCases: number;
  /** An existing server database already holding the large population. */
  largeDb: string | undefined;
  /** Seconds per measured run. */
  duration: number;
  /** Seconds of the national-peak run. */
  peakSeconds: number;
  /** Requests per second of the national-peak run. */
  peakRate: number;
  /** App processes serving the national peak (APP_PROCESSES; PGlite: 1). */
  peakProcesses: number;
  /** Repeats of each interleaved measurement. */
  reps: number;
  connections: number;
  populate: PopulateWith;
  /** Admin URL of the PostgreSQL server (database "postgres"). */
  serverUrl: string;
  /** Keep the databases and data directory made for this run. */
  keep: boolean;
  seed: number;
}

const HELP = `Usage: npm run bench -- [options]

  --quick               short run for checks (under 3 minutes; no 600k cost curve)
  --db pglite|server    database kind (default: server if 127.0.0.1:5432 answers, else pglite)
  --cases6k N           cases in the main database (default 6000; quick 1000)
  --large-cases N       cases in the large database (default 600000)
  --large-db NAME       existing server database with the large population (e.g. gen600k);
                        without it a full run generates into bench_600k (about 30 minutes, kept)
  --duration S          seconds per measured run (default 15; quick 5)
  --peak-seconds S      seconds of the national-peak run (default 60; quick 10)
  --peak-rate R         requests per second of the national peak (default 340)
  --peak-processes N    app processes serving the national peak, one per core (default 2;
                        PGlite: 1)
  --reps N              repeats of each interleaved measurement (default 3)
  --connections N       autocannon connections (default 20)
  --populate auto|generator|demo
                        how to fill databases (default auto: scripts/generate.ts when present)
  --server-url URL      PostgreSQL admin URL (default postgres://postgres@127.0.0.1:5432/postgres)
  --keep                keep the databases made for this run
  --seed N              data seed (default 1)
`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, not "${value}"`);
  return n;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      db: { type: 'string' },
      cases6k: { type: 'string' },
      'large-cases': { type: 'string' },
      'large-db': { type: 'string' },
      duration: { type: 'string' },
      'peak-seconds': { type: 'string' },
      'peak-rate': { type: 'string' },
      'peak-processes': { type: 'string' },
      reps: { type: 'string' },
      connections: { type: 'string' },
      populate: { type: 'string', default: 'auto' },
      'server-url': { type: 'string' },
      keep: { type: 'boolean', default: false },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const quick = values.quick;
  if (values.db !== undefined && values.db !== 'pglite' && values.db !== 'server') {
    throw new Error(`--db must be pglite or server, not "${values.db}"`);
  }
  if (!['auto', 'generator', 'demo'].includes(values.populate)) {
    throw new Error(`--populate must be auto, generator or demo, not "${values.populate}"`);
  }
  const largeDb = values['large-db'];
  if (largeDb !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(largeDb)) {
    throw new Error(`--large-db must be a plain lower-case database name, not "${largeDb}"`);
  }
  return {
    quick,
    db: values.db as DbKind | undefined,
    cases: positiveInt('cases6k', values.cases6k, quick ? 1000 : 6000),
    largeCases: positiveInt('large-cases', values['large-cases'], 600_000),
    largeDb,
    duration: positiveInt('duration', values.duration, quick ? 5 : 15),
    peakSeconds: positiveInt('peak-seconds', values['peak-seconds'], quick ? 10 : 60),
    peakRate: positiveInt('peak-rate', values['peak-rate'], 340),
    peakProcesses: positiveInt('peak-processes', values['peak-processes'], 2),
    reps: positiveInt('reps', values.reps, 3),
    connections: positiveInt('connections', values.connections, 20),
    populate: values.populate as PopulateWith,
    serverUrl: values['server-url'] ?? process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    keep: values.keep,
    seed: positiveInt('seed', values.seed, 1),
  };
}
