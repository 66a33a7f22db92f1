import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { userAccount } from '../../platform/auth/schema.ts';
import { caseChild, caseParty, caseRecord } from '../casework/schema.ts';
import { directWorkTool, localAuthority } from '../organisation/schema.ts';

/**
 * A piece of direct work with one child (DOMAIN §3.2 step 4): whether the child was seen and
 * seen alone (with the reason when not), where, when and for how long, and the child's own
 * words kept verbatim, apart from the adviser's interpretation. The words are never edited in
 * place without trace: every text they have had is kept in direct_work_words_revision.
 */
export const directWorkSession = pgTable(
  'direct_work_session',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    childId: uuid('child_id')
      .notNull()
      .references(() => caseChild.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    seen: boolean('seen').notNull(),
    notSeenReason: text('not_seen_reason'),
    seenAlone: boolean('seen_alone').notNull().default(false),
    notSeenAloneReason: text('not_seen_alone_reason'),
    place: text('place').notNull().default(''),
    minutes: integer('minutes').notNull().default(0),
    /** The child's own words, verbatim: the latest revision (the earlier ones are kept). */
    ownWords: text('own_words').notNull().default(''),
    wordsRevision: integer('words_revision').notNull().default(1),
    /** The adviser's interpretation and analysis, kept apart from the child's words. */
    interpretation: text('interpretation').notNull().default(''),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => userAccount.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('direct_work_session_case_child_idx').on(t.caseId, t.childId, t.heldOn),
    index('direct_work_session_child_idx').on(t.childId),
  ],
);

/** The tools of the catalogue used in a session (a retired tool stays on the records that used it). */
export const directWorkSessionTool = pgTable(
  'direct_work_session_tool',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => directWorkSession.id),
    toolCode: text('tool_code')
      .notNull()
      .references(() => directWorkTool.code),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.toolCode] }),
    index('direct_work_session_tool_tool_idx').on(t.toolCode),
  ],
);

/** Every text the child's words of a session have had, with who changed them, when and why. */
export const directWorkWordsRevision = pgTable(
  'direct_work_words_revision',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => directWorkSession.id),
    revision: integer('revision').notNull(),
    ownWords: text('own_words').notNull(),
    /** Why the words were corrected (null for the words first recorded). */
    correctionReason: text('correction_reason'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => userAccount.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.revision] })],
);

/**
 * The child impact analysis of one child: the welfare checklist (s1(3) Children Act 1989),
 * the child's lived experience, the impact of the adults' dispute and of risks, and the
 * child's timescales. One per child, edited with optimistic concurrency.
 */
export const childImpactAnalysis = pgTable(
  'child_impact_analysis',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    childId: uuid('child_id')
      .notNull()
      .references(() => caseChild.id),
    livedExperience: text('lived_experience').notNull(),
    disputeImpact: text('dispute_impact').notNull(),
    riskImpact: text('risk_impact').notNull(),
    /** Checklist code (WELFARE_CHECKLIST) → the adviser's analysis under that heading. */
    welfare: jsonb('welfare').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    timescales: text('timescales').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => userAccount.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('child_impact_analysis_child_idx').on(t.childId),
    index('child_impact_analysis_case_idx').on(t.caseId),
  ],
);

/**
 * The child's diversity and identity (race and ethnicity, culture, religion, language, gender
 * identity, disability), each with a note, and a statement of what is relevant to the report
 * or why nothing is.
 */
export const childDiversity = pgTable(
  'child_diversity',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    childId: uuid('child_id')
      .notNull()
      .references(() => caseChild.id),
    /** Aspect code (DIVERSITY_ASPECTS) → the note on it. */
    aspects: jsonb('aspects').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    relevant: boolean('relevant').notNull(),
    statement: text('statement').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => userAccount.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('child_diversity_child_idx').on(t.childId), index('child_diversity_case_idx').on(t.caseId)],
);

/**
 * The signposting directory: local services by local authority, or for a whole nation when
 * no local authority is given. Maintained by administrators; a retired service stays on the
 * signposting that named it.
 */
export const localService = pgTable(
  'local_service',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** england | wales */
    nation: text('nation').notNull(),
    localAuthorityCode: text('local_authority_code').references(() => localAuthority.code),
    /** family-information | domestic-abuse | parenting-programme | mediation | young-carers | counselling | other */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    nameCy: text('name_cy').notNull(),
    description: text('description').notNull().default(''),
    descriptionCy: text('description_cy').notNull().default(''),
    /** How to reach the service (a web address, an e-mail address, a telephone number). */
    contact: text('contact').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('local_service_la_idx').on(t.localAuthorityCode), index('local_service_nation_idx').on(t.nation)],
);

/** Signposting given on a case: which service, to whom (a party or a child), when and how. */
export const signposting = pgTable(
  'signposting',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    localServiceId: uuid('local_service_id')
      .notNull()
      .references(() => localService.id),
    partyId: uuid('party_id').references(() => caseParty.id),
    childId: uuid('child_id').references(() => caseChild.id),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
    /** in-person | telephone | video | letter | email */
    method: text('method').notNull(),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('signposting_case_idx').on(t.caseId, t.givenOn)],
);
