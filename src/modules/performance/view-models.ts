import type { Messages } from '../../platform/i18n/i18n.ts';
import { paginationItems } from '../casework/service.ts';
import { trendChart } from './chart.ts';
import type { KpiDefinition } from './kpi.ts';
import { KPIS } from './kpis/index.ts';
import { labelIn, PERIOD_KINDS, periodQuery } from './periods.ts';
import type { Dashboard, DrillDown, Figure, FigurePart, Period } from './read-model.ts';

/** Typed view models of the performance pages: pure functions of the read model's answers. */

export type ScopeView = { level: 'national' | 'area' | 'team' | 'practitioner'; id: string | null; name: string };

/** A figure's value as people read it: 97.3%, 0.8 working days, 12.4 points, +10.3% on last year. */
/**
 * Number and month formats, made once per locale and shape: making an Intl formatter costs
 * far more than using one, and a national dashboard formats about a thousand values.
 */
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: string, min: number | undefined, max: number): Intl.NumberFormat {
  const key = `n|${locale}|${min}|${max}`;
  let f = formats.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max });
    formats.set(key, f);
  }
  return f;
}
function monthFormat(locale: string): Intl.DateTimeFormat {
  const key = `m|${locale}`;
  let f = formats.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    formats.set(key, f);
  }
  return f;
}

export function formatValue(m: Messages, k: KpiDefinition, value: number | null): string {
  if (value === null) return m.t('performance.noValue');
  const number = (v: number, digits = 1) => numberFormat(m.locale, digits, digits).format(v);
  switch (k.kind) {
    case 'rate':
      return `${number(value * 100)}%`;
    case 'count':
      return m.t('performance.change', { change: `${value > 0 ? '+' : ''}${number(value * 100)}%` });
    default:
      return `${number(value)} ${labelIn(k.unit ?? { en: '', cy: '' }, m.language)}`.trim();
  }
}

function formatTarget(m: Messages, k: KpiDefinition, target: number | null): string | null {
  if (target === null) return null;
  return k.kind === 'rate'
    ? `${numberFormat(m.locale, undefined, 1).format(target * 100)}%`
    : formatValue(m, k, target);
}

/** The query string of a scope and period (plus extras), for links between the pages. */
export function scopeQuery(scope: ScopeView, period: Period, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ ...periodQuery(period), ...extra });
  if (scope.level !== 'national' && scope.id) q.set(scope.level, scope.id);
  return q.toString();
}

export function scopeHref(scope: ScopeView): string {
  switch (scope.level) {
    case 'national':
      return '/performance/national';
    case 'area':
      return `/performance/areas/${encodeURIComponent(scope.id ?? '')}`;
    case 'team':
      return `/performance/teams/${encodeURIComponent(scope.id ?? '')}`;
    default:
      return `/performance/practitioners/${encodeURIComponent(scope.id ?? '')}`;
  }
}

function card(m: Messages, scope: ScopeView, period: Period, f: Figure) {
  const k = KPIS.find((x) => x.id === f.kpi) as KpiDefinition;
  const link = (part: FigurePart) => `/performance/kpis/${k.id}?${scopeQuery(scope, period, { part })}`;
  return {
    id: k.id,
    title: labelIn(k.title, m.language),
    value: formatValue(m, k, f.value),
    target: formatTarget(m, k, f.target),
    tag:
      f.meetsTarget === null
        ? null
        : f.meetsTarget
          ? { text: m.t('performance.meetsTarget'), classes: 'govuk-tag--green' }
          : { text: m.t('performance.missesTarget'), classes: 'govuk-tag--red' },
    numerator: { text: String(f.numerator), label: labelIn(k.numerator, m.language), href: link('numerator') },
    denominator: { text: String(f.denominator), label: labelIn(k.denominator, m.language), href: link('denominator') },
    definition: labelIn(k.definition, m.language),
    source: labelIn(k.source, m.language),
    snapshot: f.snapshotOn ? m.t('performance.snapshotOn', { date: m.formatDate(f.snapshotOn) }) : null,
  };
}

function monthLabel(m: Messages, month: string): string {
  return monthFormat(m.locale).format(new Date(`${month}-01T00:00:00Z`));
}

export function dashboardViewModel(
  m: Messages,
  input: {
    scope: ScopeView;
    period: Period;
    dashboard: Dashboard;
    areaNames: Map<string, string>;
    periodForm: Record<string, string>;
    errors?: { field: string; text: string; href: string }[];
    links: { href: string; text: string }[];
  },
) {
  const { scope, period, dashboard } = input;
  const cards = dashboard.figures.map((f) => card(m, scope, period, f));
  const trends = KPIS.filter((k) => dashboard.figures.some((f) => f.kpi === k.id)).map((k) => {
    const points = dashboard.trend.filter((p) => p.kpi === k.id);
    const title = m.t('performance.trend.title', { kpi: labelIn(k.title, m.language) });
    const target = dashboard.figures.find((f) => f.kpi === k.id)?.target ?? null;
    return {
      id: k.id,
      title,
      svg: trendChart({
        title,
        description: m.t('performance.trend.description'),
        points: points.map((p) => ({ label: monthLabel(m, p.month), value: p.value })),
        target: k.kind === 'count' ? null : target,
        percent: k.kind === 'rate',
        format: (v) =>
          k.kind === 'rate' || k.kind === 'count'
            ? `${Math.round(v * 100)}%`
            : numberFormat(m.locale, undefined, 1).format(v),
      }),
      rows: points.map((p) => ({
        month: monthLabel(m, p.month),
        numerator: String(p.numerator),
        denominator: String(p.denominator),
        value: formatValue(m, k, p.value),
      })),
    };
  });
  const comparison = (
    dashboard.areas.length > 0
      ? dashboard.areas.map((a) => ({
          id: a.areaId,
          name: input.areaNames.get(a.areaId) ?? a.areaId,
          figures: a.figures,
          level: 'area' as const,
        }))
      : dashboard.breakdown.map((b) => ({
          id: b.id,
          name: b.name,
          figures: b.figures,
          level: scope.level === 'area' ? ('team' as const) : ('practitioner' as const),
        }))
  ).map((row) => ({
    name: row.name,
    href: `${scopeHref({ level: row.level, id: row.id, name: row.name })}?${new URLSearchParams(periodQuery(period))}`,
    values: row.figures.map((f) => {
      const k = KPIS.find((x) => x.id === f.kpi) as KpiDefinition;
      return formatValue(m, k, f.value);
    }),
  }));
  const freshness = dashboard.freshness;
  return {
    pageTitle: `${m.t(`performance.title.${scope.level}`, { name: scope.name })}`,
    scopeName: scope.name,
    periodLabel: labelIn(period.label, m.language),
    cards,
    trends,
    comparison: {
      caption:
        scope.level === 'national'
          ? m.t('performance.comparison.areas')
          : scope.level === 'area'
            ? m.t('performance.comparison.teams')
            : m.t('performance.comparison.practitioners'),
      headers: dashboard.figures.map((f) =>
        labelIn((KPIS.find((k) => k.id === f.kpi) as KpiDefinition).title, m.language),
      ),
      rows: comparison,
    },
    showComparison: scope.level !== 'practitioner',
    freshness: freshness.refreshedAt
      ? m.t('performance.freshness', {
          time: m.formatDateTime(freshness.refreshedAt),
          waiting: String(freshness.casesWaiting),
        })
      : m.t('performance.notYetMeasured', { waiting: String(freshness.casesWaiting) }),
    periodForm: {
      action: scopeHref(scope),
      kinds: PERIOD_KINDS.map((k) => ({
        value: k,
        text: m.t(`performance.period.${k}`),
        checked: input.periodForm.period === k,
      })),
      values: input.periodForm,
    },
    errors: input.errors ?? [],
    links: input.links,
    earlyWarningHref: `/performance/early-warning${scope.level === 'team' && scope.id ? `?team=${encodeURIComponent(scope.id)}` : ''}`,
  };
}

export function drillDownViewModel(
  m: Messages,
  input: { kpi: KpiDefinition; part: FigurePart; scope: ScopeView; period: Period; result: DrillDown },
) {
  const { kpi, part, scope, period, result } = input;
  const base = `/performance/kpis/${kpi.id}`;
  const href = (page: number) => `${base}?${scopeQuery(scope, period, { part, page: String(page) })}`;
  return {
    pageTitle: `${labelIn(kpi.title, m.language)}: ${labelIn(part === 'numerator' ? kpi.numerator : kpi.denominator, m.language)}`,
    kpiTitle: labelIn(kpi.title, m.language),
    partLabel: labelIn(part === 'numerator' ? kpi.numerator : kpi.denominator, m.language),
    scopeName: scope.name,
    periodLabel: labelIn(period.label, m.language),
    backHref: `${scopeHref(scope)}?${new URLSearchParams(periodQuery(period))}`,
    otherPart: {
      href: `${base}?${scopeQuery(scope, period, { part: part === 'numerator' ? 'denominator' : 'numerator' })}`,
      text: m.t(part === 'numerator' ? 'performance.drill.showDenominator' : 'performance.drill.showNumerator'),
    },
    csvHref: `${base}/export.csv?${scopeQuery(scope, period, { part })}`,
    total: m.t('performance.drill.total', { count: String(result.total) }),
    hidden:
      result.hidden === 1
        ? m.t('performance.drill.hiddenOne')
        : result.hidden > 1
          ? m.t('performance.drill.hidden', { count: String(result.hidden) })
          : null,
    rows: result.rows.map((r) => ({
      href: `/cases/${r.caseId}`,
      reference: r.reference,
      day: m.formatDate(r.day, 'short'),
      due: r.dueOn ? m.formatDate(r.dueOn, 'short') : '',
      done: r.doneOn ? m.formatDate(r.doneOn, 'short') : m.t('performance.drill.notDone'),
      value:
        kpi.kind === 'rate'
          ? m.t(r.value === 1 ? 'performance.drill.met' : 'performance.drill.missed')
          : String(r.value),
      practitioner: r.practitionerName ?? '',
    })),
    practitioners:
      result.practitioners?.map((p) => ({ name: p.name, cases: String(p.cases), points: String(p.points) })) ?? null,
    valueHeading: m.t(kpi.kind === 'rate' ? 'performance.drill.columns.met' : 'performance.drill.columns.value'),
    pagination: paginationItems(
      result.page,
      result.practitioners ? result.total : result.total - result.hidden,
      result.pageSize,
      href,
    ),
    empty: result.rows.length === 0 && !(result.practitioners && result.practitioners.length > 0),
  };
}
