/**
 * Direct work: what other modules may use of the work with each child (DOMAIN §3.2 steps 4 to 6):
 * sessions, the child impact analysis with the welfare checklist, diversity and signposting.
 */

export { type ChildWorkEvidence, listChildWorkEvidence } from './evidence.ts';
export {
  DIVERSITY_ASPECTS,
  missingWelfareHeadings,
  seenStatus,
  WELFARE_CHECKLIST,
  welfareParagraph,
} from './rules.ts';
