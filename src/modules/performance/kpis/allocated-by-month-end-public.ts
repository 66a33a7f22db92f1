import type { IsoDate } from '../../../platform/calendar/index.ts';
import { monthEndDeadline } from '../../allocation/service.ts';
import type { KpiDefinition } from '../kpi.ts';
import { firstCaseholderFrom, later, metBy } from './shared.ts';

/** Public-law cases allocated a children's guardian by the end of the month of receipt. */
export const kpi: KpiDefinition = {
  id: 'allocated-by-month-end-public',
  kind: 'rate',
  order: 60,
  title: { en: 'Allocated by month end: public law', cy: 'Wedi’u dyrannu erbyn diwedd y mis: cyfraith gyhoeddus' },
  numerator: {
    en: 'Public law cases allocated by the last working day of the month they were received',
    cy: 'Achosion cyfraith gyhoeddus a ddyrannwyd erbyn diwrnod gwaith olaf y mis y daethant i law',
  },
  denominator: {
    en: 'Public law cases received in the period, allocated or past the month end',
    cy: 'Achosion cyfraith gyhoeddus a dderbyniwyd yn y cyfnod, wedi’u dyrannu neu wedi pasio diwedd y mis',
  },
  definition: {
    en: 'Counted by the date the application was received.',
    cy: 'Wedi’i gyfrif yn ôl y dyddiad y daeth y cais i law.',
  },
  unit: null,
  defaultTarget: { england: 0.997, wales: 0.997 },
  better: 'higher',
  source: { en: '99.7% (2015-16)', cy: '99.7% (2015-16)' },
  earlyWarning: { action: { en: 'Allocate the case', cy: 'Dyrannu’r achos' }, actor: 'manager' },
  measure(b, ctx) {
    if (b.law !== 'public') return [];
    const dueOn = monthEndDeadline(ctx.calendar, b.receivedOn) as IsoDate;
    const allocation = firstCaseholderFrom(b, null);
    const doneOn = allocation ? later(allocation.allocatedOn, b.receivedOn) : null;
    return [
      {
        unitId: b.caseId,
        day: b.receivedOn,
        dueOn,
        doneOn,
        value: metBy(doneOn, dueOn),
        practitionerId: allocation?.userId ?? null,
      },
    ];
  },
};
