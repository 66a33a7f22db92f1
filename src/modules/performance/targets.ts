import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import type { Nation } from './kpi.ts';
import { KPIS } from './kpis/index.ts';

/** Each KPI's target per nation: configuration (kpi_target) over the definition's default. */
export type Targets = Map<string, Record<Nation, number | null>>;

export async function readTargets(db: Executor): Promise<Targets> {
  const rows = await queryRows<{ kpi: string; nation: Nation; target: number }>(
    db,
    sql`SELECT kpi, nation, target FROM kpi_target`,
  );
  const targets: Targets = new Map();
  for (const k of KPIS) {
    targets.set(k.id, { england: k.defaultTarget?.england ?? null, wales: k.defaultTarget?.wales ?? null });
  }
  for (const r of rows) {
    const t = targets.get(r.kpi);
    if (t) t[r.nation] = r.target;
  }
  return targets;
}

export function targetFor(targets: Targets, kpi: string, nation: Nation): number | null {
  return targets.get(kpi)?.[nation] ?? null;
}
