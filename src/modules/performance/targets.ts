import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import { type Db, type Executor, queryRows } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { claimFormToken, completeFormToken } from '../../platform/forms/form-token.ts';
import type { KpiDefinition, Nation } from './kpi.ts';
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

// --- Administration: changing the targets -----------------------------------------------------

export const NATIONS = ['england', 'wales'] as const satisfies readonly Nation[];

/** One nation's target of a KPI as the administration pages show it. */
export interface NationTarget {
  /** The target in force: the configured one, else the KPI module's default (null: no target). */
  target: number | null;
  defaultTarget: number | null;
  /** Configured (a kpi_target row), not the default. */
  set: boolean;
  /** The row's version; 0 when there is no row (the default applies). */
  version: number;
  updatedAt: Date | string | null;
  updatedByName: string | null;
}

export interface KpiTargets {
  kpi: KpiDefinition;
  nations: Record<Nation, NationTarget>;
}

/** Every KPI, in dashboard order, with its target per nation and whether it is the default. */
export async function listTargets(db: Executor): Promise<KpiTargets[]> {
  const rows = await queryRows<{
    kpi: string;
    nation: Nation;
    target: number;
    version: number;
    updatedAt: Date | string;
    updatedByName: string | null;
  }>(
    db,
    sql`SELECT t.kpi, t.nation, t.target, t.version, t.updated_at AS "updatedAt", u.display_name AS "updatedByName"
        FROM kpi_target t LEFT JOIN user_account u ON u.id = t.updated_by`,
  );
  return KPIS.map((kpi) => {
    const nation = (n: Nation): NationTarget => {
      const defaultTarget = kpi.defaultTarget?.[n] ?? null;
      const row = rows.find((r) => r.kpi === kpi.id && r.nation === n);
      return row
        ? {
            target: Number(row.target),
            defaultTarget,
            set: true,
            version: row.version,
            updatedAt: row.updatedAt,
            updatedByName: row.updatedByName,
          }
        : { target: defaultTarget, defaultTarget, set: false, version: 0, updatedAt: null, updatedByName: null };
    };
    return { kpi, nations: { england: nation('england'), wales: nation('wales') } };
  });
}

/**
 * How a KPI's target is typed. A rate is a percentage (0 to 100, one decimal place) stored as a
 * share. Demand (a count) is shown as the change on the year before, so its target is typed as
 * that change, a percentage (0 to 1000), stored as a share too. A mean is a number in the KPI's
 * unit (0 to 1000, the table's check, two decimal places).
 */
export function targetEntry(kpi: KpiDefinition): { percent: boolean; max: number; decimals: number } {
  if (kpi.kind === 'rate') return { percent: true, max: 100, decimals: 1 };
  if (kpi.kind === 'count') return { percent: true, max: 1000, decimals: 1 };
  return { percent: false, max: 1000, decimals: 2 };
}

/** A stored target as it is typed into the form ("98.7" for a share of 0.987; "0.7" for a mean). */
export function targetAsTyped(kpi: KpiDefinition, target: number | null): string {
  if (target === null) return '';
  return targetEntry(kpi).percent ? String(Math.round(target * 1000) / 10) : String(Math.round(target * 100) / 100);
}

/** A target as typed, checked: the stored value, or what is wrong with it. */
export function parseTarget(kpi: KpiDefinition, value: string): number | 'required' | 'invalid' | 'range' | 'decimals' {
  const entry = targetEntry(kpi);
  let v = value.trim();
  if (entry.percent) v = v.replace(/\s*%$/, '');
  if (v === '') return 'required';
  const match = /^[-+]?(?:\d{1,7}(?:\.(\d{1,9}))?|\.(\d{1,9}))$/.exec(v);
  if (!match) return 'invalid';
  const n = Number(v) || 0; // -0 is 0
  if (n < 0 || n > entry.max) return 'range';
  if ((match[1] ?? match[2] ?? '').length > entry.decimals) return 'decimals';
  return entry.percent ? Math.round(n * 10) / 1000 : Math.round(n * 100) / 100;
}

const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max, { error: 'targets.errors.formExpired' }));

const versionPattern = /^\d{1,9}$/;
const tokenPattern = /^[A-Za-z0-9_-]{32}$/;

/**
 * The form of one KPI's targets: per nation, the default or a target typed in, with the version
 * of the row it was read at (0: none). Messages are locale keys.
 */
export function targetsSchema(kpi: KpiDefinition) {
  const entry = targetEntry(kpi);
  const style = entry.percent ? (kpi.kind === 'rate' ? 'Percent' : 'Change') : 'Number';
  return z
    .object({
      ...Object.fromEntries(NATIONS.map((n) => [`mode-${n}`, text(20)])),
      // A target too long to be a number is refused as not a number (parseTarget), not as expired.
      ...Object.fromEntries(
        NATIONS.map((n) => [
          `target-${n}`,
          z
            .string()
            .optional()
            .transform((v) => (v ?? '').slice(0, 40)),
        ]),
      ),
      ...Object.fromEntries(NATIONS.map((n) => [`version-${n}`, text(12)])),
      _formToken: text(64),
    })
    .transform((raw, ctx) => {
      const v = raw as Record<string, string>;
      let bad = false;
      const issue = (field: string, message: string) => {
        bad = true;
        ctx.addIssue({ code: 'custom', path: [field], message });
      };
      const targets = {} as Record<Nation, { target: number | null; version: number }>;
      for (const n of NATIONS) {
        const mode = v[`mode-${n}`];
        let target: number | null = null;
        if (mode === 'set') {
          const parsed = parseTarget(kpi, v[`target-${n}`] ?? '');
          if (parsed === 'required') issue(`target-${n}`, `targets.errors.${n}.required`);
          else if (parsed === 'invalid') issue(`target-${n}`, `targets.errors.${n}.invalid${style}`);
          else if (parsed === 'range') issue(`target-${n}`, `targets.errors.${n}.range${style}`);
          else if (parsed === 'decimals') issue(`target-${n}`, `targets.errors.${n}.decimals${style}`);
          else target = parsed;
        } else if (mode !== 'default') {
          issue(`mode-${n}`, `targets.errors.${n}.mode`);
        }
        const version = v[`version-${n}`] ?? '';
        if (!versionPattern.test(version)) issue(`mode-${n}`, 'targets.errors.formExpired');
        targets[n] = { target, version: Number(version) };
      }
      if (!tokenPattern.test(v._formToken ?? '')) issue(`mode-${NATIONS[0]}`, 'targets.errors.formExpired');
      if (bad) return z.NEVER;
      return { targets, formToken: v._formToken as string };
    });
}
export type TargetsInput = z.output<ReturnType<typeof targetsSchema>>;

/**
 * Change one KPI's targets. Each nation's row must still be at the version the administrator
 * saw (0: no row); otherwise nothing is written (STALE_VERSION). A nation set to a target is
 * written (inserted, or updated with version + 1) when it differs; a nation returned to the
 * default loses its row. Audited in the same transaction; a double post changes nothing more.
 */
export async function changeTargets(
  db: Db,
  input: { kpi: KpiDefinition; form: TargetsInput; actor: AuditActor & { userId: string }; now: Date },
): Promise<{ location: string; changed: boolean }> {
  const { kpi, form: f, actor, now } = input;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, f.formToken, actor.userId);
    if (!claim.fresh) return { location: claim.location, changed: false };
    const rows = await queryRows<{ nation: Nation; target: number; version: number }>(
      tx,
      sql`SELECT nation, target, version FROM kpi_target WHERE kpi = ${kpi.id} FOR UPDATE`,
    );
    for (const n of NATIONS) {
      if ((rows.find((r) => r.nation === n)?.version ?? 0) !== f.targets[n].version) {
        throw new DomainError('STALE_VERSION');
      }
    }
    const changed: string[] = [];
    for (const n of NATIONS) {
      const row = rows.find((r) => r.nation === n);
      const { target, version } = f.targets[n];
      let written: unknown[] = [];
      if (target === null) {
        if (!row) continue;
        written = await queryRows(
          tx,
          sql`DELETE FROM kpi_target WHERE kpi = ${kpi.id} AND nation = ${n} AND version = ${version} RETURNING kpi`,
        );
      } else if (!row) {
        // A row inserted by another administrator since the form was read makes this stale.
        written = await queryRows(
          tx,
          sql`INSERT INTO kpi_target (kpi, nation, target, updated_by, updated_at)
              VALUES (${kpi.id}, ${n}, ${target}, ${actor.userId}, ${now})
              ON CONFLICT (kpi, nation) DO NOTHING RETURNING kpi`,
        );
      } else {
        if (Number(row.target) === target) continue;
        written = await queryRows(
          tx,
          sql`UPDATE kpi_target SET target = ${target}, version = version + 1, updated_by = ${actor.userId},
                updated_at = ${now}
              WHERE kpi = ${kpi.id} AND nation = ${n} AND version = ${version} RETURNING kpi`,
        );
      }
      if (written.length === 0) throw new DomainError('STALE_VERSION');
      changed.push(`${kpi.id}/${n}`);
    }
    if (changed.length > 0) {
      await appendAudit(tx, actor, now, [{ action: 'change', resourceType: 'kpi-target', resourceIds: changed }]);
    }
    const location = `/admin/reference/kpi-targets?saved=${kpi.id}`;
    await completeFormToken(tx, f.formToken, location);
    return { location, changed: changed.length > 0 };
  });
}
