/**
 * Safeguarding: what other modules may use of the work to the first hearing.
 * Each part (screening, checks, interviews, letters, first hearing) exports from here.
 */

export { CHECK_OUTCOMES, type CheckOutcome } from './checks.ts';
export * from './clocks.ts';
export { FIRST_HEARING_REPORT_TYPES, PRL_ORDER_TYPES } from './first-hearing.ts';
export { DA_QUESTIONS, daScreeningSummary } from './interviews.ts';
export { RECOMMENDATIONS, type Recommendation } from './letter-sections.ts';
export { listLettersToReview, type ReviewQueueRow, staffFacts } from './letters.ts';
export { getSafeguardingRecords, type SafeguardingRecords } from './queries.ts';
export { RISK_FLAGS, SCREENING_DECISIONS } from './screening.ts';
