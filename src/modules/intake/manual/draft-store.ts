import { sql } from 'drizzle-orm';
import { type AuditActor, appendAudit } from '../../../platform/audit/audit.ts';
import { type Db, type Executor, queryRows } from '../../../platform/db/database.ts';
import { DomainError } from '../../../platform/errors/catalogue.ts';
import type { Draft, DraftData } from './types.ts';

/**
 * The drafts of manual intake: saved at every step, seen only by their author, with a
 * version so that a stale tab cannot overwrite newer answers.
 */

export const DRAFTS_PAGE_SIZE = 20;

const DRAFT_COLUMNS = sql`id, user_id AS "userId", data, version, created_at AS "createdAt", updated_at AS "updatedAt",
  submitted_case_id AS "submittedCaseId"`;

export async function createDraft(db: Db, actor: AuditActor & { userId: string }, now: Date): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO intake_draft (user_id, data, version, created_at, updated_at)
        VALUES (${actor.userId}, '{}'::jsonb, 1, ${now}, ${now}) RETURNING id`,
    );
    await appendAudit(tx, actor, now, [
      { action: 'create', resourceType: 'intake-draft', resourceIds: [row!.id], fieldCategories: ['application'] },
    ]);
    return row!.id;
  });
}

/** A draft of this user (another user's draft is "not found"), submitted or not. */
export async function getDraft(db: Executor, draftId: string, userId: string): Promise<Draft | null> {
  const [row] = await queryRows<Draft>(
    db,
    sql`SELECT ${DRAFT_COLUMNS} FROM intake_draft WHERE id = ${draftId} AND user_id = ${userId}`,
  );
  return row ?? null;
}

export interface DraftListRow {
  id: string;
  createdAt: string;
  updatedAt: string;
  childNames: string[];
}

/** This user's unsubmitted drafts, most recently changed first. */
export async function listDrafts(
  db: Executor,
  userId: string,
  page: number,
): Promise<{ rows: DraftListRow[]; total: number }> {
  const [count] = await queryRows<{ total: number }>(
    db,
    sql`SELECT count(*)::int AS total FROM intake_draft WHERE user_id = ${userId} AND submitted_case_id IS NULL`,
  );
  const rows = await queryRows<DraftListRow>(
    db,
    sql`SELECT id, created_at AS "createdAt", updated_at AS "updatedAt",
        ARRAY(SELECT trim(coalesce(ch->>'givenNames', '') || ' ' || coalesce(ch->>'familyName', ''))
              FROM jsonb_array_elements(CASE WHEN jsonb_typeof(data->'children') = 'array' THEN data->'children' ELSE '[]'::jsonb END) ch)
          AS "childNames"
      FROM intake_draft WHERE user_id = ${userId} AND submitted_case_id IS NULL
      ORDER BY updated_at DESC, id
      LIMIT ${DRAFTS_PAGE_SIZE} OFFSET ${(page - 1) * DRAFTS_PAGE_SIZE}`,
  );
  return { rows, total: count?.total ?? 0 };
}

/**
 * Save new answers over the version they were read at. Nothing is written when the draft
 * has moved on (STALE_VERSION), is not this user's (DRAFT_NOT_FOUND) or became a case
 * (DRAFT_ALREADY_SUBMITTED). Returns the new version.
 */
export async function saveDraft(
  db: Db,
  input: {
    draftId: string;
    version: number;
    update: (data: DraftData) => DraftData;
    actor: AuditActor & { userId: string };
    now: Date;
  },
): Promise<number> {
  return db.transaction(async (tx) => {
    const [current] = await queryRows<Draft>(
      tx,
      sql`SELECT ${DRAFT_COLUMNS} FROM intake_draft WHERE id = ${input.draftId} AND user_id = ${input.actor.userId} FOR UPDATE`,
    );
    if (!current) throw new DomainError('DRAFT_NOT_FOUND');
    if (current.submittedCaseId) throw new DomainError('DRAFT_ALREADY_SUBMITTED');
    if (current.version !== input.version) throw new DomainError('STALE_VERSION');
    const data = input.update(current.data);
    const [row] = await queryRows<{ version: number }>(
      tx,
      sql`UPDATE intake_draft SET data = ${JSON.stringify(data)}::jsonb, version = version + 1, updated_at = ${input.now}
        WHERE id = ${input.draftId} AND version = ${input.version} RETURNING version`,
    );
    if (!row) throw new DomainError('STALE_VERSION');
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'change',
        resourceType: 'intake-draft',
        resourceIds: [input.draftId],
        fieldCategories: ['application'],
      },
    ]);
    return row.version;
  });
}

/** Delete an unsubmitted draft of this user. */
export async function deleteDraft(
  db: Db,
  input: { draftId: string; actor: AuditActor & { userId: string }; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await queryRows<{ id: string }>(
      tx,
      sql`DELETE FROM intake_draft WHERE id = ${input.draftId} AND user_id = ${input.actor.userId}
        AND submitted_case_id IS NULL RETURNING id`,
    );
    if (deleted.length === 0) throw new DomainError('DRAFT_NOT_FOUND');
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'change',
        resourceType: 'intake-draft',
        resourceIds: [input.draftId],
        fieldCategories: ['application'],
        reason: 'deleted',
      },
    ]);
  });
}

export interface CourtOption {
  id: string;
  name: string;
  nameCy: string | null;
  areaId: string | null;
}

export async function listCourtOptions(db: Executor): Promise<CourtOption[]> {
  return queryRows<CourtOption>(
    db,
    sql`SELECT id, name, name_cy AS "nameCy", area_id AS "areaId" FROM court ORDER BY name`,
  );
}

export async function listAreaOptions(db: Executor): Promise<{ id: string; name: string; nameCy: string }[]> {
  return queryRows(db, sql`SELECT id, name, name_cy AS "nameCy" FROM service_area ORDER BY name`);
}
