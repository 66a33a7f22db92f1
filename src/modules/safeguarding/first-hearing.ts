import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import { type Db, type Executor, queryRows } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { dateFromParts } from '../../platform/forms/date-input.ts';
import { claimFormToken, completeFormToken } from '../../platform/forms/form-token.ts';
import { appendTimeline, moveCase } from '../casework/service.ts';
import { firstHearingOutcome } from './schema.ts';

/** Orders the court can make at a first hearing (the PRL order forms). */
export const PRL_ORDER_TYPES = ['C43', 'C43A', 'C45A', 'FL404A', 'other'] as const;
/** Reports the court can order of us after the first hearing. */
export const FIRST_HEARING_REPORT_TYPES = ['section-7', 'rule-16-4', 's16a', 'child-impact', 'other'] as const;

/** Hearing type code of a next hearing typed in from the first hearing's outcome. */
export const NEXT_HEARING_TYPE = 'next-hearing';

const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max));

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

const E = 'first-hearing.errors.';

/**
 * The first hearing's outcome form. Contradictory answers are refused field by field:
 * resolved with a report, further work without a report or filing date, a filing date or
 * next hearing not after the hearing.
 */
export function firstHearingSchema(today: string) {
  return z
    .object({
      'heardOn-day': text(10),
      'heardOn-month': text(10),
      'heardOn-year': text(10),
      outcome: z.enum(['resolved', 'further-work'], { error: `${E}outcomeRequired` }).optional(),
      ordersMade: list.pipe(z.array(z.enum(PRL_ORDER_TYPES, { error: `${E}ordersRequired` })).max(10)),
      reportType: z
        .union([z.enum(FIRST_HEARING_REPORT_TYPES), z.literal('')], { error: `${E}reportTypeRequired` })
        .optional()
        .transform((v) => v || null),
      'filingDueOn-day': text(10),
      'filingDueOn-month': text(10),
      'filingDueOn-year': text(10),
      'nextHearingOn-day': text(10),
      'nextHearingOn-month': text(10),
      'nextHearingOn-year': text(10),
      referral: z.enum(['yes', 'no'], { error: `${E}referralRequired` }).optional(),
      notes: z
        .string()
        .optional()
        .transform((v) => (v ?? '').trim())
        .pipe(z.string().max(5000, { error: `${E}notesTooLong` })),
      _formToken: z
        .string({ error: 'letters.errors.invalid' })
        .regex(/^[A-Za-z0-9_-]{32}$/, { error: 'letters.errors.invalid' }),
    })
    .transform((v, ctx) => {
      const issue = (path: string, key: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message: `${E}${key}` });
      const heardOn = dateFromParts(v['heardOn-day'], v['heardOn-month'], v['heardOn-year']);
      const filingDueOn = dateFromParts(v['filingDueOn-day'], v['filingDueOn-month'], v['filingDueOn-year']);
      const nextHearingOn = dateFromParts(v['nextHearingOn-day'], v['nextHearingOn-month'], v['nextHearingOn-year']);
      if (heardOn === null) issue('heardOn', 'heardOnRequired');
      else if (heardOn === 'invalid') issue('heardOn', 'heardOnInvalid');
      else if (heardOn > today) issue('heardOn', 'heardOnFuture');
      if (!v.outcome) issue('outcome', 'outcomeRequired');
      const hearing = heardOn && heardOn !== 'invalid' ? heardOn : null;
      if (v.outcome === 'resolved') {
        if (v.ordersMade.length === 0) issue('ordersMade', 'ordersRequired');
        if (v.reportType) issue('reportType', 'reportTypeNotExpected');
        if (nextHearingOn !== null) issue('nextHearingOn', 'nextHearingNotExpected');
      }
      if (v.outcome === 'further-work') {
        if (!v.reportType) issue('reportType', 'reportTypeRequired');
        if (filingDueOn === null) issue('filingDueOn', 'filingDueOnRequired');
        else if (filingDueOn === 'invalid') issue('filingDueOn', 'filingDueOnInvalid');
        else if (hearing && filingDueOn <= hearing) issue('filingDueOn', 'filingBeforeHearing');
        if (nextHearingOn === 'invalid') issue('nextHearingOn', 'nextHearingInvalid');
        else if (nextHearingOn && hearing && nextHearingOn <= hearing)
          issue('nextHearingOn', 'nextHearingBeforeHearing');
      }
      if (!v.referral) issue('referral', 'referralRequired');
      if (!hearing || !v.outcome || !v.referral) return z.NEVER;
      return {
        heardOn: hearing,
        outcome: v.outcome,
        ordersMade: [...new Set(v.ordersMade)],
        reportType: v.outcome === 'further-work' ? v.reportType : null,
        filingDueOn: v.outcome === 'further-work' && filingDueOn !== 'invalid' ? filingDueOn : null,
        nextHearingOn: v.outcome === 'further-work' && nextHearingOn !== 'invalid' ? nextHearingOn : null,
        childProtectionReferralMade: v.referral === 'yes',
        notes: v.notes || null,
        formToken: v._formToken,
      };
    });
}

export type FirstHearingInput = z.output<ReturnType<typeof firstHearingSchema>>;

export async function getFirstHearingOutcome(tx: Executor, caseId: string) {
  const [row] = await tx.select().from(firstHearingOutcome).where(eq(firstHearingOutcome.caseId, caseId));
  return row ?? null;
}

/**
 * Record the first hearing's outcome in one transaction: the outcome, a direction for the
 * report ordered (with its filing date), the next hearing, the case's move (resolved →
 * closed; further work → awaiting allocation), the timeline and the audit. Once only.
 */
export async function recordFirstHearingOutcome(
  db: Db,
  input: {
    caseId: string;
    outcome: FirstHearingInput;
    actor: AuditActor & { userId: string };
    now: Date;
    reportLabel: string | null;
    nextHearingLabel: string;
  },
): Promise<{ location: string }> {
  return db.transaction(async (tx) => {
    const o = input.outcome;
    const claim = await claimFormToken(tx, o.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location };
    await tx.execute(sql`SELECT id FROM case_record WHERE id = ${input.caseId} FOR UPDATE`);
    if (await getFirstHearingOutcome(tx, input.caseId)) throw new DomainError('ALREADY_RECORDED');
    await tx.insert(firstHearingOutcome).values({
      caseId: input.caseId,
      heardOn: o.heardOn,
      outcome: o.outcome,
      ordersMade: o.ordersMade,
      reportType: o.reportType,
      filingDueOn: o.filingDueOn,
      nextHearingOn: o.nextHearingOn,
      childProtectionReferralMade: o.childProtectionReferralMade,
      notes: o.notes,
      recordedBy: input.actor.userId,
      recordedAt: input.now,
    });
    const ids: string[] = [input.caseId];
    if (o.outcome === 'further-work' && o.reportType) {
      const [direction] = await queryRows<{ id: string }>(
        tx,
        sql`INSERT INTO court_direction (case_id, report_type, report_label, due_on, source, created_at)
            VALUES (${input.caseId}, ${o.reportType}, ${input.reportLabel}, ${o.filingDueOn}, 'fhdra-outcome', ${input.now})
            RETURNING id`,
      );
      ids.push(direction!.id);
    }
    if (o.nextHearingOn) {
      const [hearing] = await queryRows<{ id: string }>(
        tx,
        sql`INSERT INTO hearing (case_id, type_code, type_label, status, starts_at, days, created_at, updated_at)
            VALUES (${input.caseId}, ${NEXT_HEARING_TYPE}, ${input.nextHearingLabel}, 'LISTED',
              (${o.nextHearingOn}::date)::timestamp AT TIME ZONE 'Europe/London',
              ${JSON.stringify([o.nextHearingOn])}::jsonb, ${input.now}, ${input.now})
            RETURNING id`,
      );
      ids.push(hearing!.id);
    }
    await moveCase(tx, {
      caseId: input.caseId,
      event: { type: 'first-hearing-outcome', outcome: o.outcome },
      actorUserId: input.actor.userId,
      now: input.now,
    });
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'first-hearing.recorded',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: {
        heardOn: o.heardOn,
        outcome: o.outcome,
        ordersMade: o.ordersMade,
        reportType: o.reportType,
        filingDueOn: o.filingDueOn,
        nextHearingOn: o.nextHearingOn,
        childProtectionReferralMade: o.childProtectionReferralMade,
      },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'create',
        resourceType: 'first-hearing-outcome',
        resourceIds: ids,
        caseId: input.caseId,
        fieldCategories: ['hearing', 'case-summary'],
      },
    ]);
    const location = `/cases/${input.caseId}/first-hearing?notice=recorded`;
    await completeFormToken(tx, o.formToken, location);
    return { location };
  });
}
