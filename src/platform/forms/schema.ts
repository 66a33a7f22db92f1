import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One-time form tokens: a form carries a token; the first post that uses it records
 * where it led, in the same transaction as its change. A repeat of the post finds the
 * token used and is sent to the same place, so a double submit creates one record.
 */
export const formSubmission = pgTable('form_submission', {
  token: text('token').primaryKey(),
  userId: uuid('user_id').notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }).notNull().defaultNow(),
  resultLocation: text('result_location').notNull(),
});
