import { and, eq, sql } from 'drizzle-orm';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { claimFormToken, completeFormToken } from '../../platform/forms/form-token.ts';
import { appendTimeline } from '../casework/service.ts';
import type { PlanSave } from './plan-forms.ts';
import { EMPTY_PLAN, type PlanContent, planDiff } from './plan-rules.ts';
import { getPlanVersion } from './queries.ts';
import { casePlan, casePlanVersion } from './schema.ts';

/**
 * Save a new version of the plan: the worker's plan, or the manager's direction (each keeps
 * the other's part as it was). Never overwrites: the version it was based on must still be
 * the current one, or STALE_VERSION. One transaction with its timeline and audit; a
 * double post of the same form saves once.
 */
export async function savePlanVersion(
  db: Db,
  input: {
    caseId: string;
    change: PlanSave;
    actor: AuditActor & { userId: string };
    now: Date;
  },
): Promise<{ location: string; version: number | null }> {
  const form = input.change.form;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, form.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, version: null };
    const base = form.version;
    const next = base + 1;
    const previous = base === 0 ? null : await getPlanVersion(tx, input.caseId, base);
    if (base > 0 && !previous) throw new DomainError('STALE_VERSION');
    const before: PlanContent = previous ?? EMPTY_PLAN;
    let content: PlanContent;
    let direction: { by: string | null; at: Date | string | null };
    if (input.change.kind === 'plan') {
      const f = input.change.form;
      content = {
        ...before,
        objectives: f.objectives,
        people: f.people,
        tools: f.tools,
        plannedSteps: f.plannedSteps,
        reviewDueOn: f.reviewDueOn,
        sharing: f.sharing,
        sharedOn: f.sharedOn,
        sharedHow: f.sharedHow,
        notSharedReason: f.notSharedReason,
      };
      const [prevDirection] = previous
        ? await tx
            .select({ by: casePlanVersion.directionBy, at: casePlanVersion.directionAt })
            .from(casePlanVersion)
            .where(and(eq(casePlanVersion.caseId, input.caseId), eq(casePlanVersion.version, base)))
        : [];
      direction = { by: prevDirection?.by ?? null, at: prevDirection?.at ?? null };
    } else {
      const f = input.change.form;
      content = { ...before, managerDirection: f.direction, managerPriorities: f.priorities };
      direction = { by: input.actor.userId, at: input.now };
    }
    // Move the head on from the version the form was based on: if anyone saved in between
    // (or created the first version meanwhile), nothing is written.
    const moved =
      base === 0
        ? await tx
            .insert(casePlan)
            .values({ caseId: input.caseId, currentVersion: 1, reviewDueOn: content.reviewDueOn, updatedAt: input.now })
            .onConflictDoNothing()
            .returning({ v: casePlan.currentVersion })
        : await tx
            .update(casePlan)
            .set({ currentVersion: next, reviewDueOn: content.reviewDueOn, updatedAt: input.now })
            .where(and(eq(casePlan.caseId, input.caseId), eq(casePlan.currentVersion, base)))
            .returning({ v: casePlan.currentVersion });
    if (moved.length === 0) throw new DomainError('STALE_VERSION');
    const changes = planDiff(previous, content);
    await tx.insert(casePlanVersion).values({
      caseId: input.caseId,
      version: next,
      objectives: content.objectives,
      people: content.people,
      tools: content.tools,
      plannedSteps: content.plannedSteps,
      reviewDueOn: content.reviewDueOn,
      sharing: content.sharing,
      sharedOn: content.sharedOn,
      sharedHow: content.sharedHow,
      notSharedReason: content.notSharedReason,
      managerDirection: content.managerDirection,
      managerPriorities: content.managerPriorities,
      directionBy: direction.by,
      directionAt: direction.at === null ? null : new Date(direction.at),
      changeKind: input.change.kind,
      changeNote: input.change.kind === 'plan' ? input.change.form.changeNote : null,
      createdBy: input.actor.userId,
      createdAt: input.now,
    });
    const fields = [...new Set(changes.map((c) => c.field))];
    if (input.change.kind === 'plan') {
      await appendTimeline(tx, {
        caseId: input.caseId,
        kind: 'planning.plan-saved',
        occurredAt: input.now,
        actorUserId: input.actor.userId,
        details: { version: next, fields },
      });
    } else {
      await appendTimeline(tx, {
        caseId: input.caseId,
        kind: 'planning.direction-given',
        occurredAt: input.now,
        actorUserId: input.actor.userId,
        body: input.change.form.direction,
        details: { version: next, priorities: input.change.form.priorities.length },
      });
    }
    await tx.execute(sql`UPDATE case_record SET updated_at = ${input.now} WHERE id = ${input.caseId}`);
    await appendAudit(tx, input.actor, input.now, [
      {
        action: base === 0 ? 'create' : 'change',
        resourceType: 'case-plan',
        resourceIds: [`${input.caseId}:${next}`],
        caseId: input.caseId,
        fieldCategories: ['case-plan'],
      },
    ]);
    const location = `/cases/${input.caseId}/plan?saved=${input.change.kind}`;
    await completeFormToken(tx, form.formToken, location);
    return { location, version: next };
  });
}
