import type { FormError } from '../../platform/forms/validation.ts';
import type { Messages } from '../../platform/i18n/i18n.ts';
import type { KpiDefinition, Nation } from './kpi.ts';
import { KPIS } from './kpis/index.ts';
import { labelIn } from './periods.ts';
import { type KpiTargets, NATIONS, type NationTarget, targetAsTyped, targetEntry } from './targets.ts';

/** Typed view models of the KPI targets administration pages: pure functions of listTargets. */

interface FormErrors {
  errors?: FormError[];
  fieldErrors?: Record<string, { text: string }>;
}

const LIST = '/admin/reference/kpi-targets';

export const targetHref = (kpi: KpiDefinition) => `${LIST}/${encodeURIComponent(kpi.id)}`;

/** A target as people read it: 97.5% (a rate), +10% on the year before (demand), 0.75 working days. */
export function formatTarget(m: Messages, kpi: KpiDefinition, target: number | null): string {
  if (target === null) return m.t('targets.noTarget');
  const number = (v: number, digits: number) =>
    new Intl.NumberFormat(m.locale, { maximumFractionDigits: digits }).format(v);
  switch (kpi.kind) {
    case 'rate':
      return `${number(target * 100, 1)}%`;
    case 'count':
      return m.t('performance.change', { change: `+${number(target * 100, 1)}%` });
    default:
      return `${number(target, 2)} ${labelIn(kpi.unit ?? { en: '', cy: '' }, m.language)}`.trim();
  }
}

const statusOf = (m: Messages, n: NationTarget) =>
  n.set
    ? { text: m.t('targets.status.set'), classes: 'govuk-tag--blue' }
    : { text: m.t('targets.status.default'), classes: 'govuk-tag--grey' };

export function targetsViewModel(m: Messages, input: { rows: KpiTargets[]; notice: string | null }) {
  const { t } = m;
  const saved = input.notice ? KPIS.find((k) => k.id === input.notice) : undefined;
  return {
    pageTitle: t('targets.title'),
    backHref: '/admin/reference',
    notice: saved ? t('targets.saved', { kpi: labelIn(saved.title, m.language) }) : null,
    nations: NATIONS.map((n) => t(`targets.nations.${n}`)),
    rows: input.rows.map((r) => {
      const name = labelIn(r.kpi.title, m.language);
      return {
        id: r.kpi.id,
        name,
        targets: NATIONS.map((n) => ({
          value: formatTarget(m, r.kpi, r.nations[n].target),
          status: statusOf(m, r.nations[n]),
        })),
        href: targetHref(r.kpi),
        changeLabel: t('targets.changeFor', { kpi: name }),
      };
    }),
  };
}

export function targetFormViewModel(
  m: Messages,
  input: {
    current: KpiTargets;
    /** What was posted, to show again after a refusal (else the current targets). */
    values: Partial<Record<string, string>>;
    formToken: string;
  } & FormErrors,
) {
  const { t } = m;
  const { kpi, nations } = input.current;
  const name = labelIn(kpi.title, m.language);
  const entry = targetEntry(kpi);
  const style = entry.percent ? (kpi.kind === 'rate' ? 'percent' : 'change') : 'number';
  const latest = NATIONS.map((n) => nations[n])
    .filter((n) => n.updatedAt !== null)
    .reduce<NationTarget | null>(
      (a, n) => (a === null || new Date(n.updatedAt ?? 0) > new Date(a.updatedAt ?? 0) ? n : a),
      null,
    );
  const field = (n: Nation) => {
    const current = nations[n];
    const mode = input.values[`mode-${n}`] ?? (current.set ? 'set' : 'default');
    return {
      nation: n,
      legend: t(`targets.nations.${n}`),
      modeName: `mode-${n}`,
      modeError: input.fieldErrors?.[`mode-${n}`],
      useDefault: {
        text: t('targets.useDefault', { target: formatTarget(m, kpi, current.defaultTarget) }),
        checked: mode === 'default',
      },
      useTarget: { text: t('targets.setTarget'), checked: mode === 'set' },
      input: {
        id: `target-${n}`,
        label: t(`targets.label.${n}`),
        hint: t(`targets.hint.${style}`),
        suffix: entry.percent ? '%' : labelIn(kpi.unit ?? { en: '', cy: '' }, m.language) || null,
        value: input.values[`target-${n}`] ?? targetAsTyped(kpi, current.target),
        error: input.fieldErrors?.[`target-${n}`],
      },
      versionName: `version-${n}`,
      version: String(current.version),
    };
  };
  return {
    pageTitle: t('targets.formTitle', { kpi: name }),
    kpiName: name,
    definition: labelIn(kpi.definition, m.language),
    source: t('targets.source', { source: labelIn(kpi.source, m.language) }),
    notJudged: kpi.better === null ? t('targets.notJudged') : null,
    action: targetHref(kpi),
    backHref: LIST,
    lastChanged:
      latest?.updatedByName && latest.updatedAt
        ? t('targets.lastChanged', { name: latest.updatedByName, date: m.formatDateTime(latest.updatedAt) })
        : null,
    fields: NATIONS.map(field),
    formToken: input.formToken,
    errors: input.errors,
    fieldErrors: input.fieldErrors,
  };
}
