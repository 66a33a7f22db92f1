import type { IsoDate } from '../../../platform/calendar/index.ts';
import { monthEndDeadline } from '../../allocation/service.ts';
import type { KpiDefinition, KpiUnit } from '../kpi.ts';
import { firstCaseholderFrom, metBy } from './shared.ts';

/**
 * Private-law cases allocated by the end of the month they became ready for allocation. Each
 * time a case becomes ready (after the first hearing, or when reopened) is one episode.
 */
export const kpi: KpiDefinition = {
  id: 'allocated-by-month-end-private',
  kind: 'rate',
  order: 50,
  title: { en: 'Allocated by month end: private law', cy: 'Wedi’u dyrannu erbyn diwedd y mis: cyfraith breifat' },
  numerator: {
    en: 'Private law cases allocated by the last working day of the month they became ready',
    cy: 'Achosion cyfraith breifat a ddyrannwyd erbyn diwrnod gwaith olaf y mis y daethant yn barod',
  },
  denominator: {
    en: 'Private law cases that became ready for allocation in the period, allocated or past the month end',
    cy: 'Achosion cyfraith breifat a ddaeth yn barod i’w dyrannu yn y cyfnod, wedi’u dyrannu neu wedi pasio diwedd y mis',
  },
  definition: {
    en: 'Counted by the date the case became ready for allocation; a reopened case is counted again.',
    cy: 'Wedi’i gyfrif yn ôl y dyddiad y daeth yr achos yn barod i’w ddyrannu; cyfrifir achos a ailagorwyd eto.',
  },
  unit: null,
  defaultTarget: { england: 0.987, wales: 0.987 },
  better: 'higher',
  source: { en: '98.7% (2015-16)', cy: '98.7% (2015-16)' },
  earlyWarning: { action: { en: 'Allocate the case', cy: 'Dyrannu’r achos' }, actor: 'manager' },
  measure(b, ctx) {
    if (b.law !== 'private') return [];
    const ready: IsoDate[] = [];
    for (const e of b.stateEvents) {
      if (e.details.to === 'awaiting-allocation' && ready.at(-1) !== e.on) ready.push(e.on);
    }
    return ready.map((r, i): KpiUnit => {
      const dueOn = monthEndDeadline(ctx.calendar, r) as IsoDate;
      const allocation = firstCaseholderFrom(b, r, ready[i + 1] ?? null);
      const doneOn = allocation?.allocatedOn ?? null;
      return {
        unitId: `${b.caseId}:${r}`,
        day: r,
        dueOn,
        doneOn,
        value: metBy(doneOn, dueOn),
        practitionerId: allocation?.userId ?? null,
      };
    });
  },
};
