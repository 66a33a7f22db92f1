import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import { type Db, type Executor, queryRows } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { claimFormToken, completeFormToken, isFormToken } from '../../platform/forms/form-token.ts';
import { appendTimeline } from '../casework/service.ts';
import { DIVERSITY_ASPECTS, missingWelfareHeadings, normaliseLineEndings, WELFARE_CHECKLIST } from './rules.ts';
import { childDiversity, childImpactAnalysis } from './schema.ts';

export const ANALYSIS_TEXT_MAX = 20000;
export const ASPECT_NOTE_MAX = 4000;

const text = (max: number, tooLong: string) =>
  z
    .string()
    .optional()
    .transform((v) => normaliseLineEndings(v ?? '').trim())
    .pipe(z.string().max(max, { error: tooLong }));

const versionField = text(12, 'directWork.errors.formExpired');

function parseVersion(value: string): number | null {
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
}

/** The impact analysis form: every heading of the welfare checklist is written about. */
export function impactSchema() {
  const welfare = Object.fromEntries(
    WELFARE_CHECKLIST.map((code) => [`welfare-${code}`, text(ANALYSIS_TEXT_MAX, 'directWork.errors.textTooLong')]),
  ) as Record<string, ReturnType<typeof text>>;
  return z
    .object({
      livedExperience: text(ANALYSIS_TEXT_MAX, 'directWork.errors.textTooLong'),
      disputeImpact: text(ANALYSIS_TEXT_MAX, 'directWork.errors.textTooLong'),
      riskImpact: text(ANALYSIS_TEXT_MAX, 'directWork.errors.textTooLong'),
      ...welfare,
      timescales: text(ANALYSIS_TEXT_MAX, 'directWork.errors.textTooLong'),
      version: versionField,
      _formToken: text(64, 'directWork.errors.formExpired'),
    })
    .transform((v, ctx) => {
      let bad = false;
      const issue = (path: string, message: string) => {
        bad = true;
        ctx.addIssue({ code: 'custom', path: [path], message });
      };
      const values = v as Record<string, string>;
      if (values.livedExperience === '') issue('livedExperience', 'directWork.errors.livedExperienceRequired');
      if (values.disputeImpact === '') issue('disputeImpact', 'directWork.errors.disputeImpactRequired');
      if (values.riskImpact === '') issue('riskImpact', 'directWork.errors.riskImpactRequired');
      const welfareValues = Object.fromEntries(WELFARE_CHECKLIST.map((c) => [c, values[`welfare-${c}`] ?? '']));
      for (const code of missingWelfareHeadings(welfareValues))
        issue(`welfare-${code}`, 'directWork.errors.welfareRequired');
      if (values.timescales === '') issue('timescales', 'directWork.errors.timescalesRequired');
      const version = parseVersion(values.version ?? '');
      if (version === null || !isFormToken(values._formToken))
        issue('livedExperience', 'directWork.errors.formExpired');
      if (bad) return z.NEVER;
      return {
        livedExperience: values.livedExperience!,
        disputeImpact: values.disputeImpact!,
        riskImpact: values.riskImpact!,
        welfare: welfareValues as Record<string, string>,
        timescales: values.timescales!,
        version: version as number,
        formToken: values._formToken!,
      };
    });
}
export type ImpactInput = z.output<ReturnType<typeof impactSchema>>;

/** The diversity form: a note on each aspect (optional) and what is relevant or why nothing is (required). */
export function diversitySchema() {
  const aspects = Object.fromEntries(
    DIVERSITY_ASPECTS.map((a) => [`aspect-${a}`, text(ASPECT_NOTE_MAX, 'directWork.errors.textTooLong')]),
  ) as Record<string, ReturnType<typeof text>>;
  return z
    .object({
      ...aspects,
      relevant: text(10, 'directWork.errors.relevantRequired'),
      statement: text(ANALYSIS_TEXT_MAX, 'directWork.errors.textTooLong'),
      version: versionField,
      _formToken: text(64, 'directWork.errors.formExpired'),
    })
    .transform((v, ctx) => {
      let bad = false;
      const issue = (path: string, message: string) => {
        bad = true;
        ctx.addIssue({ code: 'custom', path: [path], message });
      };
      const values = v as Record<string, string>;
      const relevant = values.relevant === 'yes' ? true : values.relevant === 'no' ? false : null;
      if (relevant === null) issue('relevant', 'directWork.errors.relevantRequired');
      if (values.statement === '')
        issue(
          'statement',
          relevant === false ? 'directWork.errors.statementWhyNotRequired' : 'directWork.errors.statementRequired',
        );
      const version = parseVersion(values.version ?? '');
      if (version === null || !isFormToken(values._formToken)) issue('relevant', 'directWork.errors.formExpired');
      if (bad) return z.NEVER;
      return {
        aspects: Object.fromEntries(DIVERSITY_ASPECTS.map((a) => [a, values[`aspect-${a}`] ?? ''])) as Record<
          string,
          string
        >,
        relevant: relevant as boolean,
        statement: values.statement!,
        version: version as number,
        formToken: values._formToken!,
      };
    });
}
export type DiversityInput = z.output<ReturnType<typeof diversitySchema>>;

export interface ImpactRecord {
  id: string;
  livedExperience: string;
  disputeImpact: string;
  riskImpact: string;
  welfare: Record<string, string>;
  timescales: string;
  version: number;
  updatedAt: string;
  updatedByName: string | null;
}

export interface DiversityRecord {
  id: string;
  aspects: Record<string, string>;
  relevant: boolean;
  statement: string;
  version: number;
  updatedAt: string;
  updatedByName: string | null;
}

export async function getImpact(tx: Executor, caseId: string, childId: string): Promise<ImpactRecord | null> {
  const [row] = await queryRows<ImpactRecord>(
    tx,
    sql`SELECT i.id, i.lived_experience AS "livedExperience", i.dispute_impact AS "disputeImpact",
        i.risk_impact AS "riskImpact", i.welfare, i.timescales, i.version, i.updated_at AS "updatedAt",
        u.display_name AS "updatedByName"
      FROM child_impact_analysis i LEFT JOIN user_account u ON u.id = COALESCE(i.updated_by, i.created_by)
      WHERE i.case_id = ${caseId} AND i.child_id = ${childId}`,
  );
  return row ?? null;
}

export async function getDiversity(tx: Executor, caseId: string, childId: string): Promise<DiversityRecord | null> {
  const [row] = await queryRows<DiversityRecord>(
    tx,
    sql`SELECT d.id, d.aspects, d.relevant, d.statement, d.version, d.updated_at AS "updatedAt",
        u.display_name AS "updatedByName"
      FROM child_diversity d LEFT JOIN user_account u ON u.id = COALESCE(d.updated_by, d.created_by)
      WHERE d.case_id = ${caseId} AND d.child_id = ${childId}`,
  );
  return row ?? null;
}

async function lockChild(tx: Executor, caseId: string, childId: string): Promise<void> {
  // The child row is locked so that two first saves of the same analysis cannot both insert.
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`SELECT id FROM case_child WHERE id = ${childId} AND case_id = ${caseId} FOR UPDATE`,
  );
  if (!row) throw new DomainError('CHILD_NOT_FOUND');
}

type Actor = AuditActor & { userId: string };

/**
 * Save a child's impact analysis: the first version (the form read at version 0) or a change
 * of the version read. A save over someone else's is refused (STALE_VERSION); a double post
 * saves once. One transaction with its timeline and audit.
 */
export async function saveImpact(
  db: Db,
  input: { caseId: string; childId: string; impact: ImpactInput; actor: Actor; now: Date },
): Promise<{ location: string; saved: boolean; version: number }> {
  const i = input.impact;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, i.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, saved: false, version: i.version };
    await lockChild(tx, input.caseId, input.childId);
    const [current] = await tx
      .select({ id: childImpactAnalysis.id, version: childImpactAnalysis.version })
      .from(childImpactAnalysis)
      .where(and(eq(childImpactAnalysis.childId, input.childId), eq(childImpactAnalysis.caseId, input.caseId)));
    if ((current?.version ?? 0) !== i.version) throw new DomainError('STALE_VERSION');
    const values = {
      livedExperience: i.livedExperience,
      disputeImpact: i.disputeImpact,
      riskImpact: i.riskImpact,
      welfare: i.welfare,
      timescales: i.timescales,
    };
    let id: string;
    if (current) {
      await tx
        .update(childImpactAnalysis)
        .set({ ...values, updatedBy: input.actor.userId, updatedAt: input.now, version: i.version + 1 })
        .where(eq(childImpactAnalysis.id, current.id));
      id = current.id;
    } else {
      const [row] = await tx
        .insert(childImpactAnalysis)
        .values({
          ...values,
          caseId: input.caseId,
          childId: input.childId,
          createdBy: input.actor.userId,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .returning({ id: childImpactAnalysis.id });
      id = row!.id;
    }
    await appendTimeline(tx, {
      caseId: input.caseId,
      ...(current ? { kind: 'direct-work.impact-updated' } : { kind: 'direct-work.impact-recorded' }),
      occurredAt: input.now,
      childId: input.childId,
      actorUserId: input.actor.userId,
      details: { impactId: id, version: i.version + 1 },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: current ? 'change' : 'create',
        resourceType: 'child-impact-analysis',
        resourceIds: [id],
        caseId: input.caseId,
        fieldCategories: ['direct-work'],
      },
    ]);
    const location = `/cases/${input.caseId}/direct-work?saved=impact`;
    await completeFormToken(tx, i.formToken, location);
    return { location, saved: true, version: i.version + 1 };
  });
}

/** Save a child's diversity and identity record, as saveImpact does. */
export async function saveDiversity(
  db: Db,
  input: { caseId: string; childId: string; diversity: DiversityInput; actor: Actor; now: Date },
): Promise<{ location: string; saved: boolean; version: number }> {
  const d = input.diversity;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, d.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, saved: false, version: d.version };
    await lockChild(tx, input.caseId, input.childId);
    const [current] = await tx
      .select({ id: childDiversity.id, version: childDiversity.version })
      .from(childDiversity)
      .where(and(eq(childDiversity.childId, input.childId), eq(childDiversity.caseId, input.caseId)));
    if ((current?.version ?? 0) !== d.version) throw new DomainError('STALE_VERSION');
    const values = { aspects: d.aspects, relevant: d.relevant, statement: d.statement };
    let id: string;
    if (current) {
      await tx
        .update(childDiversity)
        .set({ ...values, updatedBy: input.actor.userId, updatedAt: input.now, version: d.version + 1 })
        .where(eq(childDiversity.id, current.id));
      id = current.id;
    } else {
      const [row] = await tx
        .insert(childDiversity)
        .values({
          ...values,
          caseId: input.caseId,
          childId: input.childId,
          createdBy: input.actor.userId,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .returning({ id: childDiversity.id });
      id = row!.id;
    }
    await appendTimeline(tx, {
      caseId: input.caseId,
      ...(current ? { kind: 'direct-work.diversity-updated' } : { kind: 'direct-work.diversity-recorded' }),
      occurredAt: input.now,
      childId: input.childId,
      actorUserId: input.actor.userId,
      details: { diversityId: id, version: d.version + 1, relevant: d.relevant },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: current ? 'change' : 'create',
        resourceType: 'child-diversity',
        resourceIds: [id],
        caseId: input.caseId,
        fieldCategories: ['direct-work'],
      },
    ]);
    const location = `/cases/${input.caseId}/direct-work?saved=diversity`;
    await completeFormToken(tx, d.formToken, location);
    return { location, saved: true, version: d.version + 1 };
  });
}
