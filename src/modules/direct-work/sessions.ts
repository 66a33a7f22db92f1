import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import { type Db, type Executor, queryRows, sqlList } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { dateFromParts } from '../../platform/forms/date-input.ts';
import { claimFormToken, completeFormToken, isFormToken } from '../../platform/forms/form-token.ts';
import { appendTimeline } from '../casework/service.ts';
import { MAX_SESSION_MINUTES, normaliseLineEndings } from './rules.ts';
import { directWorkSession, directWorkSessionTool, directWorkWordsRevision } from './schema.ts';

/** The most text kept in each field of the session form. */
export const SESSION_LIMITS = {
  reason: 2000,
  place: 200,
  ownWords: 20000,
  interpretation: 20000,
  correctionReason: 2000,
  tools: 30,
} as const;

/** The session form as typed: what a refused post puts back in the page. */
export interface SessionValues {
  seen: string;
  notSeenReason: string;
  seenAlone: string;
  notSeenAloneReason: string;
  day: string;
  month: string;
  year: string;
  place: string;
  minutes: string;
  tools: string[];
  ownWords: string;
  interpretation: string;
  correctionReason: string;
}

export const EMPTY_SESSION: SessionValues = {
  seen: '',
  notSeenReason: '',
  seenAlone: '',
  notSeenAloneReason: '',
  day: '',
  month: '',
  year: '',
  place: '',
  minutes: '',
  tools: [],
  ownWords: '',
  interpretation: '',
  correctionReason: '',
};

/** A posted field that may come once or several times (checkboxes) as a list of text. */
export function postedList(body: unknown, key: string, max: number): string[] {
  const value = (body as Record<string, unknown> | null | undefined)?.[key];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string' && v !== '').slice(0, max);
}

const text = (max: number, tooLong: string) =>
  z
    .string()
    .optional()
    .transform((v) => normaliseLineEndings(v ?? '').trim())
    .pipe(z.string().max(max, { error: tooLong }));

const toolList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((c) => c !== ''))
  .pipe(
    z
      .array(z.string().regex(/^[a-z0-9-]{1,60}$/, { error: 'directWork.errors.toolUnknown' }))
      .max(SESSION_LIMITS.tools, { error: 'directWork.errors.toolUnknown' }),
  );

/**
 * The session form, given today (a session may not be dated in the future). Every problem is
 * reported at once, in the order of the page. A correction also carries the version it was read
 * at and, when the child's words change, why (checked by correctSession, which knows the words).
 */
export function sessionSchema(today: string, options: { correction?: boolean } = {}) {
  return z
    .object({
      seen: text(10, 'directWork.errors.seenRequired'),
      notSeenReason: text(SESSION_LIMITS.reason, 'directWork.errors.reasonTooLong'),
      seenAlone: text(10, 'directWork.errors.seenAloneRequired'),
      notSeenAloneReason: text(SESSION_LIMITS.reason, 'directWork.errors.reasonTooLong'),
      'heldOn-day': text(10, 'directWork.errors.heldOnInvalid'),
      'heldOn-month': text(10, 'directWork.errors.heldOnInvalid'),
      'heldOn-year': text(10, 'directWork.errors.heldOnInvalid'),
      place: text(SESSION_LIMITS.place, 'directWork.errors.placeTooLong'),
      minutes: text(10, 'directWork.errors.minutesInvalid'),
      tools: toolList,
      ownWords: text(SESSION_LIMITS.ownWords, 'directWork.errors.ownWordsTooLong'),
      interpretation: text(SESSION_LIMITS.interpretation, 'directWork.errors.interpretationTooLong'),
      correctionReason: text(SESSION_LIMITS.correctionReason, 'directWork.errors.reasonTooLong'),
      version: text(12, 'directWork.errors.formExpired'),
      _formToken: text(64, 'directWork.errors.formExpired'),
    })
    .transform((v, ctx) => {
      let bad = false;
      const issue = (path: string, message: string) => {
        bad = true;
        ctx.addIssue({ code: 'custom', path: [path], message });
      };
      const seen = v.seen === 'yes' ? true : v.seen === 'no' ? false : null;
      if (seen === null) issue('seen', 'directWork.errors.seenRequired');
      if (seen === false && v.notSeenReason === '') issue('notSeenReason', 'directWork.errors.notSeenReasonRequired');
      const seenAlone = seen ? (v.seenAlone === 'yes' ? true : v.seenAlone === 'no' ? false : null) : false;
      if (seen && seenAlone === null) issue('seenAlone', 'directWork.errors.seenAloneRequired');
      if (seen && seenAlone === false && v.notSeenAloneReason === '')
        issue('notSeenAloneReason', 'directWork.errors.notSeenAloneReasonRequired');
      const heldOn = dateFromParts(v['heldOn-day'], v['heldOn-month'], v['heldOn-year']);
      if (heldOn === null) issue('heldOn', 'directWork.errors.heldOnRequired');
      else if (heldOn === 'invalid') issue('heldOn', 'directWork.errors.heldOnInvalid');
      else if (heldOn > today) issue('heldOn', 'directWork.errors.heldOnFuture');
      if (seen && v.place === '') issue('place', 'directWork.errors.placeRequired');
      let minutes = 0;
      if (v.minutes !== '' || seen) {
        minutes = /^\d{1,4}$/.test(v.minutes) ? Number(v.minutes) : Number.NaN;
        if (v.minutes === '') issue('minutes', 'directWork.errors.minutesRequired');
        else if (!Number.isInteger(minutes) || minutes < (seen ? 1 : 0) || minutes > MAX_SESSION_MINUTES)
          issue('minutes', 'directWork.errors.minutesInvalid');
      }
      if (seen && v.interpretation === '') issue('interpretation', 'directWork.errors.interpretationRequired');
      const version = options.correction ? Number(v.version) : 0;
      if (options.correction && !(/^\d{1,9}$/.test(v.version) && version >= 1))
        issue('ownWords', 'directWork.errors.formExpired');
      if (!isFormToken(v._formToken)) issue('seen', 'directWork.errors.formExpired');
      if (bad) return z.NEVER;
      return {
        seen: seen as boolean,
        notSeenReason: seen ? null : v.notSeenReason,
        seenAlone: Boolean(seen && seenAlone),
        notSeenAloneReason: seen && !seenAlone ? v.notSeenAloneReason : null,
        heldOn: heldOn as string,
        place: v.place,
        minutes,
        // A child who was not seen has no words and no tools of this session.
        tools: seen ? [...new Set(v.tools)] : [],
        ownWords: seen ? v.ownWords : '',
        interpretation: v.interpretation,
        correctionReason: v.correctionReason,
        version,
        formToken: v._formToken,
      };
    });
}
export type SessionInput = z.output<ReturnType<typeof sessionSchema>>;

async function assertChildOfCase(tx: Executor, caseId: string, childId: string): Promise<void> {
  const [row] = await queryRows<{ ok: boolean }>(
    tx,
    sql`SELECT true AS ok FROM case_child WHERE id = ${childId} AND case_id = ${caseId}`,
  );
  if (!row) throw new DomainError('CHILD_NOT_FOUND');
}

/** Tools must be in the catalogue; new ones active (a retired tool may stay where it was used). */
async function assertTools(tx: Executor, codes: string[], keep: string[]): Promise<void> {
  if (codes.length === 0) return;
  const rows = await queryRows<{ code: string; active: boolean }>(
    tx,
    sql`SELECT code, active FROM direct_work_tool WHERE code IN (${sqlList(codes)})`,
  );
  const known = new Map(rows.map((r) => [r.code, r.active]));
  for (const code of codes) {
    if (!known.has(code) || (!known.get(code) && !keep.includes(code)))
      throw new DomainError('DIRECT_WORK_TOOL_NOT_FOUND');
  }
}

/**
 * Record a piece of direct work with one child: the session, its tools and the child's words
 * as first recorded. One transaction with its timeline and audit; a double post adds one.
 */
export async function recordSession(
  db: Db,
  input: {
    caseId: string;
    childId: string;
    session: SessionInput;
    actor: AuditActor & { userId: string };
    now: Date;
  },
): Promise<{ location: string; created: boolean; sessionId: string | null }> {
  const s = input.session;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, s.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, created: false, sessionId: null };
    await assertChildOfCase(tx, input.caseId, input.childId);
    await assertTools(tx, s.tools, []);
    const [row] = await tx
      .insert(directWorkSession)
      .values({
        caseId: input.caseId,
        childId: input.childId,
        heldOn: s.heldOn,
        seen: s.seen,
        notSeenReason: s.notSeenReason,
        seenAlone: s.seenAlone,
        notSeenAloneReason: s.notSeenAloneReason,
        place: s.place,
        minutes: s.minutes,
        ownWords: s.ownWords,
        wordsRevision: 1,
        interpretation: s.interpretation,
        createdBy: input.actor.userId,
        createdAt: input.now,
        updatedAt: input.now,
      })
      .returning({ id: directWorkSession.id });
    const sessionId = row!.id;
    if (s.tools.length > 0)
      await tx.insert(directWorkSessionTool).values(s.tools.map((toolCode) => ({ sessionId, toolCode })));
    await tx.insert(directWorkWordsRevision).values({
      sessionId,
      revision: 1,
      ownWords: s.ownWords,
      correctionReason: null,
      recordedBy: input.actor.userId,
      recordedAt: input.now,
    });
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'direct-work.session-recorded',
      occurredAt: input.now,
      childId: input.childId,
      actorUserId: input.actor.userId,
      details: { sessionId, heldOn: s.heldOn, seen: s.seen, seenAlone: s.seenAlone },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'create',
        resourceType: 'direct-work-session',
        resourceIds: [sessionId],
        caseId: input.caseId,
        fieldCategories: ['direct-work'],
      },
    ]);
    const location = `/cases/${input.caseId}/direct-work/sessions/${sessionId}?saved=session`;
    await completeFormToken(tx, s.formToken, location);
    return { location, created: true, sessionId };
  });
}

/**
 * Correct a session. The child's words are never overwritten without trace: a change of
 * words needs a reason and adds a revision, keeping every earlier text. Optimistic
 * concurrency on the session's version (STALE_VERSION); a double post changes it once.
 */
export async function correctSession(
  db: Db,
  input: {
    caseId: string;
    sessionId: string;
    session: SessionInput;
    actor: AuditActor & { userId: string };
    now: Date;
  },
): Promise<{ location: string; changed: boolean; wordsCorrected: boolean }> {
  const s = input.session;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, s.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, changed: false, wordsCorrected: false };
    const [before] = await queryRows<{
      childId: string;
      version: number;
      ownWords: string;
      wordsRevision: number;
      tools: string[];
    }>(
      tx,
      sql`SELECT s.child_id AS "childId", s.version, s.own_words AS "ownWords", s.words_revision AS "wordsRevision",
          ARRAY(SELECT st.tool_code FROM direct_work_session_tool st WHERE st.session_id = s.id) AS tools
        FROM direct_work_session s WHERE s.id = ${input.sessionId} AND s.case_id = ${input.caseId} FOR UPDATE`,
    );
    if (!before) throw new DomainError('DIRECT_WORK_SESSION_NOT_FOUND');
    if (before.version !== s.version) throw new DomainError('STALE_VERSION');
    const wordsCorrected = s.ownWords !== before.ownWords;
    if (wordsCorrected && s.correctionReason === '')
      throw new DomainError('VALIDATION_FAILED', { field: 'correctionReason' });
    await assertTools(tx, s.tools, before.tools);
    const revision = wordsCorrected ? before.wordsRevision + 1 : before.wordsRevision;
    const updated = await tx
      .update(directWorkSession)
      .set({
        heldOn: s.heldOn,
        seen: s.seen,
        notSeenReason: s.notSeenReason,
        seenAlone: s.seenAlone,
        notSeenAloneReason: s.notSeenAloneReason,
        place: s.place,
        minutes: s.minutes,
        ownWords: s.ownWords,
        wordsRevision: revision,
        interpretation: s.interpretation,
        updatedBy: input.actor.userId,
        updatedAt: input.now,
        version: sql`${directWorkSession.version} + 1`,
      })
      .where(and(eq(directWorkSession.id, input.sessionId), eq(directWorkSession.version, s.version)))
      .returning({ id: directWorkSession.id });
    if (updated.length === 0) throw new DomainError('STALE_VERSION');
    const removed = before.tools.filter((c) => !s.tools.includes(c));
    if (removed.length > 0)
      await tx
        .delete(directWorkSessionTool)
        .where(
          and(eq(directWorkSessionTool.sessionId, input.sessionId), inArray(directWorkSessionTool.toolCode, removed)),
        );
    const added = s.tools.filter((c) => !before.tools.includes(c));
    if (added.length > 0)
      await tx
        .insert(directWorkSessionTool)
        .values(added.map((toolCode) => ({ sessionId: input.sessionId, toolCode })));
    if (wordsCorrected) {
      await tx.insert(directWorkWordsRevision).values({
        sessionId: input.sessionId,
        revision,
        ownWords: s.ownWords,
        correctionReason: s.correctionReason,
        recordedBy: input.actor.userId,
        recordedAt: input.now,
      });
    }
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'direct-work.session-corrected',
      occurredAt: input.now,
      childId: before.childId,
      actorUserId: input.actor.userId,
      details: { sessionId: input.sessionId, wordsCorrected, wordsRevision: revision },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'change',
        resourceType: 'direct-work-session',
        resourceIds: [input.sessionId],
        caseId: input.caseId,
        fieldCategories: ['direct-work'],
        reason: wordsCorrected ? s.correctionReason : null,
      },
    ]);
    const location = `/cases/${input.caseId}/direct-work/sessions/${input.sessionId}?saved=corrected`;
    await completeFormToken(tx, s.formToken, location);
    return { location, changed: true, wordsCorrected };
  });
}

export interface SessionDetail {
  id: string;
  caseId: string;
  childId: string;
  childName: string;
  heldOn: string;
  seen: boolean;
  notSeenReason: string | null;
  seenAlone: boolean;
  notSeenAloneReason: string | null;
  place: string;
  minutes: number;
  ownWords: string;
  wordsRevision: number;
  interpretation: string;
  version: number;
  tools: { code: string; name: string; nameCy: string; active: boolean }[];
  createdAt: string;
  createdByName: string | null;
  updatedAt: string;
  updatedByName: string | null;
  revisions: {
    revision: number;
    ownWords: string;
    correctionReason: string | null;
    recordedAt: string;
    recordedByName: string | null;
  }[];
}

/** One session of the case with its tools and every revision of the child's words (newest first). */
export async function getSession(tx: Executor, caseId: string, sessionId: string): Promise<SessionDetail | null> {
  const [row] = await queryRows<SessionDetail>(
    tx,
    sql`SELECT s.id, s.case_id AS "caseId", s.child_id AS "childId", p.given_names || ' ' || p.family_name AS "childName",
        s.held_on AS "heldOn", s.seen, s.not_seen_reason AS "notSeenReason", s.seen_alone AS "seenAlone",
        s.not_seen_alone_reason AS "notSeenAloneReason", s.place, s.minutes, s.own_words AS "ownWords",
        s.words_revision AS "wordsRevision", s.interpretation, s.version, s.created_at AS "createdAt",
        cu.display_name AS "createdByName", s.updated_at AS "updatedAt", uu.display_name AS "updatedByName",
        COALESCE((SELECT json_agg(json_build_object('code', t.code, 'name', t.name, 'nameCy', t.name_cy,
            'active', t.active) ORDER BY t.sort_order, t.code)
          FROM direct_work_session_tool st JOIN direct_work_tool t ON t.code = st.tool_code
          WHERE st.session_id = s.id), '[]'::json) AS tools,
        COALESCE((SELECT json_agg(json_build_object('revision', r.revision, 'ownWords', r.own_words,
            'correctionReason', r.correction_reason, 'recordedAt', r.recorded_at, 'recordedByName', ru.display_name)
            ORDER BY r.revision DESC)
          FROM direct_work_words_revision r LEFT JOIN user_account ru ON ru.id = r.recorded_by
          WHERE r.session_id = s.id), '[]'::json) AS revisions
      FROM direct_work_session s
        JOIN case_child ch ON ch.id = s.child_id
        JOIN person p ON p.id = ch.person_id
        LEFT JOIN user_account cu ON cu.id = s.created_by
        LEFT JOIN user_account uu ON uu.id = s.updated_by
      WHERE s.id = ${sessionId} AND s.case_id = ${caseId}`,
  );
  return row ?? null;
}
