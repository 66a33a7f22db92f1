import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { loadDemoData } from '../src/demo/demo-data.ts';
import type { Database } from '../src/platform/db/database.ts';
import { REPO_ROOT, runChild } from './child-process.ts';
import type { PopulateWith } from './cli-options.ts';

/** The other engineer's data generator (`npm run generate -- --cases N --seed S`), when present. */
export const GENERATOR_SCRIPT = 'scripts/generate.ts';

export type Populator = 'generator' | 'demo';

export function choosePopulator(requested: PopulateWith): Populator {
  const present = existsSync(`${REPO_ROOT}${GENERATOR_SCRIPT}`);
  if (requested === 'generator' && !present) {
    throw new Error(`--populate generator: ${GENERATOR_SCRIPT} does not exist`);
  }
  if (requested === 'demo') return 'demo';
  return present ? 'generator' : 'demo';
}

export type Target = { kind: 'server'; url: string } | { kind: 'pglite'; dataDir: string };

/**
 * Fill an empty, migrated database with `cases` synthetic cases: by running the generator
 * as a child process (its CLI is the stable contract: it reads DATABASE_URL or DATA_DIR
 * like the app), or, without it, with the demo loader in this process.
 * With the demo loader the database must be open here (`database`); with the generator it
 * must not be, for PGlite, which one process at a time may open.
 */
export async function populate(
  populator: Populator,
  target: Target,
  options: { cases: number; seed: number; database?: Database },
): Promise<void> {
  const started = Date.now();
  if (populator === 'generator') {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.DATA_DIR;
    if (target.kind === 'server') env.DATABASE_URL = target.url;
    else env.DATA_DIR = target.dataDir;
    console.log(`  generating ${options.cases} cases with ${GENERATOR_SCRIPT}…`);
    const { code, output } = await runChild(
      process.execPath,
      [GENERATOR_SCRIPT, '--cases', String(options.cases), '--seed', String(options.seed)],
      { env, echo: '    generate | ' },
    );
    if (code !== 0) throw new Error(`${GENERATOR_SCRIPT} failed (exit ${code}):\n${output.slice(-2000)}`);
  } else {
    if (!options.database) throw new Error('the demo loader needs the database open in this process');
    console.log(`  loading ${options.cases} demo cases (src/demo/demo-data.ts, one transaction)…`);
    await loadDemoData(options.database.db, {
      password: randomBytes(12).toString('base64url'),
      now: new Date(),
      cases: options.cases,
      seed: options.seed,
    });
  }
  console.log(`  populated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
