import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { userAccount } from '../../platform/auth/schema.ts';
import { caseChild, caseParty, caseRecord, courtDirection } from '../casework/schema.ts';

/**
 * A report to the court (DOMAIN §3.2 step 7): a section 7 report, an addendum to a filed
 * report, or a rule 16.4 report. It answers one court direction (its due date). Drafted
 * by the FCA in structured sections (jsonb `sections`, see sections.ts), reviewed by a
 * manager unless the author is self-regulating, then filed as DOCX and tagged PDF.
 */
export const courtReport = pgTable(
  'court_report',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    /** section-7 | addendum | rule-16-4 */
    kind: text('kind').notNull(),
    /** The court direction the report answers (one report per direction). */
    directionId: uuid('direction_id')
      .notNull()
      .references(() => courtDirection.id),
    /** For an addendum: the filed report it adds to. */
    parentReportId: uuid('parent_report_id').references((): AnyPgColumn => courtReport.id),
    /** en | cy: the report's (and its documents') language. */
    language: text('language').notNull().default('en'),
    /** draft | submitted | returned | approved | filed */
    status: text('status').notNull().default('draft'),
    sections: jsonb('sections').notNull().default(sql`'{}'::jsonb`),
    authorId: uuid('author_id')
      .notNull()
      .references(() => userAccount.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => userAccount.id),
    /** The direction's due date when the report was filed (the court may change it later). */
    dueOn: date('due_on', { mode: 'string' }),
    filedOn: date('filed_on', { mode: 'string' }),
    filedAt: timestamp('filed_at', { withTimezone: true }),
    filedBy: uuid('filed_by').references(() => userAccount.id),
    /** review (approved by a manager) | self-regulating (filed by a self-regulating author without review) */
    filedAfter: text('filed_after'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('court_report_case_idx').on(t.caseId, t.createdAt),
    index('court_report_submitted_idx').on(t.submittedAt).where(sql`${t.status} = 'submitted'`),
    // One report answers a direction: a second start finds the first.
    uniqueIndex('court_report_direction_idx').on(t.directionId),
  ],
);

/** Every saved version of a report's sections: the drafting history. */
export const courtReportRevision = pgTable(
  'court_report_revision',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => courtReport.id),
    version: integer('version').notNull(),
    sections: jsonb('sections').notNull(),
    savedBy: uuid('saved_by')
      .notNull()
      .references(() => userAccount.id),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('court_report_revision_report_idx').on(t.reportId, t.version)],
);

/** A manager's review of a submitted report: returned with comments, or approved. */
export const courtReportReview = pgTable(
  'court_report_review',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => courtReport.id),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => userAccount.id),
    /** returned | approved */
    decision: text('decision').notNull(),
    comments: text('comments'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('court_report_review_report_idx').on(t.reportId, t.reviewedAt)],
);

/** That a filed report was shared with a party or a child: when, how, and for a child why. */
export const courtReportShare = pgTable(
  'court_report_share',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => courtReport.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    partyId: uuid('party_id').references(() => caseParty.id),
    childId: uuid('child_id').references(() => caseChild.id),
    sharedOn: date('shared_on', { mode: 'string' }).notNull(),
    /** email | post | secure-portal | in-person | through-solicitor */
    method: text('method').notNull(),
    /** Why sharing with the child is right (required for a child). */
    reason: text('reason'),
    /** The next hearing's date when it was recorded (a share after it is late for comments). */
    nextHearingOn: date('next_hearing_on', { mode: 'string' }),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => userAccount.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('court_report_share_report_idx').on(t.reportId, t.sharedOn)],
);
