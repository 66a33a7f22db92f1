/**
 * Management oversight: what other modules may use of self-regulation (DOMAIN §5.2):
 * whether a practitioner files without review now, and the cases marked for audit while
 * a practitioner has stepped down (for the quality module).
 */

export {
  AUDIT_SAMPLE_SIZE,
  type AuditSampleMarkRow,
  changeSelfRegulation,
  isSelfRegulating,
  listAuditSampleMarks,
  type SelfRegulationChange,
} from './self-regulation.ts';
