import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfigOrExit } from '../src/config.ts';
import { syncReferenceData } from '../src/modules/organisation/service.ts';
import {
  customPeriod,
  KPIS,
  kpiById,
  MAX_RANGE_DAYS,
  readFigures,
  rebuildKpis,
  refreshKpis,
} from '../src/modules/performance/service.ts';
import type { PerformanceScope } from '../src/platform/authorisation/policy.ts';
import { createCalendar, type IsoDate, isIsoDate, londonDate } from '../src/platform/calendar/index.ts';
import { type Db, openConfiguredDatabase, queryRows } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';

/**
 * `npm run kpis -- --from YYYY-MM-DD --to YYYY-MM-DD [--area A] [--kpi id,…] [--json] [--rebuild]`:
 * brings the figures up to date, then prints the same figures the dashboard shows, for the
 * nation or one area (its id or code). Exit codes: 0 done, 1 failed, 2 bad command line.
 */
export const USAGE = `Usage: npm run kpis -- --from YYYY-MM-DD --to YYYY-MM-DD [--area AREA] [--kpi ID,ID] [--json] [--rebuild]
  --from, --to   the period, both days included (at most ten years)
  --area         a service area's id or code (e.g. 6, 15a, SW); without it, national figures
  --kpi          only these KPIs (${KPIS.map((k) => k.id).join(', ')})
  --json         print {"<kpi>":{"numerator":n,"denominator":n,"value":x,"target":t}}
  --rebuild      measure every case again before printing (after changing weights or bank holidays)`;

export type KpisArgs = {
  from: IsoDate;
  to: IsoDate;
  area: string | null;
  kpis: string[] | null;
  json: boolean;
  rebuild: boolean;
};

export function parseKpisArgs(argv: string[]): { ok: true; args: KpisArgs } | { ok: false; error: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        area: { type: 'string' },
        kpi: { type: 'string' },
        json: { type: 'boolean' },
        rebuild: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const from = values.from;
  const to = values.to;
  if (typeof from !== 'string' || typeof to !== 'string') return { ok: false, error: 'Give both --from and --to.' };
  if (!isIsoDate(from)) return { ok: false, error: `--from must be a real date as YYYY-MM-DD, not "${from}".` };
  if (!isIsoDate(to)) return { ok: false, error: `--to must be a real date as YYYY-MM-DD, not "${to}".` };
  if (to < from) return { ok: false, error: `--to (${to}) is before --from (${from}).` };
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (days > MAX_RANGE_DAYS) return { ok: false, error: 'The period is longer than ten years.' };
  if (from < '2015-01-01') return { ok: false, error: 'Figures start in 2015: --from is too early.' };
  let kpis: string[] | null = null;
  if (typeof values.kpi === 'string') {
    kpis = values.kpi
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    const unknown = kpis.filter((k) => !kpiById(k));
    if (unknown.length > 0 || kpis.length === 0) {
      return {
        ok: false,
        error: `Unknown KPI: ${unknown.join(', ') || '(none given)'}. Known: ${KPIS.map((k) => k.id).join(', ')}.`,
      };
    }
  }
  return {
    ok: true,
    args: {
      from: from as IsoDate,
      to: to as IsoDate,
      area: typeof values.area === 'string' ? values.area.trim() : null,
      kpis,
      json: values.json === true,
      rebuild: values.rebuild === true,
    },
  };
}

/** Where `runKpis` writes: standard output and standard error in the command. */
export interface KpisOutput {
  out(text: string): void;
  error(text: string): void;
}

/**
 * Everything after the command line is read: brings the figures up to date (after a rebuild
 * when asked) and prints them. Returns the exit code (2: an unknown area).
 */
export async function runKpis(db: Db, args: KpisArgs, output: KpisOutput, now = new Date()): Promise<number> {
  let scope: PerformanceScope = { level: 'national' };
  if (args.area !== null) {
    const [area] = await queryRows<{ id: string }>(
      db,
      sql`SELECT id FROM service_area WHERE id = ${args.area} OR lower(code) = lower(${args.area})`,
    );
    if (!area) {
      const known = await queryRows<{ code: string }>(db, sql`SELECT code FROM service_area ORDER BY code`);
      output.error(`Unknown area "${args.area}". Known codes: ${known.map((k) => k.code).join(', ')}.`);
      return 2;
    }
    scope = { level: 'area', areaId: area.id };
  }
  const calendar = createCalendar();
  const log = (text: string) => {
    if (!args.json) output.out(text);
  };
  if (args.rebuild) {
    const started = Date.now();
    const r = await rebuildKpis(db, { calendar, now });
    log(`Measured ${r.cases} cases (${r.facts} units) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  const r = await refreshKpis(db, { calendar, now });
  if (r.cases > 0) log(`Brought ${r.cases} changed cases up to date.`);
  const figures = await readFigures(db, {
    scope,
    period: customPeriod(args.from, args.to),
    today: londonDate(now),
    kpis: args.kpis ?? undefined,
  });
  if (args.json) {
    const json: Record<
      string,
      { numerator: number; denominator: number; value: number | null; target: number | null }
    > = {};
    for (const f of figures)
      json[f.kpi] = { numerator: f.numerator, denominator: f.denominator, value: f.value, target: f.target };
    output.out(JSON.stringify(json, null, 2));
  } else {
    for (const f of figures) {
      const value = f.value === null ? '–' : f.value.toFixed(4);
      output.out(
        `${f.kpi.padEnd(34)} ${String(f.numerator).padStart(10)} / ${String(f.denominator).padEnd(10)} ${value.padStart(9)}  target ${f.target ?? '–'}`,
      );
    }
  }
  return 0;
}

async function main() {
  const parsed = parseKpisArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.error}\n\n${USAGE}`);
    process.exit(2);
  }
  const config = loadConfigOrExit();
  const database = await openConfiguredDatabase(config.database);
  try {
    await migrate(database);
    await syncReferenceData(database.db);
    process.exitCode = await runKpis(database.db, parsed.args, {
      out: (text) => console.log(text),
      error: (text) => console.error(text),
    });
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
