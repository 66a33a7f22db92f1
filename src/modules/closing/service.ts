import { and, eq, sql } from 'drizzle-orm';
import { type AuditActor, type AuditEntry, appendAudit } from '../../platform/audit/audit.ts';
import { londonDate } from '../../platform/calendar/index.ts';
import { type Db, type Executor, queryRows } from '../../platform/db/database.ts';
import { findConfidentialValues } from '../../platform/documents/confidential-scan.ts';
import type { DocumentPicture } from '../../platform/documents/model.ts';
import { type Misspelling, nameWords, spellCheck } from '../../platform/documents/spellcheck.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { claimFormToken, completeFormToken } from '../../platform/forms/form-token.ts';
import { enqueueMessage, type OutboxChannel } from '../../platform/notify/outbox.ts';
import {
  appendTimeline,
  type CasePeople,
  type CaseSummary,
  confidentialValuesOf,
  getCaseWithPeople,
  moveCase,
  produceCaseDocuments,
} from '../casework/service.ts';
import {
  type AgeBand,
  ageOn,
  childInvitedToFeedback,
  isAgeBand,
  type LetterEligibility,
  letterEligibility,
} from './age-bands.ts';
import { childLetterDocument, firstName, letterLanguage, letterTemplate } from './letter-content.ts';
import { checkPicture, type PictureProblem } from './picture.ts';
import { childLetter, closingRecord, closureEvent } from './schema.ts';
import { channelsFor, type FiledReport, type FinalOrder, finalOrderOf, latestFiledReport } from './sources.ts';

/**
 * Closing (DOMAIN §3.2 step 9): whether the final order reflects our recommendation and
 * the closing summary, a letter to each child in words for their age, the feedback
 * invitations, closure and reopening. What other modules may use is exported here.
 */

export { AGE_BANDS, type AgeBand, ageOn, bandOfAge, letterEligibility } from './age-bands.ts';
export { checkPicture, PICTURE_MAX_BYTES } from './picture.ts';
export type { FiledReport, FinalOrder } from './sources.ts';

type Actor = AuditActor & { userId: string };

export const ORDER_REFLECTS = ['yes', 'partly', 'no'] as const;
export type OrderReflects = (typeof ORDER_REFLECTS)[number] | 'no-recommendation';
export const FEEDBACK_TEMPLATE = 'feedback-invitation';
/** Kinds of closure_event rows (not timeline kinds: the timeline has state.closed and state.reopened). */
const CLOSED_EVENT = 'closed' as const;
const REOPENED_EVENT = 'reopened' as const;
export const CHILD_LETTER_KIND = 'child-letter';

export type ClosingRecordRow = typeof closingRecord.$inferSelect;
/** A letter without its picture's bytes (which only producing the letter reads). */
export type ChildLetterRow = Omit<typeof childLetter.$inferSelect, 'picture'>;

export interface ClosingChild {
  id: string;
  personId: string;
  givenNames: string;
  familyName: string;
  name: string;
  firstName: string;
  dateOfBirth: string | null;
  language: 'en' | 'cy';
  eligibility: LetterEligibility;
  letter: ChildLetterRow | null;
}

export interface ClosureEventRow {
  id: string;
  kind: typeof CLOSED_EVENT | typeof REOPENED_EVENT;
  reason: string | null;
  details: Record<string, unknown>;
  actorName: string;
  occurredAt: string;
}

export interface InvitationRow {
  id: string;
  recipientPersonId: string | null;
  recipientName: string | null;
  channel: OutboxChannel;
  language: string;
  status: string;
  createdAt: string;
}

export interface ClosingDocumentRow {
  id: string;
  sourceId: string | null;
  format: string;
  language: string;
  fileName: string;
  byteSize: number;
  createdAt: string;
}

export interface ClosingContext {
  summary: CaseSummary & CasePeople;
  finalOrder: FinalOrder | null;
  report: FiledReport | null;
  record: ClosingRecordRow | null;
  /** The record was written for the current final order. */
  recordCurrent: boolean;
  /** Closing work can change: the case is in closing, with its final order. */
  editable: boolean;
  children: ClosingChild[];
  /** Who the letters are from: the allocated practitioner, else nobody yet. */
  adviserName: string | null;
  invitations: InvitationRow[];
  history: ClosureEventRow[];
  documents: ClosingDocumentRow[];
  closedAt: string | null;
}

const LETTER_COLUMNS = {
  id: childLetter.id,
  caseId: childLetter.caseId,
  childId: childLetter.childId,
  ageBand: childLetter.ageBand,
  language: childLetter.language,
  body: childLetter.body,
  ignoredWords: childLetter.ignoredWords,
  pictureFormat: childLetter.pictureFormat,
  pictureWidth: childLetter.pictureWidth,
  pictureHeight: childLetter.pictureHeight,
  pictureAlt: childLetter.pictureAlt,
  pictureFileName: childLetter.pictureFileName,
  status: childLetter.status,
  producedAt: childLetter.producedAt,
  producedBy: childLetter.producedBy,
  authorId: childLetter.authorId,
  createdAt: childLetter.createdAt,
  updatedAt: childLetter.updatedAt,
  version: childLetter.version,
};

/** The practitioner the case is allocated to (the adviser the children know), if any. */
function adviserOf(summary: CaseSummary): string | null {
  const roles = ['fca', 'childrens-guardian', 'associate'];
  const allocation =
    summary.allocations.find((a) => roles.includes(a.role)) ??
    summary.allocations.find((a) => a.role !== 'seo') ??
    null;
  return allocation?.displayName ?? null;
}

/** Everything the closing pages show about a case, read in the caller's transaction. */
export async function loadClosingContext(tx: Executor, caseId: string, today: string): Promise<ClosingContext> {
  const summary = await getCaseWithPeople(tx, caseId);
  if (!summary) throw new DomainError('CASE_NOT_FOUND');
  const finalOrder = await finalOrderOf(tx, caseId);
  const report = await latestFiledReport(tx, caseId);
  const [record] = await tx.select().from(closingRecord).where(eq(closingRecord.caseId, caseId));
  const letters = await tx.select(LETTER_COLUMNS).from(childLetter).where(eq(childLetter.caseId, caseId));
  const [state] = await queryRows<{ closed_at: string | null }>(
    tx,
    sql`SELECT closed_at FROM case_record WHERE id = ${caseId}`,
  );
  const children: ClosingChild[] = summary.children.map((c) => ({
    id: c.id,
    personId: c.personId,
    givenNames: c.givenNames,
    familyName: c.familyName,
    name: `${c.givenNames} ${c.familyName}`,
    firstName: firstName(c.givenNames),
    dateOfBirth: c.dateOfBirth,
    language: letterLanguage(c.languagePreference, summary.language),
    eligibility: letterEligibility(c.dateOfBirth, today),
    letter: letters.find((l) => l.childId === c.id) ?? null,
  }));
  const invitations = await queryRows<InvitationRow>(
    tx,
    sql`SELECT o.id, o.recipient_person_id AS "recipientPersonId",
          CASE WHEN p.id IS NULL THEN NULL ELSE p.given_names || ' ' || p.family_name END AS "recipientName",
          o.channel, o.language, o.status, o.created_at AS "createdAt"
        FROM outbox_message o LEFT JOIN person p ON p.id = o.recipient_person_id
        WHERE o.case_id = ${caseId} AND o.template = ${FEEDBACK_TEMPLATE}
        ORDER BY o.created_at, p.family_name, p.given_names, o.id`,
  );
  const history = await queryRows<ClosureEventRow>(
    tx,
    sql`SELECT e.id, e.kind, e.reason, e.details, u.display_name AS "actorName", e.occurred_at AS "occurredAt"
        FROM closure_event e JOIN user_account u ON u.id = e.actor_id
        WHERE e.case_id = ${caseId} ORDER BY e.occurred_at DESC, e.id`,
  );
  const documents = await queryRows<ClosingDocumentRow>(
    tx,
    sql`SELECT id, source_id AS "sourceId", format, language, file_name AS "fileName", byte_size AS "byteSize",
          created_at AS "createdAt"
        FROM case_document WHERE case_id = ${caseId} AND kind = ${CHILD_LETTER_KIND}
        ORDER BY created_at DESC, format`,
  );
  return {
    summary,
    finalOrder,
    report,
    record: record ?? null,
    recordCurrent: Boolean(record && finalOrder && record.finalOrderId === finalOrder.id),
    editable: summary.status === 'closing' && finalOrder !== null,
    children,
    adviserName: adviserOf(summary),
    invitations,
    history,
    documents,
    closedAt: state?.closed_at ?? null,
  };
}

/** The closing record of a case, for other modules (quality audits: does the order reflect our recommendation?). */
export async function closingRecordOf(db: Executor, caseId: string): Promise<ClosingRecordRow | null> {
  const [row] = await db.select().from(closingRecord).where(eq(closingRecord.caseId, caseId));
  return row ?? null;
}

/** Why closing work cannot change now, as a field-level problem for the page. */
export type ClosingBlock = 'no-final-order' | 'not-closing';

function blockOf(ctx: Pick<ClosingContext, 'finalOrder' | 'summary'>): ClosingBlock | null {
  if (!ctx.finalOrder) return 'no-final-order';
  if (ctx.summary.status !== 'closing') return 'not-closing';
  return null;
}

async function lockCase(tx: Executor, caseId: string): Promise<void> {
  const rows = await queryRows<{ id: string }>(tx, sql`SELECT id FROM case_record WHERE id = ${caseId} FOR UPDATE`);
  if (rows.length === 0) throw new DomainError('CASE_NOT_FOUND');
}

const closingAudit = (
  action: AuditEntry['action'],
  resourceType: string,
  caseId: string,
  ids: string[],
  categories: AuditEntry['fieldCategories'] = ['letter'],
): AuditEntry => ({ action, resourceType, resourceIds: ids, caseId, fieldCategories: categories });

export interface ClosingRecordInput {
  orderReflects: (typeof ORDER_REFLECTS)[number] | null;
  explanation: string;
  summary: string;
}

/**
 * Write or change the closing record (version 0: a new one). Refused while there is no
 * final order or the case is not in closing; a stale version is refused, never overwritten.
 * With no filed report the record says that no recommendation was made, whatever was posted.
 */
export async function saveClosingRecord(
  db: Db,
  input: { caseId: string; version: number; record: ClosingRecordInput; formToken: string; actor: Actor; now: Date },
): Promise<
  | { ok: true; location: string }
  | { ok: false; block: ClosingBlock }
  | { ok: false; field: 'orderReflects' | 'explanation' }
> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { ok: true as const, location: claim.location };
    await lockCase(tx, input.caseId);
    const summary = await getCaseWithPeople(tx, input.caseId);
    if (!summary) throw new DomainError('CASE_NOT_FOUND');
    const finalOrder = await finalOrderOf(tx, input.caseId);
    const page = `/cases/${input.caseId}/closing/record`;
    const block = blockOf({ finalOrder, summary });
    if (block || !finalOrder) {
      await completeFormToken(tx, input.formToken, page);
      return { ok: false as const, block: block ?? 'no-final-order' };
    }
    const report = await latestFiledReport(tx, input.caseId);
    let orderReflects: OrderReflects = 'no-recommendation';
    let explanation: string | null = null;
    const missing = async (field: 'orderReflects' | 'explanation') => {
      await completeFormToken(tx, input.formToken, page);
      return { ok: false as const, field };
    };
    if (report) {
      if (!input.record.orderReflects) return missing('orderReflects');
      orderReflects = input.record.orderReflects;
      if (orderReflects !== 'yes') {
        if (input.record.explanation === '') return missing('explanation');
        explanation = input.record.explanation;
      }
    }
    const values = {
      finalOrderId: finalOrder.id,
      orderReflects,
      reflectsExplanation: explanation,
      reportId: report?.id ?? null,
      summary: input.record.summary,
      updatedBy: input.actor.userId,
      updatedAt: input.now,
    };
    if (input.version === 0) {
      const inserted = await tx
        .insert(closingRecord)
        .values({ caseId: input.caseId, ...values, recordedBy: input.actor.userId, recordedAt: input.now })
        .onConflictDoNothing()
        .returning({ caseId: closingRecord.caseId });
      if (inserted.length === 0) throw new DomainError('STALE_VERSION');
    } else {
      const updated = await tx
        .update(closingRecord)
        .set({ ...values, version: sql`${closingRecord.version} + 1` })
        .where(and(eq(closingRecord.caseId, input.caseId), eq(closingRecord.version, input.version)))
        .returning({ version: closingRecord.version });
      if (updated.length === 0) throw new DomainError('STALE_VERSION');
    }
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'closing.record-saved',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { finalOrderId: finalOrder.id, orderReflects, reportId: report?.id ?? null },
    });
    await tx.execute(sql`UPDATE case_record SET updated_at = ${input.now} WHERE id = ${input.caseId}`);
    await appendAudit(tx, input.actor, input.now, [
      closingAudit(
        input.version === 0 ? 'create' : 'change',
        'closing-record',
        input.caseId,
        [input.caseId],
        ['case-summary', 'hearing'],
      ),
    ]);
    const location = `/cases/${input.caseId}/closing?notice=record-saved`;
    await completeFormToken(tx, input.formToken, location);
    return { ok: true as const, location };
  });
}

/** Why a letter cannot be saved or produced, by the field the page shows it on. */
export type LetterProblem =
  | { field: 'body'; problem: 'too-young' | ClosingBlock }
  | { field: 'ageBand'; problem: 'band-required' }
  | { field: 'body'; problem: 'text-required' }
  | { field: 'body'; problem: 'confidential'; kind: string }
  | { field: 'pictureAlt'; problem: 'confidential'; kind: string }
  | { field: 'ignoreWords'; problem: 'spelling'; misspellings: Misspelling[] }
  | { field: 'picture'; problem: PictureProblem | 'required' }
  | { field: 'pictureAlt'; problem: 'alt-required' };

export interface LetterEdit {
  /** The band posted (used only when the child's date of birth is not known). */
  ageBand: string | null;
  body: string;
  ignoreWords: string[];
}

interface LetterScope {
  ctx: ClosingContext;
  child: ClosingChild;
  band: AgeBand;
}

/** The child, their band and the case, or the problem that stops work on their letter. */
async function letterScope(
  tx: Executor,
  caseId: string,
  childId: string,
  postedBand: string | null,
  today: string,
): Promise<{ ok: true; scope: LetterScope } | { ok: false; problem: LetterProblem }> {
  const ctx = await loadClosingContext(tx, caseId, today);
  const child = ctx.children.find((c) => c.id === childId);
  if (!child) throw new DomainError('CHILD_NOT_FOUND');
  const block = blockOf(ctx);
  if (block) return { ok: false, problem: { field: 'body', problem: block } };
  const e = child.eligibility;
  if (e.kind === 'too-young') return { ok: false, problem: { field: 'body', problem: 'too-young' } };
  const band = e.kind === 'band' ? e.band : isAgeBand(postedBand) ? postedBand : null;
  if (!band) return { ok: false, problem: { field: 'ageBand', problem: 'band-required' } };
  return { ok: true, scope: { ctx, child, band } };
}

async function lockLetter(tx: Executor, childId: string) {
  const [row] = await tx.select().from(childLetter).where(eq(childLetter.childId, childId)).for('update');
  return row ?? null;
}

/** Write the letter's text (version 0: the first save). Returns the letter's id and new version. */
async function writeLetter(
  tx: Executor,
  scope: LetterScope,
  input: { version: number; edit: LetterEdit; actor: Actor; now: Date },
): Promise<{ id: string; version: number }> {
  const existing = await lockLetter(tx, scope.child.id);
  const ignoredWords = [...new Set([...(existing?.ignoredWords ?? []), ...input.edit.ignoreWords])].slice(0, 200);
  if (input.version === 0) {
    if (existing) throw new DomainError('STALE_VERSION');
    const [row] = await tx
      .insert(childLetter)
      .values({
        caseId: scope.ctx.summary.id,
        childId: scope.child.id,
        ageBand: scope.band,
        language: scope.child.language,
        body: input.edit.body,
        ignoredWords,
        authorId: input.actor.userId,
        createdAt: input.now,
        updatedAt: input.now,
      })
      .onConflictDoNothing()
      .returning({ id: childLetter.id, version: childLetter.version });
    if (!row) throw new DomainError('STALE_VERSION');
    await appendAudit(tx, input.actor, input.now, [
      closingAudit('create', 'child-letter', scope.ctx.summary.id, [row.id], ['letter', 'child-identity']),
    ]);
    return row;
  }
  if (!existing || existing.version !== input.version) throw new DomainError('STALE_VERSION');
  const [row] = await tx
    .update(childLetter)
    .set({
      ageBand: scope.band,
      body: input.edit.body,
      ignoredWords,
      status: existing.body === input.edit.body && existing.ageBand === scope.band ? existing.status : 'draft',
      updatedAt: input.now,
      version: sql`${childLetter.version} + 1`,
    })
    .where(and(eq(childLetter.id, existing.id), eq(childLetter.version, input.version)))
    .returning({ id: childLetter.id, version: childLetter.version });
  if (!row) throw new DomainError('STALE_VERSION');
  await appendAudit(tx, input.actor, input.now, [
    closingAudit('change', 'child-letter', scope.ctx.summary.id, [row.id], ['letter', 'child-identity']),
  ]);
  return row;
}

export type LetterResult = { ok: true; location: string } | { ok: false; problems: LetterProblem[] };

const letterPath = (caseId: string, childId: string) => `/cases/${caseId}/closing/children/${childId}/letter`;

/**
 * Save the letter's text (and, for a child whose date of birth is not known, its band).
 * One transaction with its audit; the form token makes a double submit harmless.
 */
export async function saveChildLetter(
  db: Db,
  input: {
    caseId: string;
    childId: string;
    version: number;
    edit: LetterEdit;
    formToken: string;
    actor: Actor;
    now: Date;
  },
): Promise<LetterResult> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { ok: true as const, location: claim.location };
    await lockCase(tx, input.caseId);
    const found = await letterScope(tx, input.caseId, input.childId, input.edit.ageBand, londonDate(input.now));
    if (!found.ok) {
      await completeFormToken(tx, input.formToken, letterPath(input.caseId, input.childId));
      return { ok: false as const, problems: [found.problem] };
    }
    if (input.edit.body === '') {
      await completeFormToken(tx, input.formToken, letterPath(input.caseId, input.childId));
      return { ok: false as const, problems: [{ field: 'body' as const, problem: 'text-required' as const }] };
    }
    await writeLetter(tx, found.scope, input);
    const location = `${letterPath(input.caseId, input.childId)}?notice=letter-saved`;
    await completeFormToken(tx, input.formToken, location);
    return { ok: true as const, location };
  });
}

/**
 * What stops a letter being produced: words not in the dictionary of its language (the
 * names of the case's people, the adviser and the words kept are never flagged), and any
 * confidential contact value of the case in the letter as it would be produced.
 */
export async function letterProblems(
  tx: Executor,
  ctx: ClosingContext,
  letter: { body: string; language: string; ignoredWords: string[]; pictureAlt: string | null },
  adviserName: string,
): Promise<LetterProblem[]> {
  const problems: LetterProblem[] = [];
  const names = [...ctx.summary.children, ...ctx.summary.parties].map((p) => `${p.givenNames} ${p.familyName}`);
  const misspellings = spellCheck(
    [letter.body, letter.pictureAlt ?? ''].join('\n'),
    letter.language === 'cy' ? 'cy' : 'en',
    { ignore: [...letter.ignoredWords, ...nameWords([...names, adviserName])] },
  );
  const values = await confidentialValuesOf(tx, ctx.summary.id);
  const bodyHit = findConfidentialValues(letter.body, values)[0];
  if (bodyHit) problems.push({ field: 'body', problem: 'confidential', kind: bodyHit.kind });
  const altHit = letter.pictureAlt ? findConfidentialValues(letter.pictureAlt, values)[0] : undefined;
  if (altHit) problems.push({ field: 'pictureAlt', problem: 'confidential', kind: altHit.kind });
  if (misspellings.length > 0) problems.push({ field: 'ignoreWords', problem: 'spelling', misspellings });
  return problems;
}

/**
 * Save the letter and produce it: a DOCX and a tagged PDF in the letter's language, with
 * the picture and its description, each scanned for every confidential value of the case
 * (a hit refuses everything), stored as case documents (kind child-letter), with the
 * timeline entry and audit, in one transaction. A letter that is not ready is saved and
 * not produced; the result says what to put right.
 */
export async function produceChildLetter(
  db: Db,
  input: {
    caseId: string;
    childId: string;
    version: number;
    edit: LetterEdit;
    formToken: string;
    actor: Actor;
    now: Date;
  },
): Promise<LetterResult> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { ok: true as const, location: claim.location };
    await lockCase(tx, input.caseId);
    const today = londonDate(input.now);
    const page = letterPath(input.caseId, input.childId);
    const refuse = async (problems: LetterProblem[]) => {
      await completeFormToken(tx, input.formToken, page);
      return { ok: false as const, problems };
    };
    const found = await letterScope(tx, input.caseId, input.childId, input.edit.ageBand, today);
    if (!found.ok) return refuse([found.problem]);
    if (input.edit.body === '') return refuse([{ field: 'body', problem: 'text-required' }]);
    const { ctx, child } = found.scope;
    const written = await writeLetter(tx, found.scope, input);
    const [letter] = await tx.select().from(childLetter).where(eq(childLetter.id, written.id));
    if (!letter) throw new DomainError('LETTER_NOT_FOUND');
    const author = await letterSignatory(tx, ctx, input.actor.userId);
    const problems = await letterProblems(tx, ctx, letter, author);
    if (problems.length > 0) return refuse(problems);
    const picture: DocumentPicture | null =
      letter.picture && letter.pictureFormat && letter.pictureWidth && letter.pictureHeight
        ? {
            format: letter.pictureFormat === 'png' ? 'png' : 'jpeg',
            data: letter.picture,
            width: letter.pictureWidth,
            height: letter.pictureHeight,
            alt: letter.pictureAlt ?? '',
          }
        : null;
    const model = childLetterDocument(
      { language: letter.language, body: letter.body, picture },
      { childFirstName: child.firstName, adviserName: author, datedOn: today },
    );
    const produced = await produceCaseDocuments(tx, {
      caseId: input.caseId,
      kind: CHILD_LETTER_KIND,
      sourceId: letter.id,
      baseName: `letter-${child.firstName.replace(/[^\p{L}\p{N}-]+/gu, '')}-${ctx.summary.reference}${letter.language === 'cy' ? '-cy' : ''}`,
      model,
      createdBy: input.actor.userId,
      now: input.now,
    });
    if ('hit' in produced) return refuse([{ field: 'body', problem: 'confidential', kind: produced.hit.kind }]);
    const { documentIds } = produced;
    await tx
      .update(childLetter)
      .set({
        status: 'produced',
        producedAt: input.now,
        producedBy: input.actor.userId,
        updatedAt: input.now,
        version: sql`${childLetter.version} + 1`,
      })
      .where(eq(childLetter.id, letter.id));
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'closing.child-letter',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      childId: child.id,
      details: { letterId: letter.id, ageBand: letter.ageBand, language: letter.language, documentIds },
    });
    await appendAudit(tx, input.actor, input.now, [
      closingAudit('change', 'child-letter', input.caseId, [letter.id], ['letter', 'child-identity']),
      closingAudit('create', 'case-document', input.caseId, documentIds, ['document', 'letter', 'child-identity']),
    ]);
    const location = `${page}?notice=letter-produced`;
    await completeFormToken(tx, input.formToken, location);
    return { ok: true as const, location };
  });
}

async function staffName(tx: Executor, userId: string): Promise<string> {
  const [row] = await queryRows<{ display_name: string }>(
    tx,
    sql`SELECT display_name FROM user_account WHERE id = ${userId}`,
  );
  return row?.display_name ?? '';
}

/** The name letters are signed with: the allocated practitioner, else the person writing. */
export async function letterSignatory(tx: Executor, ctx: ClosingContext, userId: string): Promise<string> {
  return ctx.adviserName ?? (await staffName(tx, userId));
}

/**
 * Add (or replace) the letter's one picture, with its description, or remove it. The file
 * is taken only if its own bytes are a PNG or a JPEG of a sensible size; the description
 * is required with a picture. Versioned with the letter; a double submit is harmless.
 */
export async function setLetterPicture(
  db: Db,
  input: {
    caseId: string;
    childId: string;
    version: number;
    /** The band posted with the picture, for a first save of a child with no date of birth. */
    ageBand: string | null;
    action: 'add' | 'remove';
    file: { fileName: string; content: Buffer } | null;
    alt: string;
    formToken: string;
    actor: Actor;
    now: Date;
  },
): Promise<LetterResult> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { ok: true as const, location: claim.location };
    await lockCase(tx, input.caseId);
    const page = letterPath(input.caseId, input.childId);
    const refuse = async (problems: LetterProblem[]) => {
      await completeFormToken(tx, input.formToken, page);
      return { ok: false as const, problems };
    };
    const existing = await lockLetter(tx, input.childId);
    const found = await letterScope(
      tx,
      input.caseId,
      input.childId,
      input.ageBand ?? existing?.ageBand ?? null,
      londonDate(input.now),
    );
    if (!found.ok) return refuse([found.problem]);
    if ((existing?.version ?? 0) !== input.version) throw new DomainError('STALE_VERSION');
    if (input.action === 'remove') {
      if (!existing) return refuse([{ field: 'picture', problem: 'required' }]);
      await tx
        .update(childLetter)
        .set({
          picture: null,
          pictureFormat: null,
          pictureWidth: null,
          pictureHeight: null,
          pictureAlt: null,
          pictureFileName: null,
          status: 'draft',
          updatedAt: input.now,
          version: sql`${childLetter.version} + 1`,
        })
        .where(eq(childLetter.id, existing.id));
      await appendAudit(tx, input.actor, input.now, [
        closingAudit('change', 'child-letter', input.caseId, [existing.id], ['letter', 'child-identity']),
      ]);
      const location = `${page}?notice=picture-removed`;
      await completeFormToken(tx, input.formToken, location);
      return { ok: true as const, location };
    }
    const problems: LetterProblem[] = [];
    const checked = input.file ? checkPicture(input.file.content) : null;
    if (!input.file) problems.push({ field: 'picture', problem: 'required' });
    else if (checked && !checked.ok) problems.push({ field: 'picture', problem: checked.problem });
    if (input.alt === '') problems.push({ field: 'pictureAlt', problem: 'alt-required' });
    if (problems.length > 0 || !checked?.ok || !input.file) return refuse(problems);
    const picture = {
      picture: new Uint8Array(input.file.content),
      pictureFormat: checked.format,
      pictureWidth: checked.width,
      pictureHeight: checked.height,
      pictureAlt: input.alt,
      pictureFileName: input.file.fileName.slice(0, 200),
    };
    let letterId: string;
    if (existing) {
      await tx
        .update(childLetter)
        .set({ ...picture, status: 'draft', updatedAt: input.now, version: sql`${childLetter.version} + 1` })
        .where(eq(childLetter.id, existing.id));
      letterId = existing.id;
    } else {
      // A picture before any words: the letter starts from its band's template.
      const signatory = await letterSignatory(tx, found.scope.ctx, input.actor.userId);
      const [row] = await tx
        .insert(childLetter)
        .values({
          caseId: input.caseId,
          childId: input.childId,
          ageBand: found.scope.band,
          language: found.scope.child.language,
          body: letterTemplate(found.scope.child.language, found.scope.band, {
            childName: found.scope.child.firstName,
            adviserName: signatory,
            orderType: found.scope.ctx.finalOrder?.orderType ?? null,
            orderLabel: found.scope.ctx.finalOrder?.label ?? null,
          }),
          ...picture,
          authorId: input.actor.userId,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .returning({ id: childLetter.id });
      letterId = row!.id;
    }
    await appendAudit(tx, input.actor, input.now, [
      closingAudit(
        existing ? 'change' : 'create',
        'child-letter',
        input.caseId,
        [letterId],
        ['letter', 'child-identity'],
      ),
    ]);
    const location = `${page}?notice=picture-added`;
    await completeFormToken(tx, input.formToken, location);
    return { ok: true as const, location };
  });
}

/** A produced child's letter (DOCX or PDF) of this case, for download (audited by the caller). */
export async function getChildLetterDocument(tx: Executor, caseId: string, documentId: string) {
  const [row] = await queryRows<{
    id: string;
    file_name: string;
    content_type: string;
    content: Uint8Array;
    source_id: string | null;
  }>(
    tx,
    sql`SELECT id, file_name, content_type, content, source_id FROM case_document
        WHERE id = ${documentId} AND case_id = ${caseId} AND kind = ${CHILD_LETTER_KIND}`,
  );
  return row ?? null;
}

/** What stops closure (field-level), and the children aged 4 or over still without a produced letter. */
export function closureReadiness(ctx: ClosingContext): {
  missing: ('final-order' | 'closing-record')[];
  childrenWithoutLetter: ClosingChild[];
} {
  const missing: ('final-order' | 'closing-record')[] = [];
  if (!ctx.finalOrder) missing.push('final-order');
  else if (!ctx.recordCurrent) missing.push('closing-record');
  const childrenWithoutLetter = ctx.children.filter((c) => c.eligibility.kind !== 'too-young' && !c.letter?.producedAt);
  return { missing, childrenWithoutLetter };
}

export interface FeedbackRecipient {
  personId: string;
  role: 'party' | 'child';
  language: 'en' | 'cy';
  channel: OutboxChannel;
  recipient: string | null;
}

/**
 * Who is invited to give feedback at closure: each adult party (not a local authority)
 * and each child aged 12 or over, in their own language, by email when we hold one, else
 * by text message, else by letter. A confidential address or number is never copied into
 * the message: delivery finds it from the person (and a letter always does).
 */
export async function feedbackRecipients(
  tx: Executor,
  ctx: ClosingContext,
  today: string,
): Promise<FeedbackRecipient[]> {
  const people: { personId: string; role: 'party' | 'child'; languagePreference: string | null }[] = [];
  for (const p of ctx.summary.parties) {
    if (p.partyRole === 'local-authority') continue;
    if (p.dateOfBirth && ageOn(p.dateOfBirth, today) < 18) continue;
    people.push({ personId: p.personId, role: 'party', languagePreference: p.languagePreference });
  }
  for (const c of ctx.children) {
    const child = ctx.summary.children.find((x) => x.id === c.id);
    if (childInvitedToFeedback(c.dateOfBirth, today, c.letter?.ageBand ?? null)) {
      people.push({ personId: c.personId, role: 'child', languagePreference: child?.languagePreference ?? null });
    }
  }
  const contacts = await queryRows<{
    person_id: string;
    kind: string;
    value: string | null;
    confidential: boolean;
    refuge: boolean;
  }>(
    tx,
    sql`SELECT person_id, kind, value, confidential, refuge FROM contact_detail
        WHERE case_id = ${ctx.summary.id} ORDER BY created_at, id`,
  );
  const seen = new Set<string>();
  const out: FeedbackRecipient[] = [];
  for (const p of people) {
    if (seen.has(p.personId)) continue;
    seen.add(p.personId);
    // The same rule as a delay notice: e-mail or text only to a value that is not confidential
    // (a refuge's number never goes into the outbox), otherwise a letter to the address on file.
    const own = contacts
      .filter((c) => c.person_id === p.personId && (c.kind === 'email' || c.kind === 'phone' || c.kind === 'address'))
      .map((c) => ({
        kind: c.kind as 'email' | 'phone' | 'address',
        value: c.value,
        confidential: c.confidential,
        refuge: c.refuge,
      }));
    const best = channelsFor(own)[0]!;
    out.push({
      personId: p.personId,
      role: p.role,
      language: letterLanguage(p.languagePreference, ctx.summary.language),
      channel: best.channel,
      recipient: best.recipient,
    });
  }
  return out;
}

export type CloseResult = { ok: true; location: string } | { ok: false; missing: ('final-order' | 'closing-record')[] };

/**
 * Close the case, in one transaction: the move to closed (closure needs the final order
 * and the closing record for it), one feedback invitation per adult party and per child
 * aged 12 or over (never twice to the same person for the same case), the closure's
 * history row, the timeline and audit. Children aged 4 or over without a letter are a
 * warning, not a refusal. A double submit closes once.
 */
export async function closeCase(
  db: Db,
  input: { caseId: string; formToken: string; actor: Actor; now: Date },
): Promise<CloseResult> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { ok: true as const, location: claim.location };
    await lockCase(tx, input.caseId);
    const today = londonDate(input.now);
    const ctx = await loadClosingContext(tx, input.caseId, today);
    const readiness = closureReadiness(ctx);
    if (readiness.missing.length > 0 || ctx.summary.status !== 'closing') {
      await completeFormToken(tx, input.formToken, `/cases/${input.caseId}/closing/close`);
      return {
        ok: false as const,
        missing: readiness.missing.length > 0 ? readiness.missing : ['final-order' as const],
      };
    }
    const recipients = await feedbackRecipients(tx, ctx, today);
    const queued: string[] = [];
    for (const r of recipients) {
      const message = await enqueueMessage(tx, {
        idempotencyKey: `${FEEDBACK_TEMPLATE}:${input.caseId}:${r.personId}`,
        caseId: input.caseId,
        template: FEEDBACK_TEMPLATE,
        channel: r.channel,
        recipientPersonId: r.personId,
        recipient: r.recipient,
        language: r.language,
        personalisation: { reference: ctx.summary.reference },
        createdBy: input.actor.userId,
        now: input.now,
      });
      if (message.created) queued.push(message.id);
    }
    const withoutLetter = readiness.childrenWithoutLetter.map((c) => c.id);
    await moveCase(tx, {
      caseId: input.caseId,
      event: { type: 'closed' },
      actorUserId: input.actor.userId,
      now: input.now,
      details: { childrenWithoutLetter: withoutLetter, invitations: queued.length },
    });
    const [event] = await tx
      .insert(closureEvent)
      .values({
        caseId: input.caseId,
        kind: CLOSED_EVENT,
        details: { childrenWithoutLetter: withoutLetter, invitationIds: queued },
        actorId: input.actor.userId,
        occurredAt: input.now,
      })
      .returning({ id: closureEvent.id });
    await appendAudit(tx, input.actor, input.now, [
      closingAudit('change', 'case', input.caseId, [input.caseId, event!.id], ['case-summary']),
      ...(queued.length > 0
        ? [closingAudit('create', 'outbox-message', input.caseId, queued, ['party-identity', 'child-identity'])]
        : []),
    ]);
    const location = `/cases/${input.caseId}/closing?notice=closed`;
    await completeFormToken(tx, input.formToken, location);
    return { ok: true as const, location };
  });
}

/**
 * Reopen a closed case (a manager of its area): back to awaiting allocation, with the
 * reason kept in the closure history and on the timeline. Everything written at closing
 * stays. A double submit reopens once.
 */
export async function reopenCase(
  db: Db,
  input: { caseId: string; reason: string; formToken: string; actor: Actor; now: Date },
): Promise<{ ok: true; location: string } | { ok: false; problem: 'not-closed' }> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { ok: true as const, location: claim.location };
    await lockCase(tx, input.caseId);
    const [row] = await queryRows<{ status: string }>(
      tx,
      sql`SELECT status FROM case_record WHERE id = ${input.caseId}`,
    );
    if (row?.status !== 'closed') {
      await completeFormToken(tx, input.formToken, `/cases/${input.caseId}/closing/reopen`);
      return { ok: false as const, problem: 'not-closed' as const };
    }
    await moveCase(tx, {
      caseId: input.caseId,
      event: { type: 'reopened' },
      actorUserId: input.actor.userId,
      now: input.now,
      details: { reason: input.reason },
    });
    const [event] = await tx
      .insert(closureEvent)
      .values({
        caseId: input.caseId,
        kind: REOPENED_EVENT,
        reason: input.reason,
        actorId: input.actor.userId,
        occurredAt: input.now,
      })
      .returning({ id: closureEvent.id });
    await appendAudit(tx, input.actor, input.now, [
      {
        ...closingAudit('change', 'case', input.caseId, [input.caseId, event!.id], ['case-summary']),
        reason: input.reason,
      },
    ]);
    const location = `/cases/${input.caseId}/closing?notice=reopened`;
    await completeFormToken(tx, input.formToken, location);
    return { ok: true as const, location };
  });
}
