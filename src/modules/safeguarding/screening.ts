import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditActor, type AuditEntry, appendAudit } from '../../platform/audit/audit.ts';
import { createCalendar, type WorkingDayCalendar } from '../../platform/calendar/index.ts';
import { type Db, queryRows } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { claimFormToken, completeFormToken } from '../../platform/forms/form-token.ts';
import { appendTimeline, moveCase } from '../casework/service.ts';
import { localAuthorityCheckDueOn, policeCheckDueOn, screeningDueOn } from './clocks.ts';
import { childProtectionReferral, safeguardingCheck, screening } from './schema.ts';

/** The risks screening looks for (DOMAIN §3.1 step 3); `none` is the explicit "no risks identified". */
export const RISK_FLAGS = [
  'domestic-abuse',
  'child-abuse',
  'abduction',
  'substance-misuse',
  'mental-health',
  'other',
] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];
export const NO_RISK = 'none';

export const SCREENING_DECISIONS = ['standard', 'fast-track', 'child-protection-referral'] as const;
export type ScreeningDecision = (typeof SCREENING_DECISIONS)[number];
function isDecision(v: string): v is ScreeningDecision {
  return (SCREENING_DECISIONS as readonly string[]).includes(v);
}

export const REFERRAL_METHODS = ['secure-email', 'telephone', 'portal'] as const;

const text = (max: number, tooLong: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max, { error: tooLong }));

/** A checkbox group posts nothing, one string or several: always a list. */
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/**
 * The screening form. Risk identification must be complete: either some risks are flagged
 * or "no risks identified" is chosen, never both and never neither; "other" needs its text;
 * a child-protection referral needs its authority, method and the text that was sent.
 */
export const screeningSchema = z
  .object({
    riskFlags: list,
    otherRisk: text(500, 'screening.errors.otherRiskTooLong'),
    decision: text(40, 'screening.errors.decisionRequired'),
    rationale: text(5000, 'screening.errors.rationaleTooLong'),
    referralLocalAuthority: text(20, 'screening.errors.referralLocalAuthorityRequired'),
    referralMethod: text(40, 'screening.errors.referralMethodRequired'),
    referralContent: text(10000, 'screening.errors.referralContentTooLong'),
    _formToken: text(64, 'screening.errors.formExpired'),
  })
  .superRefine((v, ctx) => {
    // Every problem at once, in the order of the page.
    const flagError = validateRiskFlags(v.riskFlags, v.otherRisk);
    if (flagError) ctx.addIssue({ code: 'custom', path: [flagError.field], message: flagError.message });
    if (!isDecision(v.decision))
      ctx.addIssue({ code: 'custom', path: ['decision'], message: 'screening.errors.decisionRequired' });
    if (v.decision === 'child-protection-referral') {
      if (v.referralLocalAuthority === '')
        ctx.addIssue({
          code: 'custom',
          path: ['referralLocalAuthority'],
          message: 'screening.errors.referralLocalAuthorityRequired',
        });
      if (!(REFERRAL_METHODS as readonly string[]).includes(v.referralMethod))
        ctx.addIssue({ code: 'custom', path: ['referralMethod'], message: 'screening.errors.referralMethodRequired' });
      if (v.referralContent === '')
        ctx.addIssue({
          code: 'custom',
          path: ['referralContent'],
          message: 'screening.errors.referralContentRequired',
        });
    }
    if (v.rationale === '')
      ctx.addIssue({ code: 'custom', path: ['rationale'], message: 'screening.errors.rationaleRequired' });
    if (!/^[A-Za-z0-9_-]{32}$/.test(v._formToken))
      ctx.addIssue({ code: 'custom', path: ['rationale'], message: 'screening.errors.formExpired' });
  })
  .transform((v) => ({
    riskFlags: v.riskFlags.filter((f): f is RiskFlag => (RISK_FLAGS as readonly string[]).includes(f)),
    otherRisk: v.riskFlags.includes('other') ? v.otherRisk : null,
    decision: v.decision as ScreeningDecision,
    rationale: v.rationale,
    referral:
      v.decision === 'child-protection-referral'
        ? {
            localAuthorityCode: v.referralLocalAuthority,
            method: v.referralMethod as (typeof REFERRAL_METHODS)[number],
            content: v.referralContent,
          }
        : null,
    formToken: v._formToken,
  }));
export type ScreeningInput = z.output<typeof screeningSchema>;

/** Pure: is the set of risk flags a complete answer? Returns the problem, or null. */
export function validateRiskFlags(flags: string[], otherRisk: string): { field: string; message: string } | null {
  const known = new Set<string>([...RISK_FLAGS, NO_RISK]);
  if (flags.some((f) => !known.has(f))) return { field: 'riskFlags', message: 'screening.errors.riskFlagsRequired' };
  if (flags.length === 0) return { field: 'riskFlags', message: 'screening.errors.riskFlagsRequired' };
  if (flags.includes(NO_RISK) && flags.length > 1)
    return { field: 'riskFlags', message: 'screening.errors.riskFlagsExclusive' };
  if (flags.includes('other') && otherRisk.trim() === '')
    return { field: 'otherRisk', message: 'screening.errors.otherRiskRequired' };
  return null;
}

export interface PartyForChecks {
  id: string;
  partyRole: string;
  dateOfBirth: string | null;
}

/** Is a party an adult on a day (18 or over, or age not known: check rather than miss)? */
export function isAdultParty(p: PartyForChecks, today: string): boolean {
  if (p.partyRole === 'local-authority') return false;
  if (!p.dateOfBirth) return true;
  const [by, bm, bd] = p.dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age >= 18;
}

export interface CheckToRequest {
  kind: 'police' | 'local-authority';
  partyId: string | null;
  localAuthorityCode: string | null;
  requestedOn: string;
  dueOn: string;
}

/**
 * Pure: the checks screening requests: a police check for every adult party (due in 2
 * working days) and one local-authority check for the case's authority, when it has one.
 */
export function checksToRequest(
  calendar: WorkingDayCalendar,
  parties: PartyForChecks[],
  localAuthorityCode: string | null,
  today: string,
): CheckToRequest[] {
  const checks: CheckToRequest[] = parties
    .filter((p) => isAdultParty(p, today))
    .map((p) => ({
      kind: 'police' as const,
      partyId: p.id,
      localAuthorityCode: null,
      requestedOn: today,
      dueOn: policeCheckDueOn(calendar, today),
    }));
  if (localAuthorityCode) {
    checks.push({
      kind: 'local-authority',
      partyId: null,
      localAuthorityCode,
      requestedOn: today,
      dueOn: localAuthorityCheckDueOn(calendar, today),
    });
  }
  return checks;
}

const calendar = createCalendar();

/**
 * Record the screening of an application, in one transaction: the screening row, the
 * case's move to safeguarding checks, the checks requested, any child-protection referral,
 * the timeline and the audit. A repeated post of the same form writes nothing again; a
 * case already screened is refused (ILLEGAL_TRANSITION or ALREADY_RECORDED) and nothing written.
 */
export async function recordScreening(
  db: Db,
  input: {
    caseId: string;
    screening: ScreeningInput;
    actor: AuditActor & { userId: string };
    now: Date;
    today: string;
  },
): Promise<{ location: string; created: boolean }> {
  const s = input.screening;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, s.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, created: false };
    const [kase] = await queryRows<{ receivedOn: string; localAuthorityCode: string | null; screened: boolean }>(
      tx,
      sql`SELECT c.received_on AS "receivedOn", c.local_authority_code AS "localAuthorityCode",
        EXISTS (SELECT 1 FROM screening s WHERE s.case_id = c.id) AS screened
      FROM case_record c WHERE c.id = ${input.caseId} FOR UPDATE`,
    );
    if (!kase) throw new DomainError('CASE_NOT_FOUND');
    if (kase.screened) throw new DomainError('ALREADY_RECORDED');
    await moveCase(tx, {
      caseId: input.caseId,
      event: { type: 'screened', decision: s.decision },
      actorUserId: input.actor.userId,
      now: input.now,
    });
    const dueOn = screeningDueOn(calendar, kase.receivedOn);
    await tx.insert(screening).values({
      caseId: input.caseId,
      riskFlags: s.riskFlags,
      otherRisk: s.otherRisk,
      decision: s.decision,
      rationale: s.rationale,
      dueOn,
      screenedBy: input.actor.userId,
      screenedAt: input.now,
    });
    const parties = await queryRows<PartyForChecks>(
      tx,
      sql`SELECT cp.id, cp.party_role AS "partyRole", p.date_of_birth AS "dateOfBirth"
      FROM case_party cp JOIN person p ON p.id = cp.person_id WHERE cp.case_id = ${input.caseId}`,
    );
    const checks = checksToRequest(calendar, parties, kase.localAuthorityCode, input.today);
    const checkIds: string[] = [];
    if (checks.length > 0) {
      const inserted = await tx
        .insert(safeguardingCheck)
        .values(
          checks.map((c) => ({ ...c, caseId: input.caseId, createdBy: input.actor.userId, createdAt: input.now })),
        )
        .onConflictDoNothing()
        .returning({ id: safeguardingCheck.id });
      checkIds.push(...inserted.map((r) => r.id));
    }
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'screening.recorded',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: {
        decision: s.decision,
        riskFlags: s.riskFlags,
        dueOn,
        onTime: input.today <= dueOn,
        checks: checkIds.length,
      },
    });
    const audit: AuditEntry[] = [
      {
        action: 'create' as const,
        resourceType: 'screening',
        resourceIds: [input.caseId],
        caseId: input.caseId,
        fieldCategories: ['screening' as const, 'risk' as const],
      },
      ...(checkIds.length
        ? [
            {
              action: 'create' as const,
              resourceType: 'safeguarding-check',
              resourceIds: checkIds,
              caseId: input.caseId,
              fieldCategories: ['safeguarding-check' as const],
            },
          ]
        : []),
    ];
    if (s.referral) {
      const [la] = await queryRows<{ code: string }>(
        tx,
        sql`SELECT code FROM local_authority WHERE code = ${s.referral.localAuthorityCode}`,
      );
      if (!la) throw new DomainError('VALIDATION_FAILED');
      const [referral] = await tx
        .insert(childProtectionReferral)
        .values({
          caseId: input.caseId,
          localAuthorityCode: la.code,
          method: s.referral.method,
          content: s.referral.content,
          sentAt: input.now,
          sentBy: input.actor.userId,
          madeAt: 'screening',
        })
        .returning({ id: childProtectionReferral.id });
      await appendTimeline(tx, {
        caseId: input.caseId,
        kind: 'screening.referral-made',
        occurredAt: input.now,
        actorUserId: input.actor.userId,
        details: { localAuthorityCode: la.code, method: s.referral.method },
      });
      audit.push({
        action: 'create',
        resourceType: 'child-protection-referral',
        resourceIds: [referral!.id],
        caseId: input.caseId,
        fieldCategories: ['screening', 'risk'],
      });
    }
    await appendAudit(tx, input.actor, input.now, audit);
    const location = `/cases/${input.caseId}/safeguarding?saved=screening`;
    await completeFormToken(tx, s.formToken, location);
    return { location, created: true };
  });
}
