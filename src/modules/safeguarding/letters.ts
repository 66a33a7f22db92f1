import { and, asc, eq, sql } from 'drizzle-orm';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/authorisation/roles.ts';
import { createCalendar, londonDate } from '../../platform/calendar/index.ts';
import { type Db, type Executor, queryRows, sqlList } from '../../platform/db/database.ts';
import { findConfidentialValues } from '../../platform/documents/confidential-scan.ts';
import { documentText } from '../../platform/documents/model.ts';
import { type Misspelling, nameWords, spellCheck } from '../../platform/documents/spellcheck.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { claimFormToken, completeFormToken } from '../../platform/forms/form-token.ts';
import {
  appendTimeline,
  type CasePeople,
  type CaseSummary,
  confidentialValuesOf,
  getCaseWithPeople,
  moveCase,
  produceCaseDocuments,
  visibleCasesCondition,
} from '../casework/service.ts';
import { letterDueOn } from './clocks.ts';
import { type LetterDocumentFacts, letterDocument, letterMessages } from './letter-document.ts';
import {
  authoredFields,
  authoredText,
  type CheckFact,
  checksSummary,
  type InterviewFact,
  interviewsSummary,
  type LetterDraft,
  type LetterSections,
  letterReadiness,
  type ReadinessProblem,
} from './letter-sections.ts';
import { letterReview, safeguardingLetter } from './schema.ts';

type Actor = AuditActor & { userId: string };
export type LetterRow = typeof safeguardingLetter.$inferSelect;
export type LetterReviewRow = typeof letterReview.$inferSelect & { reviewerName: string };

export interface CheckRow extends CheckFact {
  id: string;
  addendumNeeded: boolean;
}

/** The checks of a case with who or which authority each is about. */
export async function listLetterChecks(tx: Executor, caseId: string): Promise<CheckRow[]> {
  return queryRows<CheckRow>(
    tx,
    sql`SELECT sc.id, sc.kind, sc.requested_on::text AS "requestedOn", sc.due_on::text AS "dueOn",
          sc.returned_on::text AS "returnedOn", sc.outcome, sc.addendum_needed AS "addendumNeeded",
          COALESCE(p.given_names || ' ' || p.family_name, la.name, '') AS subject
        FROM safeguarding_check sc
        LEFT JOIN case_party cp ON cp.id = sc.party_id
        LEFT JOIN person p ON p.id = cp.person_id
        LEFT JOIN local_authority la ON la.code = sc.local_authority_code
        WHERE sc.case_id = ${caseId}
        ORDER BY sc.kind DESC, sc.requested_on, sc.id`,
  );
}

async function listLetterInterviews(tx: Executor, caseId: string): Promise<InterviewFact[]> {
  return queryRows<InterviewFact>(
    tx,
    sql`SELECT p.given_names || ' ' || p.family_name AS "partyName", i.held_on::text AS "heldOn", i.method, i.summary
        FROM safeguarding_interview i
        JOIN case_party cp ON cp.id = i.party_id JOIN person p ON p.id = cp.person_id
        WHERE i.case_id = ${caseId} ORDER BY i.held_on, i.created_at`,
  );
}

/** Every confidential or refuge contact value of the case: what no document may contain. */
export async function staffFacts(tx: Executor, userId: string) {
  const [row] = await queryRows<{ display_name: string; self_regulating: boolean | null; roles: string[] }>(
    tx,
    sql`SELECT u.display_name, s.self_regulating,
          ARRAY(SELECT r.role FROM staff_role r WHERE r.user_id = u.id ORDER BY r.role) AS roles
        FROM user_account u LEFT JOIN staff s ON s.user_id = u.id WHERE u.id = ${userId}`,
  );
  return {
    name: row?.display_name ?? '',
    selfRegulating: row?.self_regulating === true,
    roles: row?.roles ?? [],
  };
}

/** Age in whole years on a day (29 February birthdays count on 1 March in common years). */
function ageOn(dateOfBirth: string | null, on: string): number | null {
  if (!dateOfBirth) return null;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

export interface LetterContext {
  summary: CaseSummary & CasePeople;
  courtReference: string | null;
  courtLetterDueOn: string | null;
  checks: CheckRow[];
  letters: LetterRow[];
  children: { id: string; name: string; age: number | null }[];
  peopleNames: string[];
}

export async function loadLetterContext(tx: Executor, caseId: string, today: string): Promise<LetterContext> {
  const summary = await getCaseWithPeople(tx, caseId);
  if (!summary) throw new DomainError('CASE_NOT_FOUND');
  const [dates] = await queryRows<{ court_reference: string | null; letter_due_on: string | null }>(
    tx,
    sql`SELECT court_reference, letter_due_on::text FROM case_court_dates WHERE case_id = ${caseId}`,
  );
  const checks = await listLetterChecks(tx, caseId);
  const letters = await tx
    .select()
    .from(safeguardingLetter)
    .where(eq(safeguardingLetter.caseId, caseId))
    .orderBy(asc(safeguardingLetter.createdAt));
  const children = summary.children.map((c) => ({
    id: c.id,
    name: `${c.givenNames} ${c.familyName}`,
    age: ageOn(c.dateOfBirth, today),
  }));
  return {
    summary,
    courtReference: dates?.court_reference ?? null,
    courtLetterDueOn: dates?.letter_due_on ?? null,
    checks,
    letters,
    children,
    peopleNames: [...summary.children, ...summary.parties].map((p) => `${p.givenNames} ${p.familyName}`),
  };
}

export async function listLetterReviews(tx: Executor, letterId: string): Promise<LetterReviewRow[]> {
  return queryRows<LetterReviewRow>(
    tx,
    sql`SELECT r.id, r.letter_id AS "letterId", r.reviewer_id AS "reviewerId", r.decision, r.comments,
          r.reviewed_at AS "reviewedAt", u.display_name AS "reviewerName"
        FROM letter_review r JOIN user_account u ON u.id = r.reviewer_id
        WHERE r.letter_id = ${letterId} ORDER BY r.reviewed_at DESC`,
  );
}

/** The checks a letter reports on (all of the case's for the letter; the covered ones for an update). */
export function checksOfLetter(letter: Pick<LetterRow, 'kind' | 'sections'>, checks: readonly CheckRow[]) {
  if (letter.kind !== 'update') return [...checks];
  const covered = new Set((letter.sections as LetterSections).coversCheckIds ?? []);
  return checks.filter((c) => covered.has(c.id));
}

export function draftOf(letter: LetterRow): LetterDraft {
  return {
    kind: letter.kind === 'update' ? 'update' : 'letter',
    sections: (letter.sections ?? {}) as LetterSections,
    recommendation: letter.recommendation,
    unreturnedChecksStatement: letter.unreturnedChecksStatement,
  };
}

const letterAudit = (action: 'view' | 'create' | 'change', caseId: string, ids: string[]) => ({
  action,
  resourceType: 'safeguarding-letter',
  resourceIds: ids,
  caseId,
  fieldCategories: ['letter' as const],
});

/**
 * Start the safeguarding letter (or an update letter, when a check came back after the
 * letter was filed). The language is the case's; the checks and interviews sections start
 * as generated summaries the author edits. Starting twice gives the same letter.
 */
export async function startLetter(
  db: Db,
  input: { caseId: string; kind: 'letter' | 'update'; formToken: string; actor: Actor; now: Date },
): Promise<{ location: string }> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location };
    await tx.execute(sql`SELECT id FROM case_record WHERE id = ${input.caseId} FOR UPDATE`);
    const today = londonDate(input.now);
    const ctx = await loadLetterContext(tx, input.caseId, today);
    const main = ctx.letters.find((l) => l.kind === 'letter');
    let existing: LetterRow | undefined;
    let covers: string[] = [];
    if (input.kind === 'letter') {
      existing = main;
    } else {
      if (main?.status !== 'filed') throw new DomainError('LETTER_NOT_READY');
      existing = ctx.letters.find((l) => l.kind === 'update' && l.status !== 'filed');
      covers = ctx.checks.filter((c) => c.addendumNeeded).map((c) => c.id);
      if (!existing && covers.length === 0) throw new DomainError('LETTER_NOT_READY');
    }
    const base = `/cases/${input.caseId}/safeguarding-letter`;
    if (existing) {
      const location = existing.kind === 'update' ? `${base}?letter=${existing.id}` : base;
      await completeFormToken(tx, input.formToken, location);
      return { location };
    }
    const language = ctx.summary.language === 'cy' ? 'cy' : 'en';
    const m = letterMessages(language);
    const checks = input.kind === 'update' ? ctx.checks.filter((c) => covers.includes(c.id)) : ctx.checks;
    const sections: LetterSections = { checks: checksSummary(m, checks), ignoredWords: [] };
    if (input.kind === 'letter') {
      sections.interviews = interviewsSummary(m, await listLetterInterviews(tx, input.caseId));
      sections.children = Object.fromEntries(ctx.children.map((c) => [c.id, '']));
    } else {
      sections.coversCheckIds = covers;
    }
    const dueOn = letterDueOn(await createCalendar(), ctx.courtLetterDueOn, ctx.summary.firstHearingOn);
    const [row] = await tx
      .insert(safeguardingLetter)
      .values({
        caseId: input.caseId,
        kind: input.kind,
        language,
        sections,
        dueOn: input.kind === 'letter' ? dueOn : null,
        authorId: input.actor.userId,
        createdAt: input.now,
        updatedAt: input.now,
      })
      .returning({ id: safeguardingLetter.id });
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'letters.started',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { letterId: row!.id, letterKind: input.kind },
    });
    await appendAudit(tx, input.actor, input.now, [letterAudit('create', input.caseId, [row!.id])]);
    const location = input.kind === 'update' ? `${base}?letter=${row!.id}` : base;
    await completeFormToken(tx, input.formToken, location);
    return { location };
  });
}

export interface LetterEdit {
  sections: Omit<LetterSections, 'coversCheckIds'>;
  recommendation: string | null;
  unreturnedChecksStatement: string | null;
}

async function lockLetter(tx: Executor, caseId: string, letterId: string): Promise<LetterRow> {
  const [row] = await tx
    .select()
    .from(safeguardingLetter)
    .where(and(eq(safeguardingLetter.id, letterId), eq(safeguardingLetter.caseId, caseId)))
    .for('update');
  if (!row) throw new DomainError('LETTER_NOT_FOUND');
  return row;
}

/**
 * Save the author's changes with optimistic concurrency. Only a draft or a returned letter
 * can change; a filed one never does.
 */
export async function saveLetter(
  db: Db,
  input: { caseId: string; letterId: string; version: number; edit: LetterEdit; actor: Actor; now: Date },
): Promise<number> {
  return db.transaction(async (tx) => {
    const letter = await lockLetter(tx, input.caseId, input.letterId);
    if (letter.status === 'filed') throw new DomainError('LETTER_ALREADY_FILED');
    if (letter.version !== input.version) throw new DomainError('STALE_VERSION');
    if (letter.status === 'submitted') throw new DomainError('LETTER_NOT_READY');
    const before = letter.sections as LetterSections;
    const ignoredWords = [...new Set([...(before.ignoredWords ?? []), ...(input.edit.sections.ignoredWords ?? [])])];
    const sections: LetterSections = { ...input.edit.sections, ignoredWords, coversCheckIds: before.coversCheckIds };
    const [updated] = await tx
      .update(safeguardingLetter)
      .set({
        sections,
        recommendation: input.edit.recommendation,
        unreturnedChecksStatement: input.edit.unreturnedChecksStatement,
        updatedAt: input.now,
        version: sql`${safeguardingLetter.version} + 1`,
      })
      .where(and(eq(safeguardingLetter.id, input.letterId), eq(safeguardingLetter.version, input.version)))
      .returning({ version: safeguardingLetter.version });
    if (!updated) throw new DomainError('STALE_VERSION');
    await appendAudit(tx, input.actor, input.now, [letterAudit('change', input.caseId, [input.letterId])]);
    return updated.version;
  });
}

export type SubmitResult =
  | { ok: true; filed: boolean }
  | {
      ok: false;
      problems: ReadinessProblem[];
      misspellings: Misspelling[];
      confidential: { kind: string; field: string }[];
    };

function documentFacts(
  ctx: LetterContext,
  author: { name: string; roles: string[] },
  language: string,
  datedOn: string,
) {
  const m = letterMessages(language);
  const role = author.roles.find((r) => r !== 'system-admin');
  const facts: LetterDocumentFacts = {
    reference: ctx.summary.reference,
    courtReference: ctx.courtReference,
    courtName: ctx.summary.courtName,
    courtNameCy: ctx.summary.courtNameCy,
    firstHearingOn: ctx.summary.firstHearingOn,
    children: ctx.children,
    authorName: author.name,
    authorRole: role ? m.t(`roles.${role}`) : '',
    datedOn,
  };
  return facts;
}

/**
 * What stops a letter going to a manager (or the court): missing sections, words not in
 * the letter language's dictionary that the author has not accepted, and any confidential
 * contact value of the case anywhere in the letter as it would be produced.
 */
export async function checkLetterForSubmission(tx: Executor, ctx: LetterContext, letter: LetterRow, today: string) {
  const draft = draftOf(letter);
  const checks = checksOfLetter(letter, ctx.checks);
  const problems = letterReadiness(draft, {
    childIds: ctx.children.map((c) => c.id),
    unreturnedChecks: checks.filter((c) => !c.returnedOn).length,
  });
  const author = await staffFacts(tx, letter.authorId);
  const misspellings = spellCheck(authoredText(draft), letter.language === 'cy' ? 'cy' : 'en', {
    ignore: [...(draft.sections.ignoredWords ?? []), ...nameWords([...ctx.peopleNames, author.name])],
  });
  const model = letterDocument(
    { ...draft, language: letter.language },
    documentFacts(ctx, author, letter.language, today),
  );
  const values = await confidentialValuesOf(tx, letter.caseId);
  const hits = findConfidentialValues(documentText(model), values);
  // Name the section holding each value, so the error links to it.
  const fields = authoredFields(draft);
  const confidential = hits.map((h) => {
    const one = [values[h.valueIndex]!];
    const field = fields.find(([, text]) => findConfidentialValues(text, one).length > 0)?.[0] ?? 'checks';
    return { kind: h.kind, field };
  });
  return { problems, misspellings, confidential, author };
}

/**
 * Submit the letter for review. A letter that is not ready is not submitted: the result
 * lists what to put right. A self-regulating FCA's letter is filed at once (no review).
 */
export async function submitLetter(
  db: Db,
  input: { caseId: string; letterId: string; version: number; actor: Actor; now: Date },
): Promise<SubmitResult> {
  return db.transaction(async (tx) => {
    const letter = await lockLetter(tx, input.caseId, input.letterId);
    if (letter.status === 'filed') throw new DomainError('LETTER_ALREADY_FILED');
    if (letter.status === 'submitted') return { ok: true, filed: false };
    if (letter.version !== input.version) throw new DomainError('STALE_VERSION');
    const today = londonDate(input.now);
    const ctx = await loadLetterContext(tx, input.caseId, today);
    const found = await checkLetterForSubmission(tx, ctx, letter, today);
    if (found.problems.length > 0 || found.misspellings.length > 0 || found.confidential.length > 0) {
      return {
        ok: false,
        problems: found.problems,
        misspellings: found.misspellings,
        confidential: found.confidential,
      };
    }
    await tx
      .update(safeguardingLetter)
      .set({
        status: 'submitted',
        submittedAt: input.now,
        updatedAt: input.now,
        version: sql`${safeguardingLetter.version} + 1`,
      })
      .where(eq(safeguardingLetter.id, letter.id));
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'letters.submitted',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { letterId: letter.id, letterKind: letter.kind },
    });
    await appendAudit(tx, input.actor, input.now, [letterAudit('change', input.caseId, [letter.id])]);
    if (found.author.selfRegulating && letter.authorId === input.actor.userId) {
      await fileLetterInTx(tx, { caseId: input.caseId, letterId: letter.id, actor: input.actor, now: input.now });
      return { ok: true, filed: true };
    }
    return { ok: true, filed: false };
  });
}

/**
 * File a letter with the court, inside the caller's transaction: produce the DOCX and the
 * tagged PDF in the letter's language, scan both for confidential values (a hit aborts
 * everything), record the filing date against the due date, move the case on when it is
 * the safeguarding letter, and clear the addendum flags an update letter answers.
 */
export async function fileLetterInTx(
  tx: Executor,
  input: { caseId: string; letterId: string; actor: Actor; now: Date },
): Promise<{ onTime: boolean | null; documentIds: string[] }> {
  const letter = await lockLetter(tx, input.caseId, input.letterId);
  if (letter.status === 'filed') throw new DomainError('LETTER_ALREADY_FILED');
  const today = londonDate(input.now);
  const ctx = await loadLetterContext(tx, input.caseId, today);
  const draft = draftOf(letter);
  const checks = checksOfLetter(letter, ctx.checks);
  const problems = letterReadiness(draft, {
    childIds: ctx.children.map((c) => c.id),
    unreturnedChecks: checks.filter((c) => !c.returnedOn).length,
  });
  if (problems.length > 0) throw new DomainError('LETTER_NOT_READY', { field: problems[0]!.field });
  const author = await staffFacts(tx, letter.authorId);
  const model = letterDocument(
    { ...draft, language: letter.language },
    documentFacts(ctx, author, letter.language, today),
  );
  const kind = letter.kind === 'update' ? 'letter-update' : 'safeguarding-letter';
  const produced = await produceCaseDocuments(tx, {
    caseId: input.caseId,
    kind,
    sourceId: letter.id,
    baseName: `${kind}-${ctx.summary.reference}${letter.language === 'cy' ? '-cy' : ''}`,
    model,
    createdBy: input.actor.userId,
    now: input.now,
  });
  if ('hit' in produced) throw new DomainError('CONFIDENTIAL_VALUE_IN_DOCUMENT');
  const { documentIds } = produced;
  const dueOn = letter.dueOn;
  const onTime = dueOn ? today <= dueOn : null;
  await tx
    .update(safeguardingLetter)
    .set({
      status: 'filed',
      filedOn: today,
      filedAt: input.now,
      filedBy: input.actor.userId,
      submittedAt: letter.submittedAt ?? input.now,
      updatedAt: input.now,
      version: sql`${safeguardingLetter.version} + 1`,
    })
    .where(eq(safeguardingLetter.id, letter.id));
  if (letter.kind === 'letter' && ctx.summary.status === 'safeguarding-checks') {
    await moveCase(tx, {
      caseId: input.caseId,
      event: { type: 'letter-filed' },
      actorUserId: input.actor.userId,
      now: input.now,
    });
  }
  if (letter.kind === 'update') {
    const covered = (draft.sections.coversCheckIds ?? []).filter((id) => checks.some((c) => c.id === id));
    if (covered.length > 0) {
      await tx.execute(
        sql`UPDATE safeguarding_check SET addendum_needed = false, updated_at = ${input.now}, version = version + 1
            WHERE id IN (${sqlList(covered)}) AND case_id = ${input.caseId}`,
      );
    }
  }
  await appendTimeline(tx, {
    caseId: input.caseId,
    kind: 'letters.filed',
    occurredAt: input.now,
    actorUserId: input.actor.userId,
    details: { letterId: letter.id, letterKind: letter.kind, onTime, dueOn, filedOn: today },
  });
  await appendAudit(tx, input.actor, input.now, [
    letterAudit('change', input.caseId, [letter.id]),
    {
      action: 'create',
      resourceType: 'case-document',
      resourceIds: documentIds,
      caseId: input.caseId,
      fieldCategories: ['document', 'letter', 'child-identity'],
    },
  ]);
  return { onTime, documentIds };
}

/**
 * A manager's review: return with comments, or approve and file (one transaction). Nobody
 * reviews their own letter; a letter already filed is not filed again, and a repeated
 * post of the same form is harmless.
 */
export async function reviewLetter(
  db: Db,
  input: {
    caseId: string;
    letterId: string;
    decision: 'returned' | 'approved';
    comments: string;
    formToken: string;
    actor: Actor;
    now: Date;
  },
): Promise<{ location: string }> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location };
    const letter = await lockLetter(tx, input.caseId, input.letterId);
    if (letter.authorId === input.actor.userId) throw new DomainError('OWN_REVIEW');
    if (letter.status === 'filed') throw new DomainError('LETTER_ALREADY_FILED');
    if (letter.status !== 'submitted') throw new DomainError('LETTER_NOT_READY');
    const [review] = await tx
      .insert(letterReview)
      .values({
        letterId: letter.id,
        reviewerId: input.actor.userId,
        decision: input.decision,
        comments: input.comments || null,
        reviewedAt: input.now,
      })
      .returning({ id: letterReview.id });
    let location = `/cases/${input.caseId}/safeguarding-letter${letter.kind === 'update' ? `?letter=${letter.id}&` : '?'}notice=`;
    if (input.decision === 'returned') {
      await tx
        .update(safeguardingLetter)
        .set({ status: 'returned', updatedAt: input.now, version: sql`${safeguardingLetter.version} + 1` })
        .where(eq(safeguardingLetter.id, letter.id));
      await appendTimeline(tx, {
        caseId: input.caseId,
        kind: 'letters.returned',
        occurredAt: input.now,
        actorUserId: input.actor.userId,
        details: { letterId: letter.id, reviewId: review!.id },
      });
      await appendAudit(tx, input.actor, input.now, [letterAudit('change', input.caseId, [letter.id, review!.id])]);
      location += 'letter-returned';
    } else {
      await appendAudit(tx, input.actor, input.now, [letterAudit('change', input.caseId, [letter.id, review!.id])]);
      await fileLetterInTx(tx, { caseId: input.caseId, letterId: letter.id, actor: input.actor, now: input.now });
      location += 'letter-filed';
    }
    await completeFormToken(tx, input.formToken, location);
    return { location };
  });
}

export interface ReviewQueueRow {
  caseId: string;
  reference: string;
  letterId: string;
  kind: string;
  dueOn: string | null;
  submittedAt: string;
  authorName: string;
}

export const REVIEW_QUEUE_PAGE_SIZE = 25;

/**
 * Letters waiting for a manager: submitted letters of cases the person may see, in the
 * areas where they hold a manager's role, soonest due first. Need-to-know in SQL.
 */
export async function listLettersToReview(
  db: Executor,
  principal: Principal,
  now: Date,
  page: number,
  managerAreaIds: readonly string[],
): Promise<{ rows: ReviewQueueRow[]; total: number }> {
  if (managerAreaIds.length === 0) return { rows: [], total: 0 };
  const where = sql`l.status = 'submitted' AND l.author_id <> ${principal.userId}
    AND c.area_id IN (${sqlList(managerAreaIds)}) AND ${visibleCasesCondition(principal, now)}`;
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM safeguarding_letter l JOIN case_record c ON c.id = l.case_id WHERE ${where}`,
  );
  const rows = await queryRows<ReviewQueueRow>(
    db,
    sql`SELECT c.id AS "caseId", c.reference, l.id AS "letterId", l.kind, l.due_on::text AS "dueOn",
          l.submitted_at AS "submittedAt", u.display_name AS "authorName"
        FROM safeguarding_letter l JOIN case_record c ON c.id = l.case_id
        JOIN user_account u ON u.id = l.author_id
        WHERE ${where}
        ORDER BY l.due_on ASC NULLS LAST, l.submitted_at ASC, l.id
        LIMIT ${REVIEW_QUEUE_PAGE_SIZE} OFFSET ${(page - 1) * REVIEW_QUEUE_PAGE_SIZE}`,
  );
  return { rows, total: count?.n ?? 0 };
}

export interface CaseDocumentRow {
  id: string;
  kind: string;
  format: string;
  language: string;
  fileName: string;
  byteSize: number;
  createdAt: string;
}

export async function listLetterDocuments(tx: Executor, caseId: string, letterId: string): Promise<CaseDocumentRow[]> {
  return queryRows<CaseDocumentRow>(
    tx,
    sql`SELECT id, kind, format, language, file_name AS "fileName", byte_size AS "byteSize", created_at AS "createdAt"
        FROM case_document WHERE case_id = ${caseId} AND source_id = ${letterId} ORDER BY created_at, format`,
  );
}

/** A produced document's bytes, for download (audited by the caller). */
export async function getCaseDocument(tx: Executor, caseId: string, documentId: string) {
  const [row] = await queryRows<{
    id: string;
    file_name: string;
    content_type: string;
    content: Uint8Array;
    kind: string;
  }>(
    tx,
    sql`SELECT id, file_name, content_type, content, kind FROM case_document WHERE id = ${documentId} AND case_id = ${caseId}`,
  );
  return row ?? null;
}
