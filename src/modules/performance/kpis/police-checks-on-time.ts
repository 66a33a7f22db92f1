import type { KpiDefinition } from '../kpi.ts';
import { metBy } from './shared.ts';

/** Police checks returned within 2 working days of the request (DOMAIN §3.1 step 4). */
export const kpi: KpiDefinition = {
  id: 'police-checks-on-time',
  kind: 'rate',
  order: 20,
  title: { en: 'Police checks on time', cy: 'Gwiriadau’r heddlu mewn pryd' },
  numerator: {
    en: 'Police checks returned within 2 working days of the request',
    cy: 'Gwiriadau’r heddlu a ddychwelwyd o fewn 2 ddiwrnod gwaith o’r cais',
  },
  denominator: {
    en: 'Police checks requested in the period, returned or past their due date',
    cy: 'Gwiriadau’r heddlu y gofynnwyd amdanynt yn y cyfnod, wedi’u dychwelyd neu wedi pasio’r dyddiad dyledus',
  },
  definition: {
    en: 'Counted by the date the check was requested. Due 2 working days later.',
    cy: 'Wedi’i gyfrif yn ôl dyddiad y cais. Yn ddyledus 2 ddiwrnod gwaith yn ddiweddarach.',
  },
  unit: null,
  defaultTarget: { england: 0.9, wales: 0.9 },
  better: 'higher',
  source: { en: '“Most within two days” (2018)', cy: '“Y rhan fwyaf o fewn deuddydd” (2018)' },
  earlyWarning: { action: { en: 'Chase the police check', cy: 'Mynd ar ôl gwiriad yr heddlu' }, actor: 'practitioner' },
  measure(b, ctx) {
    return b.checks
      .filter((c) => c.kind === 'police')
      .map((c) => {
        const dueOn = ctx.calendar.addWorkingDays(c.requestedOn, 2);
        return {
          unitId: c.id,
          day: c.requestedOn,
          dueOn,
          doneOn: c.returnedOn,
          value: metBy(c.returnedOn, dueOn),
          practitionerId: c.createdBy,
        };
      });
  },
};
