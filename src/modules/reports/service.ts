/**
 * Reports to court (DOMAIN §3.2 step 7): what other modules may use.
 */

export { latestFiledReport } from './queries.ts';
export { REPORT_KINDS, type ReportKind } from './sections.ts';
