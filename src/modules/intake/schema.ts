import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { userAccount } from '../../platform/auth/schema.ts';
import { bytea, caseChild, caseParty, caseRecord } from '../casework/schema.ts';

/** Where each HMCTS feed has got to: the high-water mark of the polling windows. */
export const hmctsFeedState = pgTable('hmcts_feed_state', {
  /** prl (private law) | fpl (public law) */
  feed: text('feed').primaryKey(),
  highWaterMark: timestamp('high_water_mark', { withTimezone: true, mode: 'string' }).notNull(),
  lastPollStartedAt: timestamp('last_poll_started_at', { withTimezone: true }),
  lastPollFinishedAt: timestamp('last_poll_finished_at', { withTimezone: true }),
  lastError: text('last_error'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
});

/** A court case (CCD id) we know from the feed, and the case of ours it became. */
export const hmctsCase = pgTable(
  'hmcts_case',
  {
    ccdId: text('ccd_id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .unique()
      .references(() => caseRecord.id),
    /** The court's own state, e.g. DECISION_OUTCOME. */
    courtState: text('court_state'),
    payloadHash: text('payload_hash').notNull(),
    courtLastModified: text('court_last_modified'),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    /** Absence from later snapshots is never closure: we keep when we last saw it. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** Someone looked at a case missing from the feed and recorded what they found. */
    reconciledAt: timestamp('reconciled_at', { withTimezone: true }),
    reconciledBy: uuid('reconciled_by').references(() => userAccount.id),
    reconciliationNote: text('reconciliation_note'),
  },
  (t) => [index('hmcts_case_last_seen_idx').on(t.lastSeenAt)],
);

/** Every payload received, raw, with its hash: what changed between snapshots is visible. */
export const hmctsSnapshot = pgTable(
  'hmcts_snapshot',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Null when the payload could not be read far enough to find the id. */
    ccdId: text('ccd_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** poll | file */
    source: text('source').notNull(),
    payloadHash: text('payload_hash').notNull(),
    /** The payload exactly as received (also when it is not valid JSON). */
    raw: text('raw').notNull(),
    /** created | updated | unchanged | rejected */
    outcome: text('outcome').notNull(),
    /** Why a payload was rejected, or warnings about parts that were not imported. */
    reason: text('reason'),
    /** Top-level paths of case_data that changed since the previous snapshot. */
    changes: jsonb('changes').notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [index('hmcts_snapshot_ccd_idx').on(t.ccdId, t.receivedAt), index('hmcts_snapshot_outcome_idx').on(t.outcome)],
);

/** PRL children and parties keep their CCD element ids: the key for later snapshots. */
export const hmctsChildLink = pgTable(
  'hmcts_child_link',
  {
    ccdId: text('ccd_id')
      .notNull()
      .references(() => hmctsCase.ccdId),
    elementId: text('element_id').notNull(),
    childId: uuid('child_id')
      .notNull()
      .references(() => caseChild.id),
  },
  (t) => [primaryKey({ columns: [t.ccdId, t.elementId] })],
);

export const hmctsPartyLink = pgTable(
  'hmcts_party_link',
  {
    ccdId: text('ccd_id')
      .notNull()
      .references(() => hmctsCase.ccdId),
    elementId: text('element_id').notNull(),
    partyId: uuid('party_id')
      .notNull()
      .references(() => caseParty.id),
  },
  (t) => [primaryKey({ columns: [t.ccdId, t.elementId] })],
);

/**
 * A document the court listed: listed at once, its bytes fetched later by id with
 * retries. A document missing from a later snapshot is marked removed, never deleted.
 */
export const hmctsDocument = pgTable(
  'hmcts_document',
  {
    documentId: uuid('document_id').primaryKey(),
    ccdId: text('ccd_id')
      .notNull()
      .references(() => hmctsCase.ccdId),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    fileName: text('file_name').notNull(),
    /** CCD category or the top-level field it came from (c8Document, finalDocument …). */
    category: text('category').notNull(),
    listedAt: timestamp('listed_at', { withTimezone: true }).notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    /** pending | fetched | failed */
    fetchStatus: text('fetch_status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }),
    contentType: text('content_type'),
    content: bytea('content'),
    sha256: text('sha256'),
    lastError: text('last_error'),
  },
  (t) => [
    index('hmcts_document_case_idx').on(t.caseId),
    index('hmcts_document_pending_idx').on(t.nextAttemptAt).where(sql`${t.fetchStatus} = 'pending'`),
  ],
);

/** A manual intake in progress: saved at every step so nothing typed is lost. */
export const intakeDraft = pgTable(
  'intake_draft',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when the draft became a case; a submitted draft cannot be submitted again. */
    submittedCaseId: uuid('submitted_case_id').references(() => caseRecord.id),
  },
  (t) => [index('intake_draft_user_idx').on(t.userId, t.updatedAt)],
);
