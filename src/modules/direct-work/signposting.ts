import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import { type Db, type Executor, queryRows } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { dateFromParts } from '../../platform/forms/date-input.ts';
import { claimFormToken, completeFormToken, isFormToken } from '../../platform/forms/form-token.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { appendTimeline } from '../casework/service.ts';
import { normaliseLineEndings, SIGNPOSTING_METHODS } from './rules.ts';
import { signposting } from './schema.ts';

export const SIGNPOSTING_NOTE_MAX = 4000;

const text = (max: number, tooLong: string) =>
  z
    .string()
    .optional()
    .transform((v) => normaliseLineEndings(v ?? '').trim())
    .pipe(z.string().max(max, { error: tooLong }));

/** The signposting form, given today: which service, to whom (party:<id> or child:<id>), when, how. */
export function signpostingSchema(today: string) {
  return z
    .object({
      serviceId: text(60, 'directWork.errors.serviceRequired'),
      recipient: text(80, 'directWork.errors.recipientRequired'),
      'givenOn-day': text(10, 'directWork.errors.givenOnInvalid'),
      'givenOn-month': text(10, 'directWork.errors.givenOnInvalid'),
      'givenOn-year': text(10, 'directWork.errors.givenOnInvalid'),
      method: text(20, 'directWork.errors.methodRequired'),
      note: text(SIGNPOSTING_NOTE_MAX, 'directWork.errors.textTooLong'),
      _formToken: text(64, 'directWork.errors.formExpired'),
    })
    .transform((v, ctx) => {
      let bad = false;
      const issue = (path: string, message: string) => {
        bad = true;
        ctx.addIssue({ code: 'custom', path: [path], message });
      };
      if (!isUuid(v.serviceId)) issue('serviceId', 'directWork.errors.serviceRequired');
      const match = /^(party|child):(.+)$/.exec(v.recipient);
      if (!match || !isUuid(match[2])) issue('recipient', 'directWork.errors.recipientRequired');
      const givenOn = dateFromParts(v['givenOn-day'], v['givenOn-month'], v['givenOn-year']);
      if (givenOn === null) issue('givenOn', 'directWork.errors.givenOnRequired');
      else if (givenOn === 'invalid') issue('givenOn', 'directWork.errors.givenOnInvalid');
      else if (givenOn > today) issue('givenOn', 'directWork.errors.givenOnFuture');
      if (!(SIGNPOSTING_METHODS as readonly string[]).includes(v.method))
        issue('method', 'directWork.errors.methodRequired');
      if (!isFormToken(v._formToken)) issue('serviceId', 'directWork.errors.formExpired');
      if (bad) return z.NEVER;
      const kind = match![1] as 'party' | 'child';
      return {
        serviceId: v.serviceId,
        partyId: kind === 'party' ? match![2]! : null,
        childId: kind === 'child' ? match![2]! : null,
        givenOn: givenOn as string,
        method: v.method as (typeof SIGNPOSTING_METHODS)[number],
        note: v.note,
        formToken: v._formToken,
      };
    });
}
export type SignpostingInput = z.output<ReturnType<typeof signpostingSchema>>;

/**
 * Record signposting given on a case. The service must be in the directory and active; the
 * person signposted a party or a child of this case (PARTY_NOT_FOUND, CHILD_NOT_FOUND,
 * LOCAL_SERVICE_NOT_FOUND). One transaction with its timeline and audit; a double post adds one.
 */
export async function recordSignposting(
  db: Db,
  input: { caseId: string; signposting: SignpostingInput; actor: AuditActor & { userId: string }; now: Date },
): Promise<{ location: string; created: boolean }> {
  const s = input.signposting;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, s.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, created: false };
    const [facts] = await queryRows<{ serviceOk: boolean; partyOk: boolean; childOk: boolean }>(
      tx,
      sql`SELECT
        EXISTS (SELECT 1 FROM local_service ls WHERE ls.id = ${s.serviceId} AND ls.active) AS "serviceOk",
        EXISTS (SELECT 1 FROM case_party cp WHERE cp.id = ${s.partyId} AND cp.case_id = ${input.caseId}) AS "partyOk",
        EXISTS (SELECT 1 FROM case_child ch WHERE ch.id = ${s.childId} AND ch.case_id = ${input.caseId}) AS "childOk"`,
    );
    if (!facts?.serviceOk) throw new DomainError('LOCAL_SERVICE_NOT_FOUND');
    if (s.partyId && !facts.partyOk) throw new DomainError('PARTY_NOT_FOUND');
    if (s.childId && !facts.childOk) throw new DomainError('CHILD_NOT_FOUND');
    const [row] = await tx
      .insert(signposting)
      .values({
        caseId: input.caseId,
        localServiceId: s.serviceId,
        partyId: s.partyId,
        childId: s.childId,
        givenOn: s.givenOn,
        method: s.method,
        note: s.note,
        createdBy: input.actor.userId,
        createdAt: input.now,
      })
      .returning({ id: signposting.id });
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'direct-work.signposting-given',
      occurredAt: input.now,
      childId: s.childId,
      actorUserId: input.actor.userId,
      details: { signpostingId: row!.id, serviceId: s.serviceId, givenOn: s.givenOn, method: s.method },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'create',
        resourceType: 'signposting',
        resourceIds: [row!.id],
        caseId: input.caseId,
        fieldCategories: ['signposting'],
      },
    ]);
    const location = `/cases/${input.caseId}/direct-work/signposting?saved=signposting`;
    await completeFormToken(tx, s.formToken, location);
    return { location, created: true };
  });
}

export interface SignpostingRow {
  id: string;
  serviceName: string;
  serviceNameCy: string;
  serviceKind: string;
  serviceContact: string;
  recipientName: string;
  recipientKind: 'party' | 'child';
  recipientRole: string | null;
  givenOn: string;
  method: string;
  note: string;
  createdByName: string | null;
}

/** The signposting given on a case, latest first. */
export async function listSignposting(tx: Executor, caseId: string): Promise<SignpostingRow[]> {
  return queryRows<SignpostingRow>(
    tx,
    sql`SELECT sp.id, ls.name AS "serviceName", ls.name_cy AS "serviceNameCy", ls.kind AS "serviceKind",
        ls.contact AS "serviceContact",
        p.given_names || ' ' || p.family_name AS "recipientName",
        CASE WHEN sp.party_id IS NULL THEN 'child' ELSE 'party' END AS "recipientKind",
        cp.party_role AS "recipientRole", sp.given_on AS "givenOn", sp.method, sp.note,
        u.display_name AS "createdByName"
      FROM signposting sp
        JOIN local_service ls ON ls.id = sp.local_service_id
        LEFT JOIN case_party cp ON cp.id = sp.party_id
        LEFT JOIN case_child ch ON ch.id = sp.child_id
        JOIN person p ON p.id = COALESCE(cp.person_id, ch.person_id)
        LEFT JOIN user_account u ON u.id = sp.created_by
      WHERE sp.case_id = ${caseId}
      ORDER BY sp.given_on DESC, sp.created_at DESC, sp.id`,
  );
}
