import type { KpiDefinition } from '../kpi.ts';
import { metBy } from './shared.ts';

/** Private-law applications screened within 1 working day of receipt (DOMAIN §3.1 step 3). */
export const kpi: KpiDefinition = {
  id: 'screening-on-time',
  kind: 'rate',
  order: 10,
  title: { en: 'Screening on time', cy: 'Sgrinio mewn pryd' },
  numerator: {
    en: 'Private law applications screened within 1 working day of receipt',
    cy: 'Ceisiadau cyfraith breifat a sgriniwyd o fewn 1 diwrnod gwaith o’u derbyn',
  },
  denominator: {
    en: 'Private law applications received in the period, screened or past their due date',
    cy: 'Ceisiadau cyfraith breifat a dderbyniwyd yn y cyfnod, wedi’u sgrinio neu wedi pasio’r dyddiad dyledus',
  },
  definition: {
    en: 'Counted by the date the application was received. Due the next working day.',
    cy: 'Wedi’i gyfrif yn ôl y dyddiad y daeth y cais i law. Yn ddyledus y diwrnod gwaith nesaf.',
  },
  unit: null,
  defaultTarget: { england: 0.95, wales: 0.95 },
  better: 'higher',
  source: { en: '“Within 24 hours” (2018)', cy: '“O fewn 24 awr” (2018)' },
  earlyWarning: { action: { en: 'Screen the application', cy: 'Sgrinio’r cais' }, actor: 'manager' },
  measure(b, ctx) {
    if (b.law !== 'private') return [];
    const dueOn = ctx.calendar.addWorkingDays(b.receivedOn, 1);
    const doneOn = b.screening?.screenedOn ?? null;
    return [
      {
        unitId: b.caseId,
        day: b.receivedOn,
        dueOn,
        doneOn,
        value: metBy(doneOn, dueOn),
        practitionerId: b.screening?.screenedBy ?? null,
      },
    ];
  },
};
