import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { userAccount } from '../../platform/auth/schema.ts';
import { caseParty, caseRecord } from '../casework/schema.ts';
import { localAuthority } from '../organisation/schema.ts';

/**
 * A risk signal that arrived with the application (HMCTS MIAM exemptions, children known
 * to the local authority, allegations typed in at intake). Screening reads them; they are
 * not our assessment.
 */
export const riskSignal = pgTable(
  'risk_signal',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    /** miam-domestic-abuse | miam-child-protection | known-to-local-authority | allegation */
    kind: text('kind').notNull(),
    /** hmcts | intake */
    source: text('source').notNull(),
    detail: text('detail'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('risk_signal_case_kind_idx').on(t.caseId, t.kind, t.source)],
);

/** Screening of a private-law application: risk flags and the route chosen (DOMAIN §3.1 step 3). */
export const screening = pgTable(
  'screening',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => caseRecord.id),
    /** domestic-abuse | child-abuse | abduction | substance-misuse | mental-health | other */
    riskFlags: text('risk_flags').array().notNull().default(sql`'{}'::text[]`),
    otherRisk: text('other_risk'),
    /** standard | fast-track | child-protection-referral */
    decision: text('decision').notNull(),
    rationale: text('rationale').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    screenedBy: uuid('screened_by')
      .notNull()
      .references(() => userAccount.id),
    screenedAt: timestamp('screened_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('screening_screened_at_idx').on(t.screenedAt)],
);

/** An immediate child-protection referral to a local authority: what was sent, when, how. */
export const childProtectionReferral = pgTable(
  'child_protection_referral',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    localAuthorityCode: text('local_authority_code')
      .notNull()
      .references(() => localAuthority.code),
    /** secure-email | telephone | portal */
    method: text('method').notNull(),
    /** The text of the referral as it was sent. */
    content: text('content').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    sentBy: uuid('sent_by')
      .notNull()
      .references(() => userAccount.id),
    /** screening | first-hearing | other */
    madeAt: text('made_at').notNull(),
  },
  (t) => [index('cp_referral_case_idx').on(t.caseId)],
);

/**
 * A safeguarding check: police (PNC) per adult party, due in 2 working days; local
 * authority children's services per relevant authority.
 */
export const safeguardingCheck = pgTable(
  'safeguarding_check',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    /** police | local-authority */
    kind: text('kind').notNull(),
    partyId: uuid('party_id').references(() => caseParty.id),
    localAuthorityCode: text('local_authority_code').references(() => localAuthority.code),
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    returnedOn: date('returned_on', { mode: 'string' }),
    /** no-record | information-held | concerns */
    outcome: text('outcome'),
    concerns: text('concerns'),
    /** Returned after the letter was filed: an update letter (addendum) is needed. */
    addendumNeeded: boolean('addendum_needed').notNull().default(false),
    lastChasedOn: date('last_chased_on', { mode: 'string' }),
    chaseCount: integer('chase_count').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('safeguarding_check_case_idx').on(t.caseId),
    index('safeguarding_check_open_due_idx').on(t.dueOn).where(sql`${t.returnedOn} IS NULL`),
    // The "update letter needed" list.
    index('safeguarding_check_addendum_idx').on(t.updatedAt).where(sql`${t.addendumNeeded}`),
    uniqueIndex('safeguarding_check_police_party_idx').on(t.caseId, t.partyId).where(sql`${t.kind} = 'police'`),
    uniqueIndex('safeguarding_check_la_idx')
      .on(t.caseId, t.localAuthorityCode)
      .where(sql`${t.kind} = 'local-authority'`),
  ],
);

/** A safeguarding telephone interview with an adult party (never the child). */
export const safeguardingInterview = pgTable(
  'safeguarding_interview',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    partyId: uuid('party_id')
      .notNull()
      .references(() => caseParty.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** telephone | video | in-person */
    method: text('method').notNull(),
    /** The structured domestic-abuse screening answers (question id → answer). */
    domesticAbuseScreening: jsonb('domestic_abuse_screening').notNull().default(sql`'{}'::jsonb`),
    summary: text('summary').notNull(),
    /** Held on the day of the first hearing: later than it should have been. */
    onHearingDay: boolean('on_hearing_day').notNull().default(false),
    interviewerId: uuid('interviewer_id')
      .notNull()
      .references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('safeguarding_interview_case_idx').on(t.caseId)],
);

/**
 * The safeguarding letter to the court (Schedule 2 letter), or an update letter after a
 * late check: drafted in sections, reviewed, filed. A filed letter is never edited.
 */
export const safeguardingLetter = pgTable(
  'safeguarding_letter',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    /** letter | update */
    kind: text('kind').notNull(),
    /** draft | submitted | returned | filed */
    status: text('status').notNull().default('draft'),
    language: text('language').notNull().default('en'),
    /** Section id → text: checks, interviews, risk-analysis, child-circumstances, signposting … */
    sections: jsonb('sections').notNull().default(sql`'{}'::jsonb`),
    /** One of the court's list: no-further-involvement, section-7-cafcass, section-7-local-authority, section-37, rule-16-4, services */
    recommendation: text('recommendation'),
    /** Required when a check was not returned by filing: says so for the court. */
    unreturnedChecksStatement: text('unreturned_checks_statement'),
    dueOn: date('due_on', { mode: 'string' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => userAccount.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    filedOn: date('filed_on', { mode: 'string' }),
    filedAt: timestamp('filed_at', { withTimezone: true }),
    filedBy: uuid('filed_by').references(() => userAccount.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('safeguarding_letter_case_idx').on(t.caseId),
    index('safeguarding_letter_submitted_idx').on(t.submittedAt).where(sql`${t.status} = 'submitted'`),
    // A case has one safeguarding letter in progress or filed; update letters may be several.
    uniqueIndex('safeguarding_letter_one_per_case_idx').on(t.caseId).where(sql`${t.kind} = 'letter'`),
  ],
);

/** A manager's review of a submitted letter: returned with comments, or approved and filed. */
export const letterReview = pgTable(
  'letter_review',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    letterId: uuid('letter_id')
      .notNull()
      .references(() => safeguardingLetter.id),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => userAccount.id),
    /** returned | approved */
    decision: text('decision').notNull(),
    comments: text('comments'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('letter_review_letter_idx').on(t.letterId)],
);

/** What happened at the first hearing (FHDRA), DOMAIN §3.1 step 7. */
export const firstHearingOutcome = pgTable('first_hearing_outcome', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => caseRecord.id),
  heardOn: date('heard_on', { mode: 'string' }).notNull(),
  /** resolved | further-work */
  outcome: text('outcome').notNull(),
  /** Orders made at the hearing (C43, C43A, C45A …). */
  ordersMade: text('orders_made').array().notNull().default(sql`'{}'::text[]`),
  /** section-7 | rule-16-4 | s16a | child-impact | other, when further work is ordered */
  reportType: text('report_type'),
  filingDueOn: date('filing_due_on', { mode: 'string' }),
  nextHearingOn: date('next_hearing_on', { mode: 'string' }),
  childProtectionReferralMade: boolean('child_protection_referral_made').notNull().default(false),
  notes: text('notes'),
  recordedBy: uuid('recorded_by')
    .notNull()
    .references(() => userAccount.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
});
