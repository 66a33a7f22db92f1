import { type IsoDate, isIsoDate } from '../../platform/calendar/index.ts';
import type { KpiText } from './kpi.ts';
import type { Period, PeriodKind } from './read-model.ts';

/**
 * The periods figures are read over (DOMAIN §6): a calendar month, a calendar quarter, a
 * financial year (1 April to 31 March) or a custom range of dates, both ends included.
 */

export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'financial-year', 'custom'];
/** The longest custom range: ten years of history (DOMAIN §11). */
export const MAX_RANGE_DAYS = 3653;
/** The earliest date figures are read for (the bank-holiday data starts in 2015). */
export const EARLIEST_DATE = '2015-01-01';

export type PeriodError = { field: string; key: string };
export type PeriodResult = { ok: true; period: Period } | { ok: false; errors: PeriodError[] };

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}` as IsoDate;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function monthName(y: number, m: number, language: 'en' | 'cy'): string {
  return new Intl.DateTimeFormat(language === 'cy' ? 'cy' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}

function dateText(date: IsoDate, language: 'en' | 'cy'): string {
  return new Intl.DateTimeFormat(language === 'cy' ? 'cy' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

export function monthPeriod(y: number, m: number): Period {
  return {
    kind: 'month',
    from: iso(y, m, 1),
    to: iso(y, m, lastDay(y, m)),
    label: { en: monthName(y, m, 'en'), cy: monthName(y, m, 'cy') },
  };
}

export function quarterPeriod(y: number, q: number): Period {
  const first = (q - 1) * 3 + 1;
  return {
    kind: 'quarter',
    from: iso(y, first, 1),
    to: iso(y, first + 2, lastDay(y, first + 2)),
    label: {
      en: `Quarter ${q} ${y} (${monthName(y, first, 'en').split(' ')[0]} to ${monthName(y, first + 2, 'en')})`,
      cy: `Chwarter ${q} ${y} (${monthName(y, first, 'cy').split(' ')[0]} i ${monthName(y, first + 2, 'cy')})`,
    },
  };
}

export function financialYearPeriod(y: number): Period {
  return {
    kind: 'financial-year',
    from: iso(y, 4, 1),
    to: iso(y + 1, 3, 31),
    label: { en: `Financial year ${y} to ${y + 1}`, cy: `Blwyddyn ariannol ${y} i ${y + 1}` },
  };
}

export function customPeriod(from: IsoDate, to: IsoDate): Period {
  return {
    kind: 'custom',
    from,
    to,
    label: {
      en: `${dateText(from, 'en')} to ${dateText(to, 'en')}`,
      cy: `${dateText(from, 'cy')} i ${dateText(to, 'cy')}`,
    },
  };
}

/** The default: the last complete calendar month before today. */
export function defaultPeriod(today: IsoDate): Period {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
}

const daysBetween = (a: IsoDate, b: IsoDate) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * Reads a period from query values (period=month&month=YYYY-MM, period=quarter&quarter=YYYY-Qn,
 * period=financial-year&year=YYYY, period=custom&from=…&to=…). No `period`: the default. Error
 * keys are locale keys under performance.errors.
 */
export function parsePeriod(query: Record<string, unknown>, today: IsoDate): PeriodResult {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string).trim() : '');
  const kind = text('period');
  const fail = (field: string, key: string): PeriodResult => ({ ok: false, errors: [{ field, key }] });
  const notFuture = (p: Period, field: string): PeriodResult => {
    if (p.from > today) return fail(field, 'performance.errors.periodInFuture');
    if (p.from < EARLIEST_DATE) return fail(field, 'performance.errors.periodTooEarly');
    return { ok: true, period: p };
  };
  if (kind === '') return { ok: true, period: defaultPeriod(today) };
  switch (kind) {
    case 'month': {
      const m = /^(\d{4})-(\d{2})$/.exec(text('month'));
      if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return fail('month', 'performance.errors.month');
      return notFuture(monthPeriod(Number(m[1]), Number(m[2])), 'month');
    }
    case 'quarter': {
      const m = /^(\d{4})-Q([1-4])$/i.exec(text('quarter'));
      if (!m) return fail('quarter', 'performance.errors.quarter');
      return notFuture(quarterPeriod(Number(m[1]), Number(m[2])), 'quarter');
    }
    case 'financial-year': {
      const m = /^(\d{4})$/.exec(text('year'));
      if (!m) return fail('year', 'performance.errors.year');
      return notFuture(financialYearPeriod(Number(m[1])), 'year');
    }
    case 'custom': {
      const from = text('from');
      const to = text('to');
      const errors: PeriodError[] = [];
      if (!isIsoDate(from)) errors.push({ field: 'from', key: 'performance.errors.from' });
      if (!isIsoDate(to)) errors.push({ field: 'to', key: 'performance.errors.to' });
      if (errors.length > 0) return { ok: false, errors };
      const f = from as IsoDate;
      const t = to as IsoDate;
      if (t < f) return fail('to', 'performance.errors.inverted');
      if (daysBetween(f, t) > MAX_RANGE_DAYS) return fail('to', 'performance.errors.tooLong');
      return notFuture(customPeriod(f, t), 'from');
    }
    default:
      return fail('period', 'performance.errors.period');
  }
}

/** The same dates a year earlier (29 February becomes 28 February). */
export function previousYear(period: Period): Period {
  const back = (d: IsoDate) => {
    const y = Number(d.slice(0, 4)) - 1;
    const m = Number(d.slice(5, 7));
    return iso(y, m, Math.min(Number(d.slice(8, 10)), lastDay(y, m)));
  };
  return customPeriod(back(period.from), back(period.to));
}

/** The trend's months: the 12 ending with the period's last month, or all of a longer period's (at most 120). */
export function trendMonths(period: Period): { month: string; from: IsoDate; to: IsoDate }[] {
  let y = Number(period.to.slice(0, 4));
  let m = Number(period.to.slice(5, 7));
  const startMonth = period.from.slice(0, 7);
  const out: { month: string; from: IsoDate; to: IsoDate }[] = [];
  while (out.length < 120) {
    const month = `${y}-${pad(m)}`;
    out.unshift({ month, from: iso(y, m, 1), to: iso(y, m, lastDay(y, m)) });
    if (out.length >= 12 && month <= startMonth) break;
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

/** A period's query string (to keep it in links). */
export function periodQuery(period: Period): Record<string, string> {
  switch (period.kind) {
    case 'month':
      return { period: 'month', month: period.from.slice(0, 7) };
    case 'quarter':
      return { period: 'quarter', quarter: `${period.from.slice(0, 4)}-Q${(Number(period.from.slice(5, 7)) + 2) / 3}` };
    case 'financial-year':
      return { period: 'financial-year', year: period.from.slice(0, 4) };
    default:
      return { period: 'custom', from: period.from, to: period.to };
  }
}

export const labelIn = (text: KpiText, language: string) => (language === 'cy' ? text.cy : text.en);
