/**
 * Planning: what other modules may use of the case plan and the contact log
 * (DOMAIN §3.2 steps 2 and 3).
 */

export {
  type ContactEvidence,
  currentPlan,
  listContactEvidence,
  listReviewsDue,
  type PlanSummary,
  type ReviewDueRow,
} from './queries.ts';
