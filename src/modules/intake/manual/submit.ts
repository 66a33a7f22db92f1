import { sql } from 'drizzle-orm';
import { type AuditActor, appendAudit, type FieldCategory } from '../../../platform/audit/audit.ts';
import { type Db, queryRows } from '../../../platform/db/database.ts';
import { DomainError } from '../../../platform/errors/catalogue.ts';
import {
  appendTimeline,
  createCase,
  type NewContact,
  nextCaseReference,
  runPersonMatching,
} from '../../casework/service.ts';
import { draftProblems } from './check-answers.ts';
import type { Draft, DraftAdult } from './types.ts';

function contactsOf(a: DraftAdult): NewContact[] {
  const contacts: NewContact[] = [];
  const flags = { confidential: a.confidential, refuge: a.refuge };
  if (a.addressLines.length || a.postcode) {
    contacts.push({ kind: 'address', addressLines: a.addressLines, postcode: a.postcode || undefined, ...flags });
  }
  if (a.phone) contacts.push({ kind: 'phone', value: a.phone, ...flags });
  if (a.email) contacts.push({ kind: 'email', value: a.email, ...flags });
  return contacts;
}

export type SubmitResult =
  | { ok: true; caseId: string; created: boolean }
  | { ok: false; problems: ReturnType<typeof draftProblems> };

/**
 * Turn a complete draft into a case, in one transaction: the case with its children,
 * adults, relationships and contact details (status received), the court dates and what
 * was applied for, a risk signal for the allegations, the timeline entry and the audit.
 * The draft is locked while this happens and keeps the case id: a second submit (double
 * click, back button) finds it and creates nothing.
 */
export async function submitDraft(
  db: Db,
  input: { draftId: string; actor: AuditActor & { userId: string }; teamIds: string[]; now: Date },
): Promise<SubmitResult> {
  return db.transaction(async (tx) => {
    const [draft] = await queryRows<Draft>(
      tx,
      sql`SELECT id, user_id AS "userId", data, version, submitted_case_id AS "submittedCaseId"
        FROM intake_draft WHERE id = ${input.draftId} AND user_id = ${input.actor.userId} FOR UPDATE`,
    );
    if (!draft) throw new DomainError('DRAFT_NOT_FOUND');
    if (draft.submittedCaseId) return { ok: true, caseId: draft.submittedCaseId, created: false };
    const problems = draftProblems(draft.data);
    if (problems.length > 0) return { ok: false, problems };
    const data = draft.data;
    const court = data.court!;
    const [courtRow] = await queryRows<{ areaId: string | null }>(
      tx,
      sql`SELECT area_id AS "areaId" FROM court WHERE id = ${court.courtId}`,
    );
    const areaId = court.areaId ?? courtRow?.areaId ?? null;
    if (!courtRow || !areaId) return { ok: false, problems: [{ step: 'court', key: 'intake.problems.court' }] };
    // The case goes to the author's team in that area, when they have one; otherwise to the area.
    const [team] =
      input.teamIds.length > 0
        ? await queryRows<{ id: string }>(
            tx,
            sql`SELECT id FROM team WHERE area_id = ${areaId} AND id IN (${sql.join(
              input.teamIds.map((id) => sql`${id}`),
              sql`, `,
            )}) ORDER BY id LIMIT 1`,
          )
        : [];
    const reference = await nextCaseReference(tx, Number(court.receivedOn.slice(0, 4)) || input.now.getUTCFullYear());
    const children = data.children ?? [];
    const adults = data.adults ?? [];
    const rel = data.relationships ?? {};
    const created = await createCase(tx, {
      reference,
      law: 'private',
      applicationType: 'c100',
      status: 'received',
      areaId,
      teamId: team?.id ?? null,
      courtId: court.courtId,
      receivedOn: court.receivedOn,
      receivedAt: input.now,
      firstHearingOn: court.firstHearingOn,
      language: data.language ?? 'en',
      actorUserId: input.actor.userId,
      children: children.map((c) => ({
        key: c.id,
        givenNames: c.givenNames,
        familyName: c.familyName,
        dateOfBirth: c.dateOfBirth,
        gender: c.gender,
      })),
      parties: adults.map((a) => ({
        key: a.id,
        partyRole: a.role,
        givenNames: a.givenNames,
        familyName: a.familyName,
        dateOfBirth: a.dateOfBirth,
        languagePreference: a.languagePreference,
        interpreterLanguage: a.interpreterLanguage,
        relationships: children
          .map((c) => ({ childKey: c.id, relationship: rel[a.id]?.[c.id] ?? 'none' }))
          .filter((r) => r.relationship !== 'none'),
        contacts: contactsOf(a),
      })),
    });
    const caseId = created.caseId;
    const allegations = data.allegations ?? { kinds: [], detail: '' };
    const interpreterNeeds = adults
      .filter((a) => a.interpreterLanguage)
      .map((a) => ({ partyId: created.partyIds[a.id], language: a.interpreterLanguage }));
    await tx.execute(
      sql`INSERT INTO case_court_dates (case_id, letter_due_on, orders_applying_for, allegations_of_harm, allegations_detail,
          interpreter_needs, updated_at)
        VALUES (${caseId}, ${court.letterDueOn}, ${sql`ARRAY[${sql.join(
          (data.orders ?? []).map((o) => sql`${o}`),
          sql`, `,
        )}]::text[]`}, ${sql`ARRAY[${sql.join(
          allegations.kinds.map((k) => sql`${k}`),
          sql`, `,
        )}]::text[]`}, ${allegations.detail || null}, ${JSON.stringify(interpreterNeeds)}::jsonb, ${input.now})`,
    );
    // One risk signal for the allegations typed in (the table keeps one per case, kind and
    // source). Which allegations they are is in case_court_dates, shown in the reader's
    // language; the signal carries the applicant's own words.
    if (allegations.kinds.length > 0) {
      await tx.execute(
        sql`INSERT INTO risk_signal (case_id, kind, source, detail, created_at)
          VALUES (${caseId}, 'allegation', 'intake', ${allegations.detail || null}, ${input.now})`,
      );
    }
    await appendTimeline(tx, {
      caseId,
      kind: 'intake.application-entered',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { draftId: draft.id, children: children.length, adults: adults.length },
    });
    await tx.execute(
      sql`UPDATE intake_draft SET submitted_case_id = ${caseId}, updated_at = ${input.now}, version = version + 1
        WHERE id = ${draft.id}`,
    );
    const categories: FieldCategory[] = ['application', 'case-summary', 'child-identity', 'party-identity'];
    if (adults.some((a) => contactsOf(a).length > 0)) categories.push('contact-details');
    if (adults.some((a) => a.confidential && contactsOf(a).length > 0)) categories.push('confidential-contact');
    if (allegations.kinds.length > 0) categories.push('risk');
    await appendAudit(tx, input.actor, input.now, [
      { action: 'create', resourceType: 'case', resourceIds: [caseId, draft.id], caseId, fieldCategories: categories },
    ]);
    return { ok: true, caseId, created: true };
  });
}

/**
 * Look for earlier identities of everyone in a new case (typed in or from the court);
 * returns how many candidates were found. Its own transaction, after the case is stored.
 */
export async function matchPeopleOfNewCase(
  db: Db,
  input: { caseId: string; actor: AuditActor; now: Date },
): Promise<number> {
  return db.transaction(async (tx) => {
    const ids = await runPersonMatching(tx, input.caseId, input.now);
    if (ids.length > 0) {
      await appendAudit(tx, input.actor, input.now, [
        {
          action: 'create',
          resourceType: 'person-match',
          resourceIds: [input.caseId, ...ids],
          caseId: input.caseId,
          fieldCategories: ['person-match'],
        },
      ]);
    }
    return ids.length;
  });
}
