import { sql } from 'drizzle-orm';
import { check, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { userAccount } from '../../platform/auth/schema.ts';

/**
 * The weight of a case by its type (law and application type) and stage, in points
 * (DOMAIN §5.3). Seeded by migration 0010 with DEFAULT_WORKLOAD_WEIGHTS (workload.ts);
 * changed by a system administrator, with optimistic concurrency.
 */
export const workloadWeight = pgTable(
  'workload_weight',
  {
    law: text('law').notNull(),
    applicationType: text('application_type').notNull(),
    /** allocated | reporting | report-filed | closing */
    stage: text('stage').notNull(),
    weight: numeric('weight', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => userAccount.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.law, t.applicationType, t.stage] }),
    check('workload_weight_range', sql`${t.weight} >= 0 AND ${t.weight} <= 10`),
  ],
);

/**
 * A practitioner's contracted capacity in weighted points, set by a manager. No row: the
 * default (full time for an FCA or children's guardian; none for an associate).
 */
export const practitionerCapacity = pgTable(
  'practitioner_capacity',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => userAccount.id),
    points: numeric('points', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => userAccount.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('practitioner_capacity_range', sql`${t.points} >= 0 AND ${t.points} <= 100`)],
);
