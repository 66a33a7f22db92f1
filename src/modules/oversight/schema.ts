import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { userAccount } from '../../platform/auth/schema.ts';
import { caseRecord } from '../casework/schema.ts';

/**
 * Every change of a practitioner's self-regulation (DOMAIN §5.2): authorised to file their
 * own work without review, or stepped down. `staff.self_regulating` holds the current state;
 * this is its history, never changed or deleted.
 */
export const selfRegulationChange = pgTable(
  'self_regulation_change',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id),
    /** authorised | stepped-down */
    change: text('change').notNull(),
    reason: text('reason').notNull(),
    changedBy: uuid('changed_by')
      .notNull()
      .references(() => userAccount.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('self_regulation_change_user_idx').on(t.userId, t.changedAt.desc())],
);

/**
 * A case marked for audit because its worker stepped down from self-regulation: open until
 * they are authorised again, which clears it (kept with when and by whom).
 */
export const auditSampleMark = pgTable(
  'audit_sample_mark',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    /** The practitioner whose work is sampled. */
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id),
    reason: text('reason').notNull(),
    /** The step-down that marked it. */
    changeId: uuid('change_id').references(() => selfRegulationChange.id),
    markedBy: uuid('marked_by')
      .notNull()
      .references(() => userAccount.id),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
    clearedBy: uuid('cleared_by').references(() => userAccount.id),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
  },
  (t) => [
    index('audit_sample_mark_case_idx').on(t.caseId),
    index('audit_sample_mark_open_idx').on(t.userId, t.markedAt.desc()).where(sql`${t.clearedAt} IS NULL`),
    uniqueIndex('audit_sample_mark_open_case_user_idx').on(t.caseId, t.userId).where(sql`${t.clearedAt} IS NULL`),
  ],
);
