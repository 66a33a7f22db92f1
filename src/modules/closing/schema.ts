import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { userAccount } from '../../platform/auth/schema.ts';
import { bytea, caseChild, caseRecord } from '../casework/schema.ts';

/**
 * The closing record of a case (DOMAIN §3.2 step 9): whether the court's final order
 * reflects our recommendation, and the closing summary. One per case, written against the
 * final order it names; versioned, so a stale edit is refused.
 */
export const closingRecord = pgTable('closing_record', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => caseRecord.id),
  /** The final order (court_order id) the record was written against. */
  finalOrderId: uuid('final_order_id').notNull(),
  /** yes | partly | no | no-recommendation (no report was filed, so we made none) */
  orderReflects: text('order_reflects').notNull(),
  /** Required for partly and no: how the order differs from what we recommended. */
  reflectsExplanation: text('reflects_explanation'),
  /** The filed report whose recommendation the order was compared with. */
  reportId: uuid('report_id'),
  summary: text('summary').notNull(),
  recordedBy: uuid('recorded_by')
    .notNull()
    .references(() => userAccount.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  updatedBy: uuid('updated_by')
    .notNull()
    .references(() => userAccount.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  version: integer('version').notNull().default(1),
});

/**
 * The letter to a child explaining the court's decision in words for their age, with one
 * optional picture (PNG or JPEG, checked by its content) and its alternative text. One per
 * child of the case; producing it stores a DOCX and a tagged PDF as case documents.
 */
export const childLetter = pgTable(
  'child_letter',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    childId: uuid('child_id')
      .notNull()
      .references(() => caseChild.id),
    /** 4-7 | 8-11 | 12-15 | 16-17 */
    ageBand: text('age_band').notNull(),
    /** en | cy: the child's language preference, else the case language. */
    language: text('language').notNull().default('en'),
    body: text('body').notNull(),
    /** Words the adviser chose to keep though the dictionary does not know them. */
    ignoredWords: text('ignored_words').array().notNull().default(sql`'{}'::text[]`),
    picture: bytea('picture'),
    /** png | jpeg, read from the file's own bytes. */
    pictureFormat: text('picture_format'),
    pictureWidth: integer('picture_width'),
    pictureHeight: integer('picture_height'),
    pictureAlt: text('picture_alt'),
    pictureFileName: text('picture_file_name'),
    /** draft | produced (producing again after a change makes new documents; the old ones stay) */
    status: text('status').notNull().default('draft'),
    producedAt: timestamp('produced_at', { withTimezone: true }),
    producedBy: uuid('produced_by').references(() => userAccount.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('child_letter_child_idx').on(t.childId), index('child_letter_case_idx').on(t.caseId)],
);

/**
 * Each closure and reopening of a case, with who, when and why: the history the case
 * state alone does not keep.
 */
export const closureEvent = pgTable(
  'closure_event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    /** closed | reopened */
    kind: text('kind').notNull(),
    /** Why the case was reopened (required then). */
    reason: text('reason'),
    /** closed: the children aged 4 or over with no letter, and the invitations queued. */
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => userAccount.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('closure_event_case_idx').on(t.caseId, t.occurredAt)],
);
