import type { IsoDate } from '../../../platform/calendar/index.ts';
import type { KpiDefinition, KpiUnit } from '../kpi.ts';
import { caseholderOn, metBy } from './shared.ts';

const SECTION_7_DIRECTIONS = ['section-7', 's7-addendum'];

/** Section 7 reports (and addenda) filed on or before the date agreed with the court. */
export const kpi: KpiDefinition = {
  id: 'section-7-on-time',
  kind: 'rate',
  order: 80,
  title: { en: 'Section 7 reports on time', cy: 'Adroddiadau adran 7 mewn pryd' },
  numerator: {
    en: 'Section 7 reports and addenda filed on or before the agreed date',
    cy: 'Adroddiadau adran 7 ac atodiadau a ffeiliwyd ar neu cyn y dyddiad a gytunwyd',
  },
  denominator: {
    en: 'Section 7 reports and addenda due in the period, filed or past their due date',
    cy: 'Adroddiadau adran 7 ac atodiadau sy’n ddyledus yn y cyfnod, wedi’u ffeilio neu wedi pasio’r dyddiad dyledus',
  },
  definition: {
    en: 'One per direction of the court, counted by its due date (the date at filing, once filed).',
    cy: 'Un ar gyfer pob cyfarwyddyd gan y llys, wedi’i gyfrif yn ôl ei ddyddiad dyledus (y dyddiad wrth ffeilio, unwaith y’i ffeiliwyd).',
  },
  unit: null,
  defaultTarget: { england: 0.988, wales: 0.988 },
  better: 'higher',
  source: { en: '98.8% (2015-16)', cy: '98.8% (2015-16)' },
  earlyWarning: {
    action: { en: 'File the section 7 report', cy: 'Ffeilio’r adroddiad adran 7' },
    actor: 'practitioner',
  },
  measure(b) {
    const units: KpiUnit[] = [];
    for (const d of b.directions) {
      if (!SECTION_7_DIRECTIONS.includes(d.reportType) || d.dueOn === null) continue;
      const report = b.reports.find((r) => r.directionId === d.id) ?? null;
      const dueOn: IsoDate = report?.filedOn && report.dueOn ? report.dueOn : d.dueOn;
      const doneOn = report?.filedOn ?? d.filedOn;
      units.push({
        unitId: d.id,
        day: dueOn,
        dueOn,
        doneOn,
        value: metBy(doneOn, dueOn),
        practitionerId: report?.authorId ?? caseholderOn(b, dueOn),
      });
    }
    return units;
  },
};
