import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import { type Db, queryRows } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { claimFormToken, completeFormToken } from '../../platform/forms/form-token.ts';
import { CASE_STAGES, type CaseStage, MAX_CAPACITY, MAX_WEIGHT, MIN_WEIGHT } from './workload.ts';

type Actor = AuditActor & { userId: string };

/** Points as typed: a whole number or up to two decimals ("1", "0.75", "22.5"). */
export function parsePoints(value: string, max: number): number | 'invalid' | 'too-large' | null {
  const v = value.trim();
  if (v === '') return null;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(v)) return 'invalid';
  const n = Number(v);
  if (n < MIN_WEIGHT) return 'invalid';
  if (n > max) return 'too-large';
  return n;
}

const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max, { error: 'allocation.errors.formExpired' }));

const versionPattern = /^\d{1,9}$/;
const tokenPattern = /^[A-Za-z0-9_-]{32}$/;

/** The four weights of one kind of case, each with the version it was read at. */
export const weightsSchema = z
  .object({
    ...Object.fromEntries(CASE_STAGES.map((s) => [`weight-${s}`, text(20)])),
    ...Object.fromEntries(CASE_STAGES.map((s) => [`version-${s}`, text(12)])),
    _formToken: text(64),
  })
  .transform((raw, ctx) => {
    const v = raw as Record<string, string>;
    let bad = false;
    const weights = {} as Record<CaseStage, number>;
    const versions = {} as Record<CaseStage, number>;
    for (const stage of CASE_STAGES) {
      const parsed = parsePoints(v[`weight-${stage}`] ?? '', MAX_WEIGHT);
      const issue = (message: string) => {
        bad = true;
        ctx.addIssue({ code: 'custom', path: [`weight-${stage}`], message });
      };
      if (parsed === null) issue('allocation.errors.weightRequired');
      else if (parsed === 'invalid') issue('allocation.errors.weightInvalid');
      else if (parsed === 'too-large') issue('allocation.errors.weightTooLarge');
      else weights[stage] = parsed;
      const version = v[`version-${stage}`] ?? '';
      if (!versionPattern.test(version)) issue('allocation.errors.formExpired');
      else versions[stage] = Number(version);
    }
    if (!tokenPattern.test(v._formToken ?? '')) {
      bad = true;
      ctx.addIssue({ code: 'custom', path: [`weight-${CASE_STAGES[0]}`], message: 'allocation.errors.formExpired' });
    }
    if (bad) return z.NEVER;
    return { weights, versions, formToken: v._formToken as string };
  });
export type WeightsInput = z.output<typeof weightsSchema>;

/**
 * Change the weights of one kind of case. Every stage's row must still be at the version the
 * administrator saw; otherwise nothing is written (STALE_VERSION). Audited; a double post
 * changes nothing more.
 */
export async function changeWeights(
  db: Db,
  input: { law: string; applicationType: string; form: WeightsInput; actor: Actor; now: Date },
): Promise<{ location: string; changed: boolean }> {
  const f = input.form;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, f.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, changed: false };
    const rows = await queryRows<{ stage: string; version: number }>(
      tx,
      sql`SELECT stage, version FROM workload_weight WHERE law = ${input.law}
          AND application_type = ${input.applicationType} FOR UPDATE`,
    );
    if (rows.length === 0) throw new DomainError('WORKLOAD_WEIGHT_NOT_FOUND');
    for (const stage of CASE_STAGES) {
      const row = rows.find((r) => r.stage === stage);
      // A stage with no row yet is inserted when the form saw none (version 0).
      if ((row?.version ?? 0) !== f.versions[stage]) throw new DomainError('STALE_VERSION');
    }
    for (const stage of CASE_STAGES) {
      await tx.execute(sql`INSERT INTO workload_weight (law, application_type, stage, weight, updated_by, updated_at)
        VALUES (${input.law}, ${input.applicationType}, ${stage}, ${f.weights[stage]}, ${input.actor.userId}, ${input.now})
        ON CONFLICT (law, application_type, stage) DO UPDATE SET weight = excluded.weight,
          version = workload_weight.version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
    }
    await appendAudit(tx, input.actor, input.now, [
      { action: 'change', resourceType: 'workload-weight', resourceIds: [`${input.law}/${input.applicationType}`] },
    ]);
    const location = '/admin/reference/workload-weights?saved=weights';
    await completeFormToken(tx, f.formToken, location);
    return { location, changed: true };
  });
}

/** A practitioner's contracted capacity, as a manager sets it (version 0: none set yet). */
export const capacitySchema = z
  .object({ capacity: text(20), version: text(12), _formToken: text(64) })
  .transform((v, ctx) => {
    let bad = false;
    const issue = (message: string) => {
      bad = true;
      ctx.addIssue({ code: 'custom', path: ['capacity'], message });
    };
    const parsed = parsePoints(v.capacity, MAX_CAPACITY);
    if (parsed === null) issue('allocation.errors.capacityRequired');
    else if (parsed === 'invalid') issue('allocation.errors.capacityInvalid');
    else if (parsed === 'too-large') issue('allocation.errors.capacityTooLarge');
    if (!versionPattern.test(v.version) || !tokenPattern.test(v._formToken)) issue('allocation.errors.formExpired');
    if (bad) return z.NEVER;
    return { capacity: parsed as number, version: Number(v.version), formToken: v._formToken };
  });
export type CapacityInput = z.output<typeof capacitySchema>;

/**
 * Set a practitioner's capacity, if it is still as the manager saw it. The caller has checked
 * that the practitioner works in one of the manager's areas. Audited.
 */
export async function setCapacity(
  db: Db,
  input: { userId: string; form: CapacityInput; actor: Actor; now: Date },
): Promise<{ location: string; changed: boolean }> {
  const f = input.form;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, f.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, changed: false };
    const written =
      f.version === 0
        ? await queryRows(
            tx,
            sql`INSERT INTO practitioner_capacity (user_id, points, updated_by, updated_at)
                VALUES (${input.userId}, ${f.capacity}, ${input.actor.userId}, ${input.now})
                ON CONFLICT (user_id) DO NOTHING RETURNING user_id`,
          )
        : await queryRows(
            tx,
            sql`UPDATE practitioner_capacity SET points = ${f.capacity}, version = version + 1,
                  updated_by = ${input.actor.userId}, updated_at = ${input.now}
                WHERE user_id = ${input.userId} AND version = ${f.version} RETURNING user_id`,
          );
    if (written.length === 0) throw new DomainError('STALE_VERSION');
    await appendAudit(tx, input.actor, input.now, [
      { action: 'change', resourceType: 'practitioner-capacity', resourceIds: [input.userId] },
    ]);
    const location = '/allocation/workload?saved=capacity';
    await completeFormToken(tx, f.formToken, location);
    return { location, changed: true };
  });
}
