import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { userAccount } from '../../platform/auth/schema.ts';
import { court, localAuthority, serviceArea, team } from '../organisation/schema.ts';

/** One identity across cases: families return to court. */
export const person = pgTable(
  'person',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    givenNames: text('given_names').notNull(),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    /** en | cy: the language the person has chosen to be addressed in (the active offer). */
    languagePreference: text('language_preference').notNull().default('en'),
    interpreterLanguage: text('interpreter_language'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('person_name_trgm_idx').using('gin', sql`(${t.familyName} || ' ' || ${t.givenNames}) gin_trgm_ops`),
    index('person_dob_idx').on(t.dateOfBirth),
  ],
);

/** A set of proceedings about one or more subject children. */
export const caseRecord = pgTable(
  'case_record',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull().unique(),
    /** private | public | adoption */
    law: text('law').notNull(),
    applicationType: text('application_type').notNull(),
    /** Our work state (the court's own state is kept separately by intake). */
    status: text('status').notNull(),
    areaId: text('area_id')
      .notNull()
      .references(() => serviceArea.id),
    teamId: text('team_id').references(() => team.id),
    courtId: text('court_id').references(() => court.id),
    localAuthorityCode: text('local_authority_code').references(() => localAuthority.code),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    firstHearingOn: date('first_hearing_on', { mode: 'string' }),
    /** en | cy: the language of our work on the case. */
    language: text('language').notNull().default('en'),
    /** Restricted cases (e.g. a member of staff is a party) are seen only by named people. */
    restricted: boolean('restricted').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('case_area_received_idx').on(t.areaId, t.receivedOn),
    index('case_team_received_idx').on(t.teamId, t.receivedOn),
    index('case_received_idx').on(t.receivedOn, t.id),
    index('case_status_idx').on(t.status),
    // Caseloads list open cases, newest first, by team, by area or nationally.
    index('case_open_received_idx').on(t.receivedOn.desc(), t.id.desc()).where(sql`${t.closedAt} IS NULL`),
    index('case_open_team_received_idx').on(t.teamId, t.receivedOn.desc()).where(sql`${t.closedAt} IS NULL`),
    index('case_open_area_received_idx').on(t.areaId, t.receivedOn.desc()).where(sql`${t.closedAt} IS NULL`),
  ],
);

export const caseChild = pgTable(
  'case_child',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    gender: text('gender'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_child_case_idx').on(t.caseId), index('case_child_person_idx').on(t.personId)],
);

export const caseParty = pgTable(
  'case_party',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    /** applicant | respondent | other-party | local-authority */
    partyRole: text('party_role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_party_case_idx').on(t.caseId), index('case_party_person_idx').on(t.personId)],
);

/** How each adult party is related to each subject child. */
export const partyChildRelationship = pgTable(
  'party_child_relationship',
  {
    partyId: uuid('party_id')
      .notNull()
      .references(() => caseParty.id),
    childId: uuid('child_id')
      .notNull()
      .references(() => caseChild.id),
    /** mother | father | step-parent | grandparent | other-relative | special-guardian | other */
    relationship: text('relationship').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partyId, t.childId] }), index('party_child_relationship_child_idx').on(t.childId)],
);

/**
 * Addresses, phone numbers and e-mail addresses of a person in a case. A confidential
 * detail (FPR 2010 r.29.1) is shown only to viewers allowed to see it and never leaves
 * in a document, export or portal view for another party.
 */
export const contactDetail = pgTable(
  'contact_detail',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    /** address | phone | email */
    kind: text('kind').notNull(),
    addressLines: text('address_lines').array(),
    postcode: text('postcode'),
    value: text('value'),
    confidential: boolean('confidential').notNull().default(false),
    /** Living in a refuge makes every contact detail of the person confidential. */
    refuge: boolean('refuge').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contact_detail_case_person_idx').on(t.caseId, t.personId)],
);

/** Who a case is allocated to, with history: an allocation is ended, never deleted. */
export const caseAllocation = pgTable(
  'case_allocation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id),
    /** fca | childrens-guardian | seo | associate … */
    allocationRole: text('allocation_role').notNull(),
    allocatedAt: timestamp('allocated_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('case_allocation_case_idx').on(t.caseId),
    index('case_allocation_user_active_idx').on(t.userId).where(sql`${t.endedAt} IS NULL`),
  ],
);

/** People named on a restricted case, and inspectors given a sampled case. */
export const caseAccessGrant = pgTable(
  'case_access_grant',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id),
    grantedBy: uuid('granted_by').references(() => userAccount.id),
    reason: text('reason').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), index('case_access_grant_user_idx').on(t.userId)],
);

/** Emergency ("break-glass") access with a typed reason, time-limited and flagged for review. */
export const emergencyAccess = pgTable(
  'emergency_access',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id),
    reason: text('reason').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    reviewedBy: uuid('reviewed_by').references(() => userAccount.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** justified | not-justified */
    reviewOutcome: text('review_outcome'),
    reviewComment: text('review_comment'),
  },
  (t) => [
    index('emergency_access_case_user_idx').on(t.caseId, t.userId, t.expiresAt),
    index('emergency_access_user_idx').on(t.userId, t.expiresAt),
    index('emergency_access_unreviewed_idx').on(t.grantedAt).where(sql`${t.reviewedAt} IS NULL`),
  ],
);

/** The case chronology: every event, record and document in date order. */
export const timelineEvent = pgTable(
  'timeline_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'string' }).notNull(),
    /** Event kind, also the i18n key of its title: e.g. case-received, note-added. */
    kind: text('kind').notNull(),
    childId: uuid('child_id').references(() => caseChild.id),
    actorUserId: uuid('actor_user_id').references(() => userAccount.id),
    /** Free text written by staff (e.g. a case note); never a confidential contact detail. */
    body: text('body'),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('timeline_case_time_idx').on(t.caseId, t.occurredAt.desc(), t.id.desc())],
);
