/**
 * What closing reads from the parts of the case it does not own, through their services:
 * the court's final order (court module) and our recommendation in the last filed report
 * (reports module).
 */
export { channelsFor, finalOrderOf } from '../court/service.ts';
export { latestFiledReport } from '../reports/service.ts';

export interface FinalOrder {
  id: string;
  orderType: string;
  label: string | null;
  madeOn: string | null;
}

export interface FiledReport {
  id: string;
  kind: string;
  recommendation: string;
  filedOn: string;
}
