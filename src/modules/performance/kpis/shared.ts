import type { IsoDate } from '../../../platform/calendar/index.ts';
import { CASEHOLDER_ROLES } from '../../allocation/service.ts';
import type { CaseBundle } from '../case-bundle.ts';

/** Shared steps of the KPI definitions (kpi-spec: docs/kpis.md). */

export const isCaseholder = (role: string) => (CASEHOLDER_ROLES as readonly string[]).includes(role);

/** The earliest caseholder allocation made on or after `from` (and before `before`, if given). */
export function firstCaseholderFrom(
  bundle: CaseBundle,
  from: IsoDate | null,
  before: IsoDate | null = null,
): CaseBundle['allocations'][number] | null {
  let best: CaseBundle['allocations'][number] | null = null;
  for (const a of bundle.allocations) {
    if (!isCaseholder(a.role)) continue;
    if (from !== null && a.allocatedOn < from) continue;
    if (before !== null && a.allocatedOn >= before) continue;
    if (best === null || a.allocatedOn < best.allocatedOn) best = a;
  }
  return best;
}

/** The caseholder whose allocation covers `day` (the latest allocated if several). */
export function caseholderOn(bundle: CaseBundle, day: IsoDate): string | null {
  let best: CaseBundle['allocations'][number] | null = null;
  for (const a of bundle.allocations) {
    if (!isCaseholder(a.role) || a.allocatedOn > day) continue;
    if (a.endedOn !== null && a.endedOn <= day) continue;
    if (best === null || a.allocatedOn >= best.allocatedOn) best = a;
  }
  return best?.userId ?? null;
}

/** 1 when done on or before the due date, else 0. */
export const metBy = (doneOn: IsoDate | null, dueOn: IsoDate | null): number =>
  doneOn !== null && dueOn !== null && doneOn <= dueOn ? 1 : 0;

/** The greater of two dates. */
export const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/** The calendar day before `date`. */
export function dayBefore(date: IsoDate): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10) as IsoDate;
}

/** The last calendar day of every month from `from`'s month to the month before `today`'s. */
export function monthEndsBetween(from: IsoDate, today: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(today.slice(0, 4));
  const endM = Number(today.slice(5, 7));
  while (y < endY || (y === endY && m < endM)) {
    out.push(new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) as IsoDate);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
