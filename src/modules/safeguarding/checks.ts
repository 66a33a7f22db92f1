import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import { createCalendar } from '../../platform/calendar/index.ts';
import { type Db, type Executor, queryRows } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { dateFromParts } from '../../platform/forms/date-input.ts';
import { claimFormToken, completeFormToken } from '../../platform/forms/form-token.ts';
import { appendTimeline } from '../casework/service.ts';
import { localAuthorityCheckDueOn, policeCheckDueOn } from './clocks.ts';
import { safeguardingCheck } from './schema.ts';

export const CHECK_OUTCOMES = ['no-record', 'information-held', 'concerns'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

const text = (max: number, tooLong: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max, { error: tooLong }));

const formToken = z
  .string({ error: 'checks.errors.formExpired' })
  .regex(/^[A-Za-z0-9_-]{32}$/, { error: 'checks.errors.formExpired' });

/**
 * The "check returned" form, given the day the check was requested and today: the
 * returned date is required, real, not before the request and not in the future; the
 * concerns are required when the outcome is concerns or information held.
 */
export function checkReturnSchema(requestedOn: string, today: string) {
  return z
    .object({
      'returnedOn-day': text(10, 'checks.errors.returnedOnInvalid'),
      'returnedOn-month': text(10, 'checks.errors.returnedOnInvalid'),
      'returnedOn-year': text(10, 'checks.errors.returnedOnInvalid'),
      outcome: text(40, 'checks.errors.outcomeRequired'),
      concerns: text(10000, 'checks.errors.concernsTooLong'),
      version: z.coerce.number().int().min(1).catch(0),
    })
    .transform((v, ctx) => {
      const returnedOn = dateFromParts(v['returnedOn-day'], v['returnedOn-month'], v['returnedOn-year']);
      const problem = returnedDateProblem(returnedOn, requestedOn, today);
      if (problem) ctx.addIssue({ code: 'custom', path: ['returnedOn'], message: problem });
      const outcomeOk = (CHECK_OUTCOMES as readonly string[]).includes(v.outcome);
      if (!outcomeOk) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'checks.errors.outcomeRequired' });
      const concernsMissing = outcomeOk && v.outcome !== 'no-record' && v.concerns === '';
      if (concernsMissing)
        ctx.addIssue({ code: 'custom', path: ['concerns'], message: 'checks.errors.concernsRequired' });
      if (v.version < 1) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'checks.errors.formExpired' });
      if (problem || !outcomeOk || concernsMissing || v.version < 1) return z.NEVER;
      return {
        returnedOn: returnedOn as string,
        outcome: v.outcome as CheckOutcome,
        concerns: v.outcome === 'no-record' ? null : v.concerns,
        version: v.version,
      };
    });
}

/** Pure: what is wrong with a returned date, as a message key, or null. */
export function returnedDateProblem(returnedOn: string | null, requestedOn: string, today: string): string | null {
  if (returnedOn === null) return 'checks.errors.returnedOnRequired';
  if (returnedOn === 'invalid') return 'checks.errors.returnedOnInvalid';
  if (returnedOn < requestedOn) return 'checks.errors.returnedOnBeforeRequest';
  if (returnedOn > today) return 'checks.errors.returnedOnFuture';
  return null;
}

export const newCheckSchema = z
  .object({
    kind: z.enum(['police', 'local-authority'], { error: 'checks.errors.kindRequired' }),
    partyId: text(60, 'checks.errors.partyRequired'),
    localAuthorityCode: text(20, 'checks.errors.localAuthorityRequired'),
    _formToken: formToken,
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'police' && v.partyId === '')
      ctx.addIssue({ code: 'custom', path: ['partyId'], message: 'checks.errors.partyRequired' });
    if (v.kind === 'local-authority' && v.localAuthorityCode === '')
      ctx.addIssue({ code: 'custom', path: ['localAuthorityCode'], message: 'checks.errors.localAuthorityRequired' });
  });

export const chaseSchema = z.object({ _formToken: formToken });

const calendar = createCalendar();

interface CheckFacts {
  id: string;
  kind: string;
  requestedOn: string;
  returnedOn: string | null;
  letterFiled: boolean;
}

async function checkFacts(tx: Executor, caseId: string, checkId: string) {
  const [row] = await queryRows<CheckFacts>(
    tx,
    sql`SELECT k.id, k.kind, k.requested_on AS "requestedOn", k.returned_on AS "returnedOn",
      EXISTS (SELECT 1 FROM safeguarding_letter l WHERE l.case_id = k.case_id AND l.status = 'filed') AS "letterFiled"
    FROM safeguarding_check k WHERE k.id = ${checkId} AND k.case_id = ${caseId}`,
  );
  if (!row) throw new DomainError('CHECK_NOT_FOUND');
  return row;
}

/**
 * Record what a check returned (or correct it), with optimistic concurrency. A check that
 * comes back after the safeguarding letter was filed needs an update letter (addendum).
 */
export async function recordCheckReturn(
  db: Db,
  input: {
    caseId: string;
    checkId: string;
    returned: { returnedOn: string; outcome: CheckOutcome; concerns: string | null; version: number };
    actor: AuditActor & { userId: string };
    now: Date;
  },
): Promise<{ addendumNeeded: boolean }> {
  return db.transaction(async (tx) => {
    const facts = await checkFacts(tx, input.caseId, input.checkId);
    // Only a first return after filing needs an update letter; a correction keeps the flag as it was.
    const addendumNeeded = facts.letterFiled && facts.returnedOn === null;
    const r = input.returned;
    const updated = await tx
      .update(safeguardingCheck)
      .set({
        returnedOn: r.returnedOn,
        outcome: r.outcome,
        concerns: r.concerns,
        ...(addendumNeeded ? { addendumNeeded: true } : {}),
        version: sql`${safeguardingCheck.version} + 1`,
        updatedAt: input.now,
      })
      .where(and(eq(safeguardingCheck.id, input.checkId), eq(safeguardingCheck.version, r.version)))
      .returning({ id: safeguardingCheck.id });
    if (updated.length === 0) throw new DomainError('STALE_VERSION');
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: facts.returnedOn === null ? 'checks.returned' : 'checks.corrected',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { checkId: input.checkId, kind: facts.kind, outcome: r.outcome, returnedOn: r.returnedOn },
    });
    if (addendumNeeded) {
      await appendTimeline(tx, {
        caseId: input.caseId,
        kind: 'checks.addendum-needed',
        occurredAt: input.now,
        actorUserId: input.actor.userId,
        details: { checkId: input.checkId },
      });
    }
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'change',
        resourceType: 'safeguarding-check',
        resourceIds: [input.checkId],
        caseId: input.caseId,
        fieldCategories: ['safeguarding-check', 'risk'],
      },
    ]);
    return { addendumNeeded };
  });
}

/**
 * Request one more check (another local authority, or an adult added to the case). A
 * check already requested for the same party or authority is refused with ALREADY_RECORDED.
 */
export async function requestCheck(
  db: Db,
  input: {
    caseId: string;
    check: { kind: 'police' | 'local-authority'; partyId: string | null; localAuthorityCode: string | null };
    formToken: string;
    actor: AuditActor & { userId: string };
    now: Date;
    today: string;
  },
): Promise<{ location: string; created: boolean }> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, created: false };
    const c = input.check;
    if (c.kind === 'police') {
      const [party] = await queryRows<{ id: string }>(
        tx,
        sql`SELECT id FROM case_party WHERE id = ${c.partyId} AND case_id = ${input.caseId}`,
      );
      if (!party) throw new DomainError('PARTY_NOT_FOUND');
    } else {
      const [la] = await queryRows<{ code: string }>(
        tx,
        sql`SELECT code FROM local_authority WHERE code = ${c.localAuthorityCode}`,
      );
      if (!la) throw new DomainError('VALIDATION_FAILED');
    }
    const dueOn =
      c.kind === 'police' ? policeCheckDueOn(calendar, input.today) : localAuthorityCheckDueOn(calendar, input.today);
    const inserted = await tx
      .insert(safeguardingCheck)
      .values({
        caseId: input.caseId,
        kind: c.kind,
        partyId: c.kind === 'police' ? c.partyId : null,
        localAuthorityCode: c.kind === 'local-authority' ? c.localAuthorityCode : null,
        requestedOn: input.today,
        dueOn,
        createdBy: input.actor.userId,
        createdAt: input.now,
        updatedAt: input.now,
      })
      .onConflictDoNothing()
      .returning({ id: safeguardingCheck.id });
    if (inserted.length === 0) throw new DomainError('ALREADY_RECORDED');
    const id = inserted[0]!.id;
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'checks.requested',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { checkId: id, kind: c.kind, dueOn },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'create',
        resourceType: 'safeguarding-check',
        resourceIds: [id],
        caseId: input.caseId,
        fieldCategories: ['safeguarding-check'],
      },
    ]);
    const location = `/cases/${input.caseId}/safeguarding?saved=check-requested`;
    await completeFormToken(tx, input.formToken, location);
    return { location, created: true };
  });
}

/** Chase a check that is not back: counted, dated, on the timeline. A double post chases once. */
export async function chaseCheck(
  db: Db,
  input: {
    caseId: string;
    checkId: string;
    formToken: string;
    returnTo: string;
    actor: AuditActor & { userId: string };
    now: Date;
    today: string;
  },
): Promise<{ location: string; created: boolean }> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, created: false };
    const facts = await checkFacts(tx, input.caseId, input.checkId);
    if (facts.returnedOn !== null) throw new DomainError('ALREADY_RECORDED');
    const [row] = await tx
      .update(safeguardingCheck)
      .set({
        lastChasedOn: input.today,
        chaseCount: sql`${safeguardingCheck.chaseCount} + 1`,
        version: sql`${safeguardingCheck.version} + 1`,
        updatedAt: input.now,
      })
      .where(eq(safeguardingCheck.id, input.checkId))
      .returning({ chaseCount: safeguardingCheck.chaseCount });
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'checks.chased',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { checkId: input.checkId, kind: facts.kind, chaseCount: row?.chaseCount },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'change',
        resourceType: 'safeguarding-check',
        resourceIds: [input.checkId],
        caseId: input.caseId,
        fieldCategories: ['safeguarding-check'],
      },
    ]);
    await completeFormToken(tx, input.formToken, input.returnTo);
    return { location: input.returnTo, created: true };
  });
}
