import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, time, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { userAccount } from '../../platform/auth/schema.ts';
import { caseRecord } from '../casework/schema.ts';

/** An objective of the plan: what must be found out. The id stays the same across versions. */
export interface PlanObjective {
  id: string;
  text: string;
}

/** Someone the worker will see: a child or party of the case, or someone typed in. */
export type PlanPerson = { kind: 'child' | 'party'; id: string } | { kind: 'other'; name: string };

/** A planned step with its date (a visit, seeing a child, a meeting with the school). */
export interface PlannedStep {
  what: string;
  on: string;
}

/**
 * The head of a case's plan: which version is current and when it is due for review (the
 * review-due list reads this, indexed). Saving a version moves it on, with optimistic
 * concurrency on `current_version`.
 */
export const casePlan = pgTable(
  'case_plan',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => caseRecord.id),
    currentVersion: integer('current_version').notNull(),
    reviewDueOn: date('review_due_on', { mode: 'string' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_plan_review_due_idx').on(t.reviewDueOn)],
);

/**
 * One version of a case plan (DOMAIN §3.2 step 2). Never updated: each save, by the worker
 * (the plan) or by a manager (the direction), writes the whole plan as a new version.
 */
export const casePlanVersion = pgTable(
  'case_plan_version',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    version: integer('version').notNull(),
    objectives: jsonb('objectives').$type<PlanObjective[]>().notNull().default(sql`'[]'::jsonb`),
    people: jsonb('people').$type<PlanPerson[]>().notNull().default(sql`'[]'::jsonb`),
    /** Codes of the direct-work tools catalogue (organisation). */
    tools: text('tools').array().notNull().default(sql`'{}'::text[]`),
    plannedSteps: jsonb('planned_steps').$type<PlannedStep[]>().notNull().default(sql`'[]'::jsonb`),
    reviewDueOn: date('review_due_on', { mode: 'string' }),
    /** shared | not-yet | not-shared */
    sharing: text('sharing'),
    sharedOn: date('shared_on', { mode: 'string' }),
    /** in-person | letter | email | telephone | video */
    sharedHow: text('shared_how'),
    notSharedReason: text('not_shared_reason'),
    managerDirection: text('manager_direction'),
    /** The manager's priorities, in order. */
    managerPriorities: jsonb('manager_priorities').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    directionBy: uuid('direction_by').references(() => userAccount.id),
    directionAt: timestamp('direction_at', { withTimezone: true }),
    /** plan | direction: which save made this version. */
    changeKind: text('change_kind').notNull(),
    changeNote: text('change_note'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('case_plan_version_case_version_idx').on(t.caseId, t.version)],
);

/**
 * An entry of the contact log (DOMAIN §3.2 step 3): an interview, visit, call, e-mail or
 * meeting. A draft is its author's alone and keeps what was typed as it was typed (`draft`);
 * recording validates it into the columns. A recorded entry is corrected with a reason,
 * the content it replaced kept in contact_log_revision.
 */
export const contactLogEntry = pgTable(
  'contact_log_entry',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    /** draft | recorded */
    status: text('status').notNull().default('draft'),
    /** interview | visit | call | email | meeting */
    kind: text('kind'),
    heldOn: date('held_on', { mode: 'string' }),
    heldTime: time('held_time'),
    place: text('place'),
    childIds: uuid('child_ids').array().notNull().default(sql`'{}'::uuid[]`),
    partyIds: uuid('party_ids').array().notNull().default(sql`'{}'::uuid[]`),
    others: text('others').array().notNull().default(sql`'{}'::text[]`),
    whatWasSaid: text('what_was_said'),
    analysis: text('analysis'),
    actions: text('actions'),
    /** Ids of the plan's objectives this contact serves. */
    objectiveIds: text('objective_ids').array().notNull().default(sql`'{}'::text[]`),
    planVersion: integer('plan_version'),
    /** The form as typed, while a draft (field → text or list of texts). */
    draft: jsonb('draft').$type<Record<string, string | string[]>>(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => userAccount.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
  },
  (t) => [
    index('contact_log_recorded_idx')
      .on(t.caseId, t.heldOn.desc(), t.heldTime.desc())
      .where(sql`${t.status} = 'recorded'`),
    index('contact_log_draft_idx').on(t.caseId, t.authorId, t.updatedAt).where(sql`${t.status} = 'draft'`),
  ],
);

/** The content a correction replaced, with the correction's reason: nothing recorded is lost. */
export const contactLogRevision = pgTable(
  'contact_log_revision',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => contactLogEntry.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    /** The version of the entry this content was. */
    version: integer('version').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    /** Why it was corrected (the correction that replaced this content). */
    reason: text('reason').notNull(),
    correctedBy: uuid('corrected_by')
      .notNull()
      .references(() => userAccount.id),
    correctedAt: timestamp('corrected_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('contact_log_revision_entry_version_idx').on(t.entryId, t.version)],
);
