/**
 * Allocation: what other modules may use of allocation and weighted caseloads (DOMAIN §3.2
 * step 1, §5.3).
 */

export { allocatable, allocateToPractitioner, FRONT_DOOR_STATES } from './allocate.ts';
export { monthEndDeadline, queueClock } from './deadlines.ts';
export {
  getPractitionerLoad,
  listPractitionerLoads,
  listUnallocated,
  loadWeightTable,
  type PractitionerLoad,
  type QueueRow,
} from './queries.ts';
export {
  CASE_STAGES,
  CASEHOLDER_ROLES,
  type CaseStage,
  capacityUsed,
  caseWeight,
  DEFAULT_WORKLOAD_WEIGHTS,
  defaultWeightTable,
  FULL_TIME_CAPACITY,
  resultingCaseload,
  stageOf,
  type WeightTable,
  weightedCaseload,
} from './workload.ts';
