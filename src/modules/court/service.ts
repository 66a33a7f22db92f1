/**
 * Court: hearings, orders and directions (DOMAIN §3.2 step 8) and telling the parties of
 * delay (§3.4). What other modules may use.
 */

export type { DelayNoticeInput, DirectionInput, HearingInput, OrderInput } from './forms.ts';
export {
  AT_RISK_PAGE_SIZE,
  type DirectionRow,
  finalOrderOf,
  type HearingRow,
  listDirections,
  listHearings,
  listOrders,
  nextHearing,
  type OrderRow,
} from './queries.ts';
export {
  addDirection,
  addHearing,
  changeDirectionDate,
  changeHearing,
  lateItemText,
  recordOrder,
  sendDelayNotice,
} from './records.ts';
export {
  atRiskThrough,
  channelsFor,
  DELAY_WARNING_WORKING_DAYS,
  type DelayRisk,
  DIRECTION_TYPES,
  delayRisk,
  FINAL_ORDER_STATES,
  HEARING_STATUSES,
  HEARING_TYPES,
  ORDER_TYPES,
  type PartyContact,
  willBeMissed,
} from './rules.ts';
