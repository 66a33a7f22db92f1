import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import { type Db, type Executor, queryRows } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { dateFromParts } from '../../platform/forms/date-input.ts';
import { claimFormToken, completeFormToken } from '../../platform/forms/form-token.ts';
import { appendTimeline } from '../casework/service.ts';
import { fieldList, lines } from './plan-forms.ts';
import { contactLogEntry, contactLogRevision } from './schema.ts';

export const CONTACT_KINDS = ['interview', 'visit', 'call', 'email', 'meeting'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** The text fields of the entry form, with the most a draft keeps of each. */
const DRAFT_TEXT_FIELDS = {
  kind: 20,
  'heldOn-day': 10,
  'heldOn-month': 10,
  'heldOn-year': 10,
  heldTime: 10,
  place: 500,
  others: 4000,
  whatWasSaid: 20000,
  analysis: 20000,
  actions: 10000,
} as const;
const DRAFT_LIST_FIELDS = ['children', 'parties', 'objectives'] as const;
const MAX_LIST = 50;

/** The form as typed, kept whole in a draft (nothing is lost, even what would not validate). */
export type DraftValues = Record<keyof typeof DRAFT_TEXT_FIELDS, string> &
  Record<(typeof DRAFT_LIST_FIELDS)[number], string[]>;

export const EMPTY_DRAFT: DraftValues = {
  kind: '',
  'heldOn-day': '',
  'heldOn-month': '',
  'heldOn-year': '',
  heldTime: '',
  place: '',
  others: '',
  whatWasSaid: '',
  analysis: '',
  actions: '',
  children: [],
  parties: [],
  objectives: [],
};

/** Pure: the draft values of a posted entry form, each cut to what a draft keeps. */
export function draftValuesFrom(body: Record<string, unknown>): DraftValues {
  const values = { ...EMPTY_DRAFT };
  for (const [key, max] of Object.entries(DRAFT_TEXT_FIELDS) as [keyof typeof DRAFT_TEXT_FIELDS, number][]) {
    const v = body[key];
    values[key] = typeof v === 'string' ? v.slice(0, max) : '';
  }
  for (const key of DRAFT_LIST_FIELDS) {
    values[key] = fieldList(body, key)
      .filter((v) => v.length <= 60)
      .slice(0, MAX_LIST);
  }
  return values;
}

/** A stored draft read back as values (tolerating a draft saved by an older form). */
export function draftValuesOf(stored: Record<string, unknown> | null): DraftValues {
  return draftValuesFrom(stored ?? {});
}

/** Pure: a time typed as 9:30, 09:30 or 09.30 as HH:MM; null when empty; 'invalid' otherwise. */
export function timeFromText(text: string): string | null | 'invalid' {
  const t = text.trim();
  if (t === '') return null;
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(t);
  if (!m) return 'invalid';
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return 'invalid';
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

export interface ContactFormContext {
  today: string;
  childIds: ReadonlySet<string>;
  partyIds: ReadonlySet<string>;
  objectiveIds: ReadonlySet<string>;
}

export interface ContactRecord {
  kind: ContactKind;
  heldOn: string;
  heldTime: string | null;
  place: string | null;
  childIds: string[];
  partyIds: string[];
  others: string[];
  whatWasSaid: string;
  analysis: string;
  actions: string | null;
  objectiveIds: string[];
}

/** Recording validates the whole entry (the draft's values), every problem at once. */
export function contactRecordSchema(ctx: ContactFormContext) {
  return z.record(z.string(), z.unknown()).transform((body, zctx): ContactRecord => {
    const issue = (path: string, message: string) => zctx.addIssue({ code: 'custom', path: [path], message });
    const v = draftValuesFrom(body);
    const kind = v.kind as ContactKind;
    if (!(CONTACT_KINDS as readonly string[]).includes(v.kind)) issue('kind', 'planning.errors.kindRequired');
    const heldOn = dateFromParts(v['heldOn-day'], v['heldOn-month'], v['heldOn-year']);
    if (heldOn === null) issue('heldOn', 'planning.errors.heldOnRequired');
    else if (heldOn === 'invalid') issue('heldOn', 'planning.errors.heldOnInvalid');
    else if (heldOn > ctx.today) issue('heldOn', 'planning.errors.heldOnFuture');
    const heldTime = timeFromText(v.heldTime);
    if (heldTime === 'invalid') issue('heldTime', 'planning.errors.heldTimeInvalid');
    const place = v.place.trim();
    if (place.length > 300) issue('place', 'planning.errors.placeTooLong');
    const childIds = [...new Set(v.children)];
    const partyIds = [...new Set(v.parties)];
    const others = [...new Set(lines(v.others))];
    if (childIds.some((id) => !ctx.childIds.has(id))) issue('children', 'planning.errors.personUnknown');
    if (partyIds.some((id) => !ctx.partyIds.has(id))) issue('parties', 'planning.errors.personUnknown');
    if (others.length > 20 || others.some((o) => o.length > 200)) issue('others', 'planning.errors.otherPeopleTooLong');
    if (childIds.length + partyIds.length + others.length === 0) issue('children', 'planning.errors.withWhomRequired');
    const whatWasSaid = v.whatWasSaid.trim();
    if (whatWasSaid === '') issue('whatWasSaid', 'planning.errors.whatWasSaidRequired');
    const analysis = v.analysis.trim();
    if (analysis === '') issue('analysis', 'planning.errors.analysisRequired');
    const actions = v.actions.trim();
    const objectiveIds = [...new Set(v.objectives)];
    if (objectiveIds.some((id) => !ctx.objectiveIds.has(id))) issue('objectives', 'planning.errors.objectiveUnknown');
    return {
      kind,
      heldOn: typeof heldOn === 'string' ? heldOn : '',
      heldTime: heldTime === 'invalid' ? null : heldTime,
      place: place || null,
      childIds,
      partyIds,
      others,
      whatWasSaid,
      analysis,
      actions: actions || null,
      objectiveIds,
    };
  });
}

/** Pure: the draft values that show a recorded entry in the form again (to correct it). */
export function valuesOfRecord(r: ContactRecord): DraftValues {
  const [year = '', month = '', day = ''] = r.heldOn.split('-');
  return {
    kind: r.kind,
    'heldOn-day': String(Number(day)),
    'heldOn-month': String(Number(month)),
    'heldOn-year': year,
    heldTime: r.heldTime ?? '',
    place: r.place ?? '',
    others: r.others.join('\n'),
    whatWasSaid: r.whatWasSaid,
    analysis: r.analysis,
    actions: r.actions ?? '',
    children: r.childIds,
    parties: r.partyIds,
    objectives: r.objectiveIds,
  };
}

type Actor = AuditActor & { userId: string };

const entryLocation = (caseId: string, entryId: string, notice?: string) =>
  `/cases/${caseId}/contacts/${entryId}${notice ? `?saved=${notice}` : ''}`;

/** Why a change to an entry was refused: not the person's draft, already recorded, or stale. */
async function refusal(tx: Executor, caseId: string, entryId: string, userId: string): Promise<DomainError> {
  const [row] = await queryRows<{ status: string; authorId: string }>(
    tx,
    sql`SELECT status, author_id AS "authorId" FROM contact_log_entry WHERE id = ${entryId} AND case_id = ${caseId}`,
  );
  if (!row || (row.status === 'draft' && row.authorId !== userId)) return new DomainError('DRAFT_NOT_FOUND');
  if (row.status !== 'draft') return new DomainError('ALREADY_RECORDED');
  return new DomainError('STALE_VERSION');
}

async function currentPlanVersion(tx: Executor, caseId: string): Promise<number | null> {
  const [row] = await queryRows<{ v: number }>(
    tx,
    sql`SELECT current_version AS v FROM case_plan WHERE case_id = ${caseId}`,
  );
  return row?.v ?? null;
}

export type SubmitResult =
  | { replayed: true; location: string }
  | { replayed: false; entryId: string; version: number; status: 'draft' | 'recorded'; location: string };

/**
 * Save the entry form: always as the author's draft (created on the first post, then moved
 * on from the version the form was read at; a stale tab is refused), and, when `record` is
 * given (the form validated), recorded in the same transaction with its timeline entry.
 * A one-time form token, when given, makes a double post harmless.
 */
export async function submitContact(
  db: Db,
  input: {
    caseId: string;
    entryId: string | null;
    version: number;
    values: DraftValues;
    record: ContactRecord | null;
    formToken: string | null;
    actor: Actor;
    now: Date;
  },
): Promise<SubmitResult> {
  return db.transaction(async (tx) => {
    if (input.formToken) {
      const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
      if (!claim.fresh) return { replayed: true as const, location: claim.location };
    }
    let entryId = input.entryId;
    let version: number;
    if (entryId === null) {
      const [row] = await tx
        .insert(contactLogEntry)
        .values({
          caseId: input.caseId,
          status: 'draft',
          draft: input.values,
          authorId: input.actor.userId,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .returning({ id: contactLogEntry.id, version: contactLogEntry.version });
      entryId = row!.id;
      version = row!.version;
      await appendAudit(tx, input.actor, input.now, [
        {
          action: 'create',
          resourceType: 'contact-log-draft',
          resourceIds: [entryId],
          caseId: input.caseId,
          fieldCategories: ['contact-log'],
        },
      ]);
    } else {
      const [row] = await tx
        .update(contactLogEntry)
        .set({ draft: input.values, updatedAt: input.now, version: sql`${contactLogEntry.version} + 1` })
        .where(
          and(
            eq(contactLogEntry.id, entryId),
            eq(contactLogEntry.caseId, input.caseId),
            eq(contactLogEntry.authorId, input.actor.userId),
            eq(contactLogEntry.status, 'draft'),
            eq(contactLogEntry.version, input.version),
          ),
        )
        .returning({ version: contactLogEntry.version });
      if (!row) throw await refusal(tx, input.caseId, entryId, input.actor.userId);
      version = row.version;
      await appendAudit(tx, input.actor, input.now, [
        {
          action: 'change',
          resourceType: 'contact-log-draft',
          resourceIds: [entryId],
          caseId: input.caseId,
          fieldCategories: ['contact-log'],
        },
      ]);
    }
    let status: 'draft' | 'recorded' = 'draft';
    let location = entryLocation(input.caseId, entryId, 'draft');
    const r = input.record;
    if (r) {
      const planVersion = await currentPlanVersion(tx, input.caseId);
      const [row] = await tx
        .update(contactLogEntry)
        .set({
          status: 'recorded',
          kind: r.kind,
          heldOn: r.heldOn,
          heldTime: r.heldTime,
          place: r.place,
          childIds: r.childIds,
          partyIds: r.partyIds,
          others: r.others,
          whatWasSaid: r.whatWasSaid,
          analysis: r.analysis,
          actions: r.actions,
          objectiveIds: r.objectiveIds,
          planVersion,
          draft: null,
          recordedAt: input.now,
          updatedAt: input.now,
        })
        .where(eq(contactLogEntry.id, entryId))
        .returning({ version: contactLogEntry.version });
      version = row!.version;
      status = 'recorded';
      await appendTimeline(tx, {
        caseId: input.caseId,
        kind: 'planning.contact-recorded',
        occurredAt: input.now,
        actorUserId: input.actor.userId,
        childId: r.childIds.length === 1 ? r.childIds[0] : null,
        details: { entryId, contactKind: r.kind, heldOn: r.heldOn, objectives: r.objectiveIds.length },
      });
      await tx.execute(sql`UPDATE case_record SET updated_at = ${input.now} WHERE id = ${input.caseId}`);
      await appendAudit(tx, input.actor, input.now, [
        {
          action: 'create',
          resourceType: 'contact-log-entry',
          resourceIds: [entryId],
          caseId: input.caseId,
          fieldCategories: ['contact-log'],
        },
      ]);
      location = entryLocation(input.caseId, entryId, 'recorded');
    }
    if (input.formToken) await completeFormToken(tx, input.formToken, location);
    return { replayed: false as const, entryId, version, status, location };
  });
}

/** The recorded content of an entry, as a revision keeps it. */
function contentOf(row: typeof contactLogEntry.$inferSelect): Record<string, unknown> {
  return {
    kind: row.kind,
    heldOn: row.heldOn,
    heldTime: row.heldTime ? row.heldTime.slice(0, 5) : null,
    place: row.place,
    childIds: row.childIds,
    partyIds: row.partyIds,
    others: row.others,
    whatWasSaid: row.whatWasSaid,
    analysis: row.analysis,
    actions: row.actions,
    objectiveIds: row.objectiveIds,
  };
}

/**
 * Correct a recorded entry, with a reason: the content it replaces is kept as a revision.
 * Optimistic concurrency on the entry's version; one transaction with timeline and audit.
 */
export async function correctContact(
  db: Db,
  input: {
    caseId: string;
    entryId: string;
    version: number;
    record: ContactRecord;
    reason: string;
    formToken: string;
    actor: Actor;
    now: Date;
  },
): Promise<{ location: string }> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location };
    const [before] = await tx
      .select()
      .from(contactLogEntry)
      .where(
        and(
          eq(contactLogEntry.id, input.entryId),
          eq(contactLogEntry.caseId, input.caseId),
          eq(contactLogEntry.status, 'recorded'),
        ),
      )
      .for('update');
    if (!before) throw new DomainError('PAGE_NOT_FOUND');
    if (before.version !== input.version) throw new DomainError('STALE_VERSION');
    const r = input.record;
    await tx.insert(contactLogRevision).values({
      entryId: input.entryId,
      caseId: input.caseId,
      version: before.version,
      content: contentOf(before),
      reason: input.reason,
      correctedBy: input.actor.userId,
      correctedAt: input.now,
    });
    await tx
      .update(contactLogEntry)
      .set({
        kind: r.kind,
        heldOn: r.heldOn,
        heldTime: r.heldTime,
        place: r.place,
        childIds: r.childIds,
        partyIds: r.partyIds,
        others: r.others,
        whatWasSaid: r.whatWasSaid,
        analysis: r.analysis,
        actions: r.actions,
        objectiveIds: r.objectiveIds,
        updatedAt: input.now,
        version: before.version + 1,
      })
      .where(eq(contactLogEntry.id, input.entryId));
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'planning.contact-corrected',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      body: input.reason,
      details: { entryId: input.entryId, version: before.version + 1 },
    });
    await tx.execute(sql`UPDATE case_record SET updated_at = ${input.now} WHERE id = ${input.caseId}`);
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'change',
        resourceType: 'contact-log-entry',
        resourceIds: [input.entryId],
        caseId: input.caseId,
        fieldCategories: ['contact-log'],
      },
    ]);
    const location = entryLocation(input.caseId, input.entryId, 'corrected');
    await completeFormToken(tx, input.formToken, location);
    return { location };
  });
}
