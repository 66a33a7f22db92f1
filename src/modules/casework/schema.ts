import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { userAccount } from '../../platform/auth/schema.ts';
import { court, localAuthority, serviceArea, team } from '../organisation/schema.ts';

/** Binary content (generated and received documents). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

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
    // Phonetic blocking for matching by name alone (no date of birth on one side):
    // Double Metaphone of the family name and the first given name (fuzzystrmatch).
    index('person_phonetic_idx').on(
      sql`dmetaphone(${t.familyName})`,
      sql`dmetaphone(split_part(${t.givenNames}, ' ', 1))`,
    ),
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
    // The few restricted cases: what a list counts as hidden from everyone not named on them.
    index('case_record_restricted_idx').on(t.id).where(sql`${t.restricted}`),
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
    /** The manager who allocated (null for allocations made by the system or before this was kept). */
    allocatedBy: uuid('allocated_by').references(() => userAccount.id),
    /** Why this worker was chosen (required when the case is reallocated). */
    reason: text('reason'),
    /** Who ended the allocation, and why (a reallocation keeps the old worker's row with both). */
    endedBy: uuid('ended_by').references(() => userAccount.id),
    endReason: text('end_reason'),
  },
  (t) => [
    index('case_allocation_case_idx').on(t.caseId),
    index('case_allocation_user_active_idx').on(t.userId).where(sql`${t.endedAt} IS NULL`),
  ],
);

/**
 * A case moved from one service area (and team) to another: the family moved, or the court's
 * area was wrong. Kept for ever, so the work done before the move stays with the area that did
 * it (the KPIs attribute each unit to the area and team that had the case on its day).
 */
export const caseAreaChange = pgTable(
  'case_area_change',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    fromAreaId: text('from_area_id')
      .notNull()
      .references(() => serviceArea.id),
    fromTeamId: text('from_team_id').references(() => team.id),
    toAreaId: text('to_area_id')
      .notNull()
      .references(() => serviceArea.id),
    toTeamId: text('to_team_id').references(() => team.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    changedBy: uuid('changed_by').references(() => userAccount.id),
    reason: text('reason').notNull(),
  },
  (t) => [index('case_area_change_case_idx').on(t.caseId, t.changedAt)],
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
  (t) => [
    index('timeline_case_time_idx').on(t.caseId, t.occurredAt.desc(), t.id.desc()),
    // The state moves of a case (KPI measuring, allocation's ready date) without reading its whole timeline.
    index('timeline_state_idx').on(t.caseId, t.occurredAt).where(sql`${t.kind} LIKE 'state.%'`),
  ],
);

/**
 * Extra columns of a private-law case set at intake: the date the court wants the
 * safeguarding letter by and the route screening chose. Kept beside the case so queues
 * can order by them without joins.
 */
export const caseCourtDates = pgTable(
  'case_court_dates',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => caseRecord.id),
    /** The court-set date for the safeguarding letter (Schedule 2 letter). */
    letterDueOn: date('letter_due_on', { mode: 'string' }),
    /** The court's own state of the case (e.g. DECISION_OUTCOME); never our work state. */
    courtState: text('court_state'),
    /** Court's own reference (FamilyMan number or CCD case id). */
    courtReference: text('court_reference'),
    /** What the applicant asked for: childArrangementsOrder, prohibitedStepsOrder, specificIssueOrder … */
    ordersApplyingFor: text('orders_applying_for').array().notNull().default(sql`'{}'::text[]`),
    /** Allegations of harm as given by the applicant (domestic-abuse, child-abuse, abduction …). */
    allegationsOfHarm: text('allegations_of_harm').array().notNull().default(sql`'{}'::text[]`),
    allegationsDetail: text('allegations_detail'),
    interpreterNeeds: jsonb('interpreter_needs').notNull().default(sql`'[]'::jsonb`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_court_dates_letter_due_idx').on(t.letterDueOn)],
);

/** Hearings of a case (from HMC or typed in), one row per hearing, its days in `days`. */
export const hearing = pgTable(
  'hearing',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    /** HMC hearingID or FPL hearing id when it came from the court. */
    sourceRef: text('source_ref'),
    /** e.g. ABA5-FHD (FHDRA), ABA5-DRA, ABA5-FFH, or our own code. */
    typeCode: text('type_code').notNull(),
    typeLabel: text('type_label'),
    /** LISTED, CANCELLED, ADJOURNED, COMPLETED … (HMC) */
    status: text('status'),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'string' }),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'string' }),
    venue: text('venue'),
    days: jsonb('days').notNull().default(sql`'[]'::jsonb`),
    outcome: text('outcome'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who typed the hearing in or last changed it (null when it came from the court). */
    updatedBy: uuid('updated_by').references(() => userAccount.id),
    /** Optimistic concurrency: bumped by every change (a trigger bumps it for the HMCTS import too). */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('hearing_case_idx').on(t.caseId, t.startsAt),
    uniqueIndex('hearing_case_source_idx').on(t.caseId, t.sourceRef),
  ],
);

/** Orders the court made, with the reports it directed of us and when they are due. */
export const courtOrder = pgTable(
  'court_order',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    sourceRef: text('source_ref'),
    /** e.g. childArrangementsSpecificProhibitedOrder (C43) */
    orderType: text('order_type').notNull(),
    label: text('label'),
    madeOn: date('made_on', { mode: 'string' }),
    hearingSourceRef: text('hearing_source_ref'),
    /** The hearing the order was made at, when recorded by us. */
    hearingId: uuid('hearing_id').references(() => hearing.id),
    /** The final order ends the proceedings and the closing work begins (the latest counts after a reopening). */
    final: boolean('final').notNull().default(false),
    /** Who recorded the order (null when it came from the court). */
    recordedBy: uuid('recorded_by').references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('court_order_case_idx').on(t.caseId),
    uniqueIndex('court_order_case_source_idx').on(t.caseId, t.sourceRef),
  ],
);

/**
 * A direction for us to file something by a date: a due date for our work (section 7
 * report, safeguarding letter update, 16.4 report, S16A risk assessment …).
 */
export const courtDirection = pgTable(
  'court_direction',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    orderId: uuid('order_id').references(() => courtOrder.id),
    /** safeguarding-letter | section-7 | s7-addendum | rule-16-4 | s16a | child-impact | letter-update | other */
    reportType: text('report_type').notNull(),
    /** The court's label for the report, as it sent it. */
    reportLabel: text('report_label'),
    dueOn: date('due_on', { mode: 'string' }),
    /** court-order (HMCTS) | fhdra-outcome | manual */
    source: text('source').notNull(),
    filedOn: date('filed_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who typed the direction in (null when it came from the court or the first hearing's outcome). */
    createdBy: uuid('created_by').references(() => userAccount.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Optimistic concurrency: bumped by every change (a trigger bumps it for the HMCTS import too). */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('court_direction_case_idx').on(t.caseId),
    index('court_direction_open_due_idx').on(t.dueOn).where(sql`${t.filedOn} IS NULL`),
    uniqueIndex('court_direction_order_type_idx').on(t.orderId, t.reportType),
  ],
);

/**
 * A document of a case: received from the court or produced by us (letters, reports).
 * Produced documents keep their bytes; each generation is a new row (versions).
 */
export const caseDocument = pgTable(
  'case_document',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    /** produced | received */
    direction: text('direction').notNull(),
    /** safeguarding-letter | letter-update | section-7 | court-order | application … */
    kind: text('kind').notNull(),
    /** The record the document was produced from (e.g. a safeguarding letter's id). */
    sourceId: uuid('source_id'),
    language: text('language').notNull().default('en'),
    /** docx | pdf */
    format: text('format').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    content: bytea('content').notNull(),
    sha256: text('sha256').notNull(),
    byteSize: integer('byte_size').notNull(),
    createdBy: uuid('created_by').references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_document_case_idx').on(t.caseId, t.createdAt), index('case_document_source_idx').on(t.sourceId)],
);

/**
 * A possible earlier identity of a person in the person index, found by fuzzy matching
 * at intake. Never merged automatically: a person confirms or rejects each candidate.
 */
export const personMatch = pgTable(
  'person_match',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The case being taken in, where the match was looked for. */
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    candidatePersonId: uuid('candidate_person_id')
      .notNull()
      .references(() => person.id),
    /** Name similarity 0..1 (pg_trgm) */
    score: real('score').notNull(),
    /** exact | near (a day/month swapped or a year out) | unknown */
    dateOfBirthMatch: text('date_of_birth_match').notNull(),
    /** candidate | confirmed | rejected */
    status: text('status').notNull().default('candidate'),
    decidedBy: uuid('decided_by').references(() => userAccount.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('person_match_pair_idx').on(t.personId, t.candidatePersonId),
    index('person_match_case_idx').on(t.caseId),
    index('person_match_candidate_idx').on(t.candidatePersonId),
  ],
);

/**
 * The last case reference number given out in each year (CV-YYYY-nnnnnn). Taking numbers
 * updates the year's row, so intakes running at once get distinct numbers and wait only
 * for each other's commit, never scan the cases.
 */
export const caseReferenceCounter = pgTable('case_reference_counter', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});
