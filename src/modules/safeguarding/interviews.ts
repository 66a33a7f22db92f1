import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import { type Db, queryRows } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { dateFromParts } from '../../platform/forms/date-input.ts';
import { claimFormToken, completeFormToken } from '../../platform/forms/form-token.ts';
import { appendTimeline } from '../casework/service.ts';
import { heldOnHearingDay } from './clocks.ts';
import { safeguardingInterview } from './schema.ts';

export const INTERVIEW_METHODS = ['telephone', 'video', 'in-person'] as const;

/**
 * The domestic-abuse screening asked in a safeguarding interview: a handful of the
 * well-known risk indicators (after the SafeLives DASH checklist), each answered yes, no
 * or not asked. Labels are the locale keys interviews.daQuestions.<id>.
 */
export const DA_QUESTIONS = [
  'current-injuries',
  'frightened',
  'controlling-behaviour',
  'threats-to-kill',
  'separation-contact-conflict',
  'pregnancy-new-baby',
  'abuse-getting-worse',
  'weapons',
] as const;
export type DaQuestion = (typeof DA_QUESTIONS)[number];
export const DA_ANSWERS = ['yes', 'no', 'not-asked'] as const;
export type DaAnswer = (typeof DA_ANSWERS)[number];

/** Pure: what the answers say, for the overview and the letter: indicators present, and questions not asked. */
export function daScreeningSummary(answers: Record<string, unknown>): {
  indicators: DaQuestion[];
  notAsked: DaQuestion[];
  complete: boolean;
} {
  const indicators = DA_QUESTIONS.filter((q) => answers[q] === 'yes');
  const notAsked = DA_QUESTIONS.filter((q) => answers[q] !== 'yes' && answers[q] !== 'no');
  return { indicators, notAsked, complete: notAsked.length === 0 };
}

const text = (max: number, tooLong: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max, { error: tooLong }));

/** The interview form, given today (the date held may not be in the future). */
export function interviewSchema(today: string) {
  const da = Object.fromEntries(
    DA_QUESTIONS.map((q) => [`da-${q}`, text(20, 'interviews.errors.daAnswerRequired')]),
  ) as Record<`da-${DaQuestion}`, ReturnType<typeof text>>;
  return z
    .object({
      partyId: text(60, 'interviews.errors.partyRequired'),
      'heldOn-day': text(10, 'interviews.errors.heldOnInvalid'),
      'heldOn-month': text(10, 'interviews.errors.heldOnInvalid'),
      'heldOn-year': text(10, 'interviews.errors.heldOnInvalid'),
      method: text(40, 'interviews.errors.methodRequired'),
      ...da,
      summary: text(10000, 'interviews.errors.summaryTooLong'),
      _formToken: text(64, 'interviews.errors.formExpired'),
    })
    .transform((v, ctx) => {
      const heldOn = dateFromParts(v['heldOn-day'], v['heldOn-month'], v['heldOn-year']);
      let bad = false;
      const issue = (path: string, message: string) => {
        bad = true;
        ctx.addIssue({ code: 'custom', path: [path], message });
      };
      // Every problem at once, in the order of the page.
      if (v.partyId === '') issue('partyId', 'interviews.errors.partyRequired');
      if (heldOn === null) issue('heldOn', 'interviews.errors.heldOnRequired');
      else if (heldOn === 'invalid') issue('heldOn', 'interviews.errors.heldOnInvalid');
      else if (heldOn > today) issue('heldOn', 'interviews.errors.heldOnFuture');
      if (!(INTERVIEW_METHODS as readonly string[]).includes(v.method))
        issue('method', 'interviews.errors.methodRequired');
      for (const q of DA_QUESTIONS) {
        if (!(DA_ANSWERS as readonly string[]).includes(v[`da-${q}`]))
          issue(`da-${q}`, 'interviews.errors.daAnswerRequired');
      }
      if (v.summary === '') issue('summary', 'interviews.errors.summaryRequired');
      if (!/^[A-Za-z0-9_-]{32}$/.test(v._formToken)) issue('summary', 'interviews.errors.formExpired');
      if (bad) return z.NEVER;
      const answers = Object.fromEntries(DA_QUESTIONS.map((q) => [q, v[`da-${q}`]])) as Record<DaQuestion, DaAnswer>;
      return {
        partyId: v.partyId,
        heldOn: heldOn as string,
        method: v.method as (typeof INTERVIEW_METHODS)[number],
        domesticAbuseScreening: answers,
        summary: v.summary,
        formToken: v._formToken,
      };
    });
}
export type InterviewInput = z.output<ReturnType<typeof interviewSchema>>;

/**
 * Record a safeguarding interview with an adult party, flagged when it was held on the
 * day of the first hearing. One transaction with its timeline and audit; a double post adds one.
 */
export async function recordInterview(
  db: Db,
  input: { caseId: string; interview: InterviewInput; actor: AuditActor & { userId: string }; now: Date },
): Promise<{ location: string; created: boolean; onHearingDay: boolean }> {
  const i = input.interview;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, i.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, created: false, onHearingDay: false };
    const [kase] = await queryRows<{ firstHearingOn: string | null; partyOk: boolean }>(
      tx,
      sql`SELECT c.first_hearing_on AS "firstHearingOn",
        EXISTS (SELECT 1 FROM case_party cp WHERE cp.id = ${i.partyId} AND cp.case_id = c.id
          AND cp.party_role <> 'local-authority') AS "partyOk"
      FROM case_record c WHERE c.id = ${input.caseId}`,
    );
    if (!kase) throw new DomainError('CASE_NOT_FOUND');
    if (!kase.partyOk) throw new DomainError('PARTY_NOT_FOUND');
    const onHearingDay = heldOnHearingDay(i.heldOn, kase.firstHearingOn);
    const [row] = await tx
      .insert(safeguardingInterview)
      .values({
        caseId: input.caseId,
        partyId: i.partyId,
        heldOn: i.heldOn,
        method: i.method,
        domesticAbuseScreening: i.domesticAbuseScreening,
        summary: i.summary,
        onHearingDay,
        interviewerId: input.actor.userId,
        createdAt: input.now,
      })
      .returning({ id: safeguardingInterview.id });
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'interviews.recorded',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { interviewId: row!.id, heldOn: i.heldOn, method: i.method, onHearingDay },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'create',
        resourceType: 'safeguarding-interview',
        resourceIds: [row!.id],
        caseId: input.caseId,
        fieldCategories: ['interview'],
      },
    ]);
    const location = `/cases/${input.caseId}/safeguarding?saved=interview`;
    await completeFormToken(tx, i.formToken, location);
    return { location, created: true, onHearingDay };
  });
}
